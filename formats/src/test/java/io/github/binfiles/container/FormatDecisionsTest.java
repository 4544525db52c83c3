package io.github.binfiles.container;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.io.LittleEndian;
import io.github.binfiles.io.OutputBuffer;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.testing.ContainerSurgery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * FORMAT.md specification 1.1, section 10: each decision on a question an independent implementation
 * raised, on crafted files whose checksums are all valid except where the case says. Offsets by hand:
 * the crafted header is 40 bytes (36 + a 4-byte empty metadata), each block of two 4-byte records 60
 * (52 + 8), so the blocks start at 40 and 100 and the index block at 160; the trailer is the last 32.
 */
public class FormatDecisionsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** What a read gives under SKIP (ordinals and regions) and the message under FAIL ("" if none). */
  private static final class Outcome {
    final List<Long> ordinals = new ArrayList<>();
    final List<SkippedRegion> regions = new ArrayList<>();
    String failure = "";
  }

  private Outcome read(byte[] bytes) throws Exception {
    Path f = tmp.newFile().toPath();
    Files.write(f, bytes);
    Outcome o = new Outcome();
    for (ReadItem<KV<RecordId, byte[]>> i : SourceTestUtils.readFromSource(ContainerSourceTest.skipping(f),
        PipelineOptionsFactory.create())) {
      if (i.isRecord()) {
        o.ordinals.add(i.getRecord().getKey().getOrdinal());
      } else {
        o.regions.add(i.getSkipped());
      }
    }
    try {
      SourceTestUtils.readFromSource(ContainerSourceTest.source(f), PipelineOptionsFactory.create());
    } catch (Exception e) {
      o.failure = String.valueOf(e.getMessage());
      for (Throwable c = e; c != null; c = c.getCause()) {
        o.failure += " | " + c.getMessage();
      }
    }
    return o;
  }

  private static byte[] records(int n) {
    byte[] b = new byte[n * 4];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  /** Two blocks of two records and a footer that agrees: ordinals 0-3. */
  private static byte[] twoBlocks() {
    return new CraftedContainer()
        .block(Codec.NONE, ContainerFormat.FRAMING_FIXED, 2, 0, 8, 4, records(2))
        .block(Codec.NONE, ContainerFormat.FRAMING_FIXED, 2, 2, 8, 4, records(2)).footer().toBytes();
  }

  private static void setTrailerTotal(byte[] file, long total) {
    int t = file.length - 32;
    LittleEndian.putLong(file, t + 8, total);
    LittleEndian.putInt(file, t + 20, ContainerSurgery.crc(file, t, 20));
  }

  @Test
  public void ordinalsAreBelowTwoToTheSixtyThree() throws Exception {
    Outcome o = read(new CraftedContainer()
        .block(Codec.NONE, ContainerFormat.FRAMING_FIXED, 1, 0, 4, 4, records(1))
        .block(Codec.NONE, ContainerFormat.FRAMING_FIXED, 1, Long.MIN_VALUE, 4, 4, records(1)) // 2^63 as u64
        .footer().toBytes());
    assertEquals(List.of(0L), o.ordinals);
    assertEquals(1, o.regions.size());
    assertEquals(96, o.regions.get(0).getStartOffset()); // 40 + 52 + 4: the second block
    assertTrue(o.regions.toString(), o.regions.get(0).getReason().startsWith("negative first ordinal"));
    assertTrue(o.failure, o.failure.contains("at byte 96: negative first ordinal"));
  }

  @Test
  public void damageThenAFooterProblemIsOneRegion() throws Exception {
    byte[] f = twoBlocks();
    f[100 + 52 + 4] ^= 1; // the second block's payload
    setTrailerTotal(f, 9);  // and a trailer that disagrees with the index
    Outcome o = read(f);
    assertEquals(List.of(0L, 1L), o.ordinals);
    assertEquals(1, o.regions.size());
    SkippedRegion r = o.regions.get(0);
    assertEquals(100, r.getStartOffset());
    assertEquals(f.length, r.getEndOffset());
    assertEquals(2, r.getFirstLostOrdinal());
    assertEquals(4, r.getEndLostOrdinal());
    assertTrue(r.getReason(), r.getReason().contains("payload CRC32C mismatch") && r.getReason().contains("disagrees"));
  }

  @Test
  public void anIndexWithoutEntriesIsAFileWithoutRecords() throws Exception {
    Outcome o = read(new CraftedContainer().footer().toBytes());
    assertEquals(List.of(), o.ordinals);
    assertEquals(List.of(), o.regions);
    assertEquals("", o.failure);
  }

  @Test
  public void aTrailerThatDisagreesInvalidatesTheIndex() throws Exception {
    byte[] f = twoBlocks();
    setTrailerTotal(f, 3);
    Outcome o = read(f);
    // Read by the walk (an index is never checked against its trailer after the fact), which
    // delivers every block and reports the footer.
    assertEquals(List.of(0L, 1L, 2L, 3L), o.ordinals);
    assertEquals(1, o.regions.size());
    assertEquals(160, o.regions.get(0).getStartOffset());
    assertTrue(o.regions.get(0).getReason(), o.regions.get(0).getReason().contains("trailer (index at 160, 3 records,"
        + " 2 blocks) disagrees with the index block at 160"));
    assertEquals(0, o.regions.get(0).getLostRecords());
  }

  @Test
  public void aTotalSmallerThanTheRecordsReadLosesAnUnknownEnd() throws Exception {
    byte[] f = twoBlocks();
    LittleEndian.putLong(f, 160 + 24, 3); // the index block's total
    ContainerSurgery.resealBlockHeader(f, 160);
    setTrailerTotal(f, 3);
    Outcome o = read(f);
    assertEquals(List.of(0L, 1L, 2L, 3L), o.ordinals);
    assertEquals(1, o.regions.size());
    SkippedRegion r = o.regions.get(0);
    assertEquals(160, r.getStartOffset());
    assertEquals(4, r.getFirstLostOrdinal());
    assertEquals(SkippedRegion.UNKNOWN, r.getEndLostOrdinal());
    assertTrue(r.getReason(), r.getReason().contains("index says 3 records but the blocks before it hold 4"));
  }

  @Test
  public void deflateMustEndWithItsFinalBlockAndNothingAfter() throws Exception {
    OutputBuffer o = new OutputBuffer(256);
    Codec.DEFLATE.newCompressor().compress(records(2), 0, 8, o);
    byte[] trailing = Arrays.copyOf(o.array(), o.size() + 3);
    java.util.zip.Deflater open = new java.util.zip.Deflater(6, true);
    open.setInput(records(2));
    byte[] buf = new byte[100];
    byte[] noFinal = Arrays.copyOf(buf, open.deflate(buf, 0, buf.length, java.util.zip.Deflater.SYNC_FLUSH));
    for (byte[] payload : new byte[][] {trailing, noFinal}) {
      Outcome r = read(new CraftedContainer()
          .block(Codec.DEFLATE, ContainerFormat.FRAMING_FIXED, 2, 0, 8, 4, payload).footer().toBytes());
      assertEquals(List.of(), r.ordinals);
      assertEquals(1, r.regions.size());
      assertTrue(r.regions.toString(), r.regions.get(0).getReason().contains("payload does not decompress: deflate"));
      assertEquals(2, r.regions.get(0).getLostRecords());
    }
  }

  @Test
  public void zstdPayloadsMayHoldSeveralFrames() throws Exception {
    byte[] a = com.github.luben.zstd.Zstd.compress(Arrays.copyOf(records(2), 4));
    byte[] b = com.github.luben.zstd.Zstd.compress(Arrays.copyOfRange(records(2), 4, 8));
    byte[] skippable = {0x50, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 1, 2, 3}; // RFC 8878 3.1.2, 3 bytes of user data
    OutputBuffer payload = new OutputBuffer(64);
    payload.write(skippable);
    payload.write(a);
    payload.write(b);
    Outcome o = read(new CraftedContainer().block(Codec.ZSTD, ContainerFormat.FRAMING_FIXED, 2, 0, 8, 4,
        Arrays.copyOf(payload.array(), payload.size())).footer().toBytes());
    assertEquals(List.of(0L, 1L), o.ordinals);
    assertEquals(List.of(), o.regions);
  }

  @Test
  public void aDamagedHeaderNamesTheFieldThatFailed() throws Exception {
    byte[] f = twoBlocks();
    f[20] ^= 1; // inside the sync marker: only the header CRC, at 32 + M = 36, notices
    Outcome o = read(f);
    assertEquals(List.of(), o.ordinals);
    assertEquals(1, o.regions.size());
    assertEquals(0, o.regions.get(0).getStartOffset());
    assertEquals(f.length, o.regions.get(0).getEndOffset());
    assertTrue(o.failure, o.failure.contains("at byte 36: file header: header CRC32C mismatch"));
  }
}
