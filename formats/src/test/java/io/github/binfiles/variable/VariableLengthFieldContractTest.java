package io.github.binfiles.variable;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.report.RecordId;
import io.github.binfiles.testing.TestRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;

/**
 * Records without RDWs that hold their own length (Cobrix's {@code record_length_field}): a 2-byte
 * big-endian binary field at record byte 0 holding the record's length minus 24. Such files are
 * read whole, one reader per file (nothing but the lengths marks a record), so the two split tests
 * check that the source refuses splits instead; the others hold as for every format. A file cut
 * short is damage from the cut record to the end. A changed length byte cannot be seen (the file
 * then reads as another valid file, VARIABLE.md section 6): there is no structural damage to test.
 * The round trip's 24-byte test records hold 0 in their first two bytes, so they fit the field.
 */
public class VariableLengthFieldContractTest extends VariableContract {
  @Override
  protected VariableFormat format() {
    return VariableFormat.lengthField(new LengthField(0, 2, LengthField.Encoding.BINARY)).withRdwAdjustment(24);
  }

  @Override
  int rdwBytes() {
    return 0;
  }

  /** 24 to 48 bytes, their length minus 24 in the first two. */
  @Override
  protected List<byte[]> sampleRecords() {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      int extra = (i * 7) % 25;
      byte[] r = Arrays.copyOf(TestRecords.record(i + 1000, 48), 24 + extra);
      r[0] = 0;
      r[1] = (byte) extra;
      out.add(r);
    }
    return out;
  }

  @Override
  protected Map<String, byte[]> structuralDamage(Path intact) {
    return Map.of();
  }

  @Override
  protected Map<String, Golden> goldenFiles() {
    return Map.of("variable-length-field-v1.bin", new Golden(
        VariableFormat.lengthField(new LengthField(1, 2, LengthField.Encoding.EBCDIC_DIGITS)),
        List.of(new byte[] {(byte) 0xc1, (byte) 0xf0, (byte) 0xf4, 0x01},
            new byte[] {(byte) 0xc2, (byte) 0xf0, (byte) 0xf6, 0x02, 0x03, 0x04},
            new byte[] {(byte) 0xc3, (byte) 0xf0, (byte) 0xf3})));
  }

  /** In place of Beam's exhaustive split test: the source makes one bundle and refuses dynamic splits. */
  @Override
  @Test
  public void splitAtFractionExhaustive() throws Exception {
    Path f = write(tmp.newFile().toPath(), sampleRecords());
    FileBasedSource<KV<RecordId, byte[]>> s = failing(f);
    List<? extends BoundedSource<KV<RecordId, byte[]>>> parts = s.split(1, options);
    assertEquals("bundles of one file", 1, parts.size());
    try (BoundedSource.BoundedReader<KV<RecordId, byte[]>> r = parts.get(0).createReader(options)) {
      assertTrue(r.start());
      assertNull("a dynamic split", r.splitAtFraction(0.5));
    }
  }

  /** In place of the dynamic split sweep: every range but the one at byte 0 owns nothing. */
  @Override
  @Test
  public void dynamicSplitAtEveryFractionAfterEveryRecord() throws Exception {
    Path f = write(tmp.newFile().toPath(), sampleRecords());
    FileBasedSource<KV<RecordId, byte[]>> s = failing(f);
    long size = java.nio.file.Files.size(f);
    for (long start = 1; start < size; start++) {
      assertEquals("records of the range from " + start, 0,
          org.apache.beam.sdk.testing.SourceTestUtils.readFromSource(s.createSourceForSubrange(start, size), options).size());
    }
    assertEquals(sampleRecords().size(),
        org.apache.beam.sdk.testing.SourceTestUtils.readFromSource(s.createSourceForSubrange(0, 1), options).size());
  }
}
