package io.github.binfiles.benchmarks;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Settling rewrites a file and must leave every byte as it was, whatever its size. */
public class PageCacheSettlingTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void settlingKeepsEveryByteOfEveryFile() throws Exception {
    Path dir = tmp.getRoot().toPath();
    Random random = new Random(26);
    // Empty, under one chunk, exactly one chunk, and over two chunks by an odd amount.
    int[] sizes = {0, 17, 1 << 20, (2 << 20) + 12_345};
    byte[][] contents = new byte[sizes.length][];
    for (int i = 0; i < sizes.length; i++) {
      contents[i] = new byte[sizes[i]];
      random.nextBytes(contents[i]);
      Files.write(dir.resolve("f" + i), contents[i]);
    }
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    PageCacheSettling.settleAll(dir, new PrintStream(report, true, "UTF-8"));
    for (int i = 0; i < sizes.length; i++) {
      assertArrayEquals("file f" + i, contents[i], Files.readAllBytes(dir.resolve("f" + i)));
      assertTrue(report.toString(StandardCharsets.UTF_8).contains("f" + i));
      assertFalse(Files.exists(dir.resolve("f" + i + ".settling")));
    }
  }
}
