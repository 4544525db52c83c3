package io.github.binfiles.variable;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.RecordReader;
import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.report.CorruptionPolicy;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Record start and end offsets (Cobrix's {@code record_start_offset} / {@code record_end_offset}):
 * files written byte by byte here, records {@code "PP" + data + "S"}, read with offsets 2 and 1 as
 * their data alone; a record shorter than both offsets is damage; writers refuse such a format.
 */
public class RecordOffsetsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static byte[] rdw(String record) {
    byte[] r = record.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[4 + r.length];
    out[1] = (byte) (4 + r.length); // big-endian RDW counting itself
    System.arraycopy(r, 0, out, 4, r.length);
    return out;
  }

  private Path file(byte[]... parts) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p);
    }
    return Files.write(tmp.newFile().toPath(), out.toByteArray());
  }

  private static List<String> read(VariableFormat f, Path p) throws Exception {
    List<String> out = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(p)) {
      RecordReader r = RecordReader.open(f.framing(), FileRange.of(p.toString(), ch.size(), 0, ch.size(), ch, false),
          CorruptionPolicy.FAIL, 0);
      while (r.next()) {
        out.add(new String(r.record().array(), r.record().index(), r.record().length(), StandardCharsets.US_ASCII));
      }
    }
    return out;
  }

  @Test
  public void vRecordsLoseTheirPrefixAndSuffix() throws Exception {
    Path p = file(rdw("PPAS"), rdw("PPBBS"), rdw("PPCCCS"), rdw("PPS"));
    assertEquals(List.of("A", "BB", "CCC", ""), read(VariableFormat.records().withRecordOffsets(2, 1), p));
    assertEquals(List.of("PPAS", "PPBBS", "PPCCCS", "PPS"), read(VariableFormat.records(), p));
  }

  @Test
  public void vbRecordsLoseTheirPrefixAndSuffix() throws Exception {
    byte[] records = Files.readAllBytes(file(rdw("PPAS"), rdw("PPBBS"), rdw("PPCCCS")));
    byte[] bdw = {0, (byte) (4 + records.length), 0, 0}; // one block of the three records
    Path p = file(bdw, records);
    assertEquals(List.of("A", "BB", "CCC"), read(VariableFormat.blocked().withRecordOffsets(2, 1), p));
  }

  @Test
  public void aRecordShorterThanItsOffsetsIsDamage() throws Exception {
    Path p = file(rdw("PPAS"), rdw("PS"));
    BinaryFileException e = assertThrows(BinaryFileException.class,
        () -> read(VariableFormat.records().withRecordOffsets(2, 1), p));
    assertTrue(e.getMessage(), e.getMessage().contains("at least 3 bytes (its start and end offsets)"));
  }

  @Test
  public void writersRefuseAFormatThatLeavesBytesOut() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> VariableFormat.records().withRecordOffsets(2, 1).validateForWrite());
    assertTrue(e.getMessage(), e.getMessage().contains("cannot restore them"));
    assertArrayEquals(new byte[] {0, 8, 0, 0, 'P', 'P', 'A', 'S'}, rdw("PPAS"));
  }
}
