package io.github.binfiles.beam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.Formats;
import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.MalformedRecordException;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A decoder that throws {@link MalformedRecordException} puts the record under the corruption
 * policy, for records with their own offsets (fixed, TFRecord) and records inside blocks
 * (container): FAIL names the file and where; SKIP reports each such record once under any split.
 */
public class MalformedRecordsTest {
  private static final int RECORDS = 50;
  private static final int LENGTH = 8;
  private static final String WHY = "is malformed: first byte is 0xEE";
  private final PipelineOptions options = PipelineOptionsFactory.create();

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** Rejects records whose first byte is 0xEE: the test's stand-in for a damaged payload. */
  static final class RejectingDecoder implements RecordDecoder<byte[]> {
    @Override
    public byte[] decode(byte[] buffer, int offset, int length) throws MalformedRecordException {
      if (buffer[offset] == (byte) 0xEE) {
        throw new MalformedRecordException("first byte is 0xEE");
      }
      return Arrays.copyOfRange(buffer, offset, offset + length);
    }
  }

  private static boolean bad(int i) {
    return i % 7 == 3;
  }

  private Path write(FileFormat format, String name) throws Exception {
    Path f = tmp.newFile(name).toPath();
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      RecordFileWriter<byte[]> w = format.openWriter(ch, RecordEncoder.bytes(), name);
      for (int i = 0; i < RECORDS; i++) {
        byte[] r = new byte[LENGTH];
        Arrays.fill(r, (byte) i);
        if (bad(i)) {
          r[0] = (byte) 0xEE;
        }
        w.write(r);
      }
      w.finish();
    }
    return f;
  }

  private <O> FramedSource<O> source(Path f, FileFormat format, ElementFactory<O> elements,
      CorruptionPolicy policy) throws Exception {
    return FramedSource.ofFile(FileSystems.matchSingleFileSpec(f.toString()), format.framing(),
        elements, policy);
  }

  /** A region without its reason: {@code start end firstLost endLost}. */
  private static String extent(SkippedRegion r) {
    return r.getStartOffset() + " " + r.getEndOffset() + " " + r.getFirstLostOrdinal() + " "
        + r.getEndLostOrdinal();
  }

  /**
   * Reads under SKIP, checks that every good record arrives and every bad one is one region of the
   * extent {@code extent} computes from its index, then splits exhaustively.
   */
  private void skipsEachMalformedRecordOnce(
      FileFormat format, String name, java.util.function.IntFunction<String> extent) throws Exception {
    Path f = write(format, name);
    FramedSource<ReadItem<KV<RecordId, byte[]>>> source = source(f, format,
        ElementFactories.items(ElementFactories.withIds(new RejectingDecoder(), ByteArrayCoder.of())),
        CorruptionPolicy.SKIP);
    List<Integer> good = new ArrayList<>();
    List<String> regions = new ArrayList<>();
    for (ReadItem<KV<RecordId, byte[]>> item : SourceTestUtils.readFromSource(source, options)) {
      if (item.isRecord()) {
        good.add((int) item.getRecord().getValue()[1]);
      } else {
        SkippedRegion r = item.getSkipped();
        assertEquals(f.toString(), r.getFile());
        assertTrue(r.getReason(), r.getReason().contains(WHY));
        regions.add(extent(r));
      }
    }
    List<Integer> expectedGood = new ArrayList<>();
    List<String> expectedRegions = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      if (bad(i)) {
        expectedRegions.add(extent.apply(i));
      } else {
        expectedGood.add(i);
      }
    }
    assertEquals(expectedGood, good);
    assertEquals(expectedRegions, regions);

    SourceTestUtils.assertSplitAtFractionExhaustive(source, options);
    for (long bundle : new long[] {1, 7, 24, 100, 1 << 20}) {
      SourceTestUtils.assertSourcesEqualReferenceSource(source, source.split(bundle, options), options);
    }
  }

  @Test
  public void fixedRecordsAreReportedWithTheirBytesAndOrdinal() throws Exception {
    skipsEachMalformedRecordOnce(Formats.fixed(LENGTH), "f.bin",
        i -> (i * LENGTH) + " " + ((i + 1) * LENGTH) + " " + i + " " + (i + 1));
  }

  @Test
  public void tfRecordsAreReportedWithTheirFramedBytes() throws Exception {
    int framed = LENGTH + 16;
    skipsEachMalformedRecordOnce(Formats.tfRecord(), "f.tfrecord",
        i -> (i * framed) + " " + ((i + 1) * framed) + " -1 -1");
  }

  @Test
  public void containerRecordsAreReportedAtTheirBlockWithTheirOrdinal() throws Exception {
    FileFormat smallBlocks = Formats.container().withBlockSize(40);
    Path f = write(smallBlocks, "f.bfc");
    FramedSource<ReadItem<byte[]>> source = source(f, smallBlocks,
        ElementFactories.items(ElementFactories.decoded(new RejectingDecoder(), ByteArrayCoder.of())),
        CorruptionPolicy.SKIP);
    List<Long> lost = new ArrayList<>();
    int good = 0;
    for (ReadItem<byte[]> item : SourceTestUtils.readFromSource(source, options)) {
      if (item.isRecord()) {
        good++;
        continue;
      }
      SkippedRegion r = item.getSkipped();
      assertEquals(0, r.getLength());
      assertEquals(1, r.getLostRecords());
      assertTrue(r.getReason(), r.getReason().contains("in the block at byte " + r.getStartOffset() + " " + WHY));
      lost.add(r.getFirstLostOrdinal());
    }
    assertEquals(List.of(3L, 10L, 17L, 24L, 31L, 38L, 45L), lost);
    assertEquals(RECORDS - lost.size(), good);
    SourceTestUtils.assertSplitAtFractionExhaustive(source, options);
  }

  @Test
  public void failPolicyNamesTheFileTheRecordAndTheCause() throws Exception {
    Path fixed = write(Formats.fixed(LENGTH), "f.bin");
    BinaryFileException e = assertThrows(BinaryFileException.class, () -> SourceTestUtils.readFromSource(
        source(fixed, Formats.fixed(LENGTH),
            ElementFactories.decoded(new RejectingDecoder(), ByteArrayCoder.of()), CorruptionPolicy.FAIL),
        options));
    assertTrue(e.getMessage(), e.getMessage().startsWith(fixed + " at byte 24: record 3 " + WHY));
    assertTrue(e.getMessage(), e.getMessage().contains("SKIP"));

    Path tf = write(Formats.tfRecord(), "f.tfrecord");
    BinaryFileException t = assertThrows(BinaryFileException.class, () -> SourceTestUtils.readFromSource(
        source(tf, Formats.tfRecord(),
            ElementFactories.decoded(new RejectingDecoder(), ByteArrayCoder.of()), CorruptionPolicy.FAIL),
        options));
    assertTrue(t.getMessage(), t.getMessage().startsWith(tf + " at byte 72: record at byte 72 " + WHY));
  }

  /** Any other decoder exception is a bug, not damage: it fails under SKIP too. */
  @Test
  public void otherDecoderExceptionsFailEvenUnderSkip() throws Exception {
    Path f = write(Formats.fixed(LENGTH), "f.bin");
    RecordDecoder<byte[]> broken = (buffer, offset, length) -> {
      throw new IllegalStateException("decoder bug");
    };
    BinaryFileException e = assertThrows(BinaryFileException.class, () -> SourceTestUtils.readFromSource(
        source(f, Formats.fixed(LENGTH),
            ElementFactories.items(ElementFactories.decoded(broken, ByteArrayCoder.of())),
            CorruptionPolicy.SKIP),
        options));
    assertTrue(e.getMessage(), e.getMessage().contains(
        "could not decode record 0: java.lang.IllegalStateException: decoder bug"));
  }
}
