package io.github.binfiles.benchmarks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Runs the comparison harness at a tiny size so CI proves it works end to end (every writer, every
 * reader, record counts checked by the harness itself), then {@link MixedJvmLoop} over its files. A
 * smoke test, not a timing assertion.
 */
public class ReadComparisonSmokeTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void harnessRunsAndPrintsEveryRow() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ReadComparison(6400, 1, 0, tmp.getRoot().toPath(), new PrintStream(bytes, true, "UTF-8")).run();
    String out = bytes.toString(StandardCharsets.UTF_8);
    for (String row : new String[] {"raw FileChannel", "fixed -> byte[]", "fixed -> user type",
        "container none", "container zstd", "container lz4", "container deflate", "avro-null",
        "avro-deflate", "avro-zstd", "tfrecord", "text", "fixed 4 KiB -> byte[]"}) {
      assertTrue(row + " missing from:\n" + out, out.contains("| " + row));
    }
    assertTrue(out, out.contains("WRITE"));
    // The mixed-JVM loop reads the same files: every TFRecord record, each pass.
    assertEquals(3 * 6400, MixedJvmLoop.run(tmp.getRoot().toPath(), 3, new long[1]));
  }

  /** What a forked worker runs: one named reader's pass, and the copy ceiling, each over every record. */
  @Test
  public void forkedWorkersReadEveryRecordOfTheirFile() throws Exception {
    ReadComparison c = new ReadComparison(6400, 1, 0, tmp.getRoot().toPath(), new PrintStream(new ByteArrayOutputStream(), true, "UTF-8"));
    c.reuse = true;
    c.writeAll();
    for (String reader : new String[] {"fixed -> byte[]", "container none (SDF)", "avro-null", "copy ceiling"}) {
      ReadComparison one = new ReadComparison(6400, 1, 0, tmp.getRoot().toPath(), System.out);
      one.only = reader;
      assertEquals(reader, 6400, one.readOnce(reader));
    }
  }
}
