package io.github.binfiles.variable;

import static org.junit.Assert.assertTrue;

import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.RecordReader;
import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.testing.TypedFailure;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.Test;

/**
 * A file read with the wrong settings fails on its first unit with a message that names the
 * settings under which it reads as a chain of intact units: the three Cobrix files read with the
 * defaults (z/OS's big-endian RDWs counting themselves), and a VB file read as V, which would
 * otherwise read as intact records each holding a whole block.
 */
public class VariableDiagnosisTest {
  private static Path testdata(String name) {
    Path p = Paths.get("..", "testdata", name);
    return Files.exists(p) ? p : Paths.get("testdata", name);
  }

  private static String failure(VariableFormat f, Path p) {
    BinaryFileException e = TypedFailure.assertTypedFailure(p, p.toString(), () -> {
      try (FileChannel ch = FileChannel.open(p)) {
        RecordReader r = RecordReader.open(f.framing(), FileRange.of(p.toString(), ch.size(), 0, ch.size(), ch, false),
            CorruptionPolicy.FAIL, 0);
        while (r.next()) {
          // read to the end
        }
      }
    });
    return e.getMessage();
  }

  @Test
  public void wrongAdjustmentNamesTheOneThatFits() {
    String m = failure(VariableFormat.records().withHeaderBytes(100).withTrailerBytes(120),
        testdata("cobrix/test13b_comp_details.dat"));
    assertTrue(m, m.contains("at byte 100") && m.contains("--recfm V --rdw-byte-order big --rdw-adjustment 0"));
  }

  @Test
  public void wrongByteOrderAndAdjustmentNameTheOnesThatFit() {
    for (String file : new String[] {"cobrix/test17_hierarchical.dat", "cobrix/test4_comp_details.dat"}) {
      String m = failure(VariableFormat.records(), testdata(file));
      assertTrue(m, m.contains("--recfm V --rdw-byte-order little --rdw-adjustment 0"));
    }
  }

  @Test
  public void aVbFileReadAsVIsRefused() {
    for (String file : new String[] {"variable-vb-v1.vb"}) {
      String m = failure(VariableFormat.records(), testdata(file));
      assertTrue(m, m.contains("--recfm VB"));
    }
  }

  @Test
  public void aVbFileOfSeveralRecordsPerBlockReadAsVIsRefusedAsABlockFile() throws Exception {
    Path p = Files.createTempFile("customers", ".vb");
    try {
      byte[] fixed = Files.readAllBytes(testdata("copybook/customers.ebc"));
      try (FileChannel ch = FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
        io.github.binfiles.spi.RecordFileWriter<byte[]> w = VariableFormat.blocked().withBlockSize(500)
            .openWriter(ch, io.github.binfiles.spi.RecordEncoder.bytes(), "customers");
        for (int at = 0; at < fixed.length; at += 121) {
          w.write(java.util.Arrays.copyOfRange(fixed, at, at + 121));
        }
        w.finish();
      }
      String m = failure(VariableFormat.records(), p);
      assertTrue(m, m.contains("this looks like a VB file") && m.contains("--recfm VB"));
    } finally {
      Files.delete(p);
    }
  }
}
