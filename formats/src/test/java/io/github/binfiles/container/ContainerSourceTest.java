package io.github.binfiles.container;

import io.github.binfiles.beam.FramedSource;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.testing.ContainerTestFiles;
import io.github.binfiles.testing.SplitSweep;
import io.github.binfiles.testing.TestRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Reading, splitting and damage handling of container files through the Beam source. */
public class ContainerSourceTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private final PipelineOptions options = PipelineOptionsFactory.create();

  static FramedSource<KV<RecordId, byte[]>> source(Path f) throws IOException {
    return FramedSource.ofFile(FileSystems.matchSingleFileSpec(f.toString()), ContainerFraming.of(ContainerFormat.DEFAULT_MAX_BLOCK_BYTES), ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL);
  }

  static FramedSource<ReadItem<KV<RecordId, byte[]>>> skipping(Path f) throws IOException {
    return FramedSource.ofFile(FileSystems.matchSingleFileSpec(f.toString()), ContainerFraming.of(ContainerFormat.DEFAULT_MAX_BLOCK_BYTES), ElementFactories.items(ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of())), CorruptionPolicy.SKIP);
  }

  private Path write(ContainerOptions o, List<byte[]> records) throws IOException {
    return ContainerTestFiles.write(tmp.newFile().toPath(), o, records);
  }

  @Test
  public void everyCodecRoundTripsFixedAndVarintRecords() throws Exception {
    for (Codec codec : Codec.values()) {
      for (boolean fixed : new boolean[] {true, false}) {
        List<byte[]> records =
            fixed ? TestRecords.records(500, 40) : ContainerTestFiles.varied(500, 300);
        ContainerOptions o = ContainerOptions.defaults().withCodec(codec).withTargetBlockBytes(2000);
        if (fixed) {
          o = o.withFixedRecordLength(40);
        }
        Path f = write(o, records);
        List<KV<RecordId, byte[]>> read = SourceTestUtils.readFromSource(source(f), options);
        assertEquals(codec + " fixed=" + fixed, records.size(), read.size());
        for (int i = 0; i < records.size(); i++) {
          assertEquals(i, read.get(i).getKey().getOrdinal());
          assertArrayEquals(codec + " record " + i, records.get(i), read.get(i).getValue());
        }
      }
    }
  }

  @Test
  public void emptyFileHasNoRecordsAndAnEmptyIndex() throws Exception {
    Path f = write(ContainerOptions.defaults(), new ArrayList<>());
    assertEquals(0, SourceTestUtils.readFromSource(source(f), options).size());
    assertEquals(0, SourceTestUtils.readFromSource(skipping(f), options).size());
  }

  /**
   * Beam's exhaustive check where its bisection (which starts at fraction 0.5) has something to
   * find: one record per block.
   */
  @Test
  public void splitAtFractionExhaustive() throws Exception {
    for (Codec codec : new Codec[] {Codec.NONE, Codec.ZSTD, Codec.DEFLATE, Codec.LZ4}) {
      Path fixed =
          write(
              ContainerOptions.defaults().withCodec(codec).withTargetBlockBytes(1).withFixedRecordLength(10),
              TestRecords.records(15, 10));
      SourceTestUtils.assertSplitAtFractionExhaustive(source(fixed), options);
      Path varied =
          write(
              ContainerOptions.defaults().withCodec(codec).withTargetBlockBytes(1),
              ContainerTestFiles.varied(15, 25));
      SourceTestUtils.assertSplitAtFractionExhaustive(source(varied), options);
    }
  }

  /** Dynamic splits after every record at 200 fractions, for several block sizes and codecs. */
  @Test
  public void dynamicSplitsAtEveryFractionAreConsistent() throws Exception {
    for (Codec codec : new Codec[] {Codec.NONE, Codec.ZSTD, Codec.DEFLATE, Codec.SNAPPY}) {
      for (int target : new int[] {1, 30, 45}) {
        Path fixed =
            write(
                ContainerOptions.defaults().withCodec(codec).withTargetBlockBytes(target).withFixedRecordLength(10),
                TestRecords.records(20, 10));
        SplitSweep.assertConsistentAtEveryFraction(source(fixed), 200, options);
        Path varied =
            write(
                ContainerOptions.defaults().withCodec(codec).withTargetBlockBytes(target),
                ContainerTestFiles.varied(20, 25));
        SplitSweep.assertConsistentAtEveryFraction(source(varied), 200, options);
      }
    }
  }

  @Test
  public void sourcesEqualReferenceOverManyBundleSizes() throws Exception {
    for (Codec codec : Codec.values()) {
      Path f =
          write(
              ContainerOptions.defaults().withCodec(codec).withTargetBlockBytes(500),
              ContainerTestFiles.varied(400, 100));
      FramedSource<KV<RecordId, byte[]>> s = source(f);
      for (long bundle : new long[] {1, 7, 52, 100, 499, 1000, 4096, 1 << 20}) {
        SourceTestUtils.assertSourcesEqualReferenceSource(s, s.split(bundle, options), options);
      }
    }
  }

  /**
   * Splits at every pair of offsets, landing in the header, in sync markers, in block headers, in
   * payloads, in the index block and in the trailer.
   */
  @Test
  public void subrangesAtEveryCutPartitionTheRecords() throws Exception {
    Path f =
        write(
            ContainerOptions.defaults().withTargetBlockBytes(20),
            ContainerTestFiles.varied(8, 12));
    FramedSource<KV<RecordId, byte[]>> whole = source(f);
    List<Long> expected = ordinals(SourceTestUtils.readFromSource(whole, options));
    assertEquals(8, expected.size());
    long size = Files.size(f);
    for (long a = 0; a <= size; a++) {
      for (long b = a; b <= size; b++) {
        List<KV<RecordId, byte[]>> parts = new ArrayList<>();
        parts.addAll(read(whole.createForSubrangeOfFile(whole.getSingleFileMetadata(), 0, a)));
        parts.addAll(read(whole.createForSubrangeOfFile(whole.getSingleFileMetadata(), a, b)));
        parts.addAll(read(whole.createForSubrangeOfFile(whole.getSingleFileMetadata(), b, size)));
        assertEquals("cuts " + a + ", " + b, expected, ordinals(parts));
      }
    }
  }

  private <T> List<T> read(BoundedSource<T> s) throws IOException {
    return SourceTestUtils.readFromSource(s, options);
  }

  private static List<Long> ordinals(List<KV<RecordId, byte[]>> records) {
    List<Long> out = new ArrayList<>();
    for (KV<RecordId, byte[]> r : records) {
      out.add(r.getKey().getOrdinal());
    }
    return out;
  }

  @Test
  public void damagedFileFailsNamingFileOffsetAndProblem() throws Exception {
    Path f =
        write(ContainerOptions.defaults().withTargetBlockBytes(50), ContainerTestFiles.varied(40, 20));
    byte[] bytes = Files.readAllBytes(f);
    int headerLength = FileHeaderTest.headerLength(bytes);
    bytes[headerLength + 60] ^= 0x10; // inside the first block's payload
    Files.write(f, bytes);
    BinaryFileException e =
        assertThrows(
            BinaryFileException.class, () -> SourceTestUtils.readFromSource(source(f), options));
    assertEquals(f.toString(), e.getFile());
    assertEquals(headerLength, e.getOffset());
    assertTrue(e.getMessage(), e.getMessage().contains("payload CRC32C mismatch"));
  }

  @Test
  public void unclosedFileReturnsEveryIntactBlockAndReportsTheRest() throws Exception {
    Path f =
        write(
            ContainerOptions.defaults().withTargetBlockBytes(64).withFixedRecordLength(16),
            TestRecords.records(40, 16));
    byte[] bytes = Files.readAllBytes(f);
    // Cut in the middle of the fifth block (each block: 52 + 64 bytes, 4 records).
    int headerLength = FileHeaderTest.headerLength(bytes);
    int cut = headerLength + 4 * 116 + 80;
    Files.write(f, java.util.Arrays.copyOf(bytes, cut));
    List<ReadItem<KV<RecordId, byte[]>>> items = read(skipping(f));
    assertEquals(17, items.size());
    SkippedRegion r = items.get(16).getSkipped();
    assertEquals(headerLength + 4 * 116, r.getStartOffset());
    assertEquals(cut, r.getEndOffset());
    assertEquals(16, r.getFirstLostOrdinal());
    assertEquals(SkippedRegion.UNKNOWN, r.getEndLostOrdinal());
    assertTrue(r.getReason(), r.getReason().contains("file ends inside a block"));
    BinaryFileException e =
        assertThrows(BinaryFileException.class, () -> read(source(f)));
    assertEquals(headerLength + 4 * 116, e.getOffset());
  }
}
