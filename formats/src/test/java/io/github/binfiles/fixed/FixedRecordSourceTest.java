package io.github.binfiles.fixed;

import io.github.binfiles.beam.FramedSource;
import static io.github.binfiles.testing.TestRecords.writeFixed;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.ElementFactory;
import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.testing.TestRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Split correctness of {@link FramedSource} over {@link FixedRecordFraming}: every split, static or dynamic, at every offset,
 * returns each record exactly once.
 */
public class FixedRecordSourceTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private final PipelineOptions options = PipelineOptionsFactory.create();

  private static final int[][] HEADER_TRAILER = {{0, 0}, {5, 0}, {0, 7}, {13, 9}};

  private FramedSource<KV<RecordId, byte[]>> source(Path file, FixedRecordFraming framing)
      throws IOException {
    return FramedSource.ofFile(
        metadata(file),
        framing,
        ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()),
        CorruptionPolicy.FAIL);
  }

  private static Metadata metadata(Path file) throws IOException {
    return FileSystems.matchSingleFileSpec(file.toString());
  }

  private Path file(int length, long count, int header, int trailer, int partial)
      throws IOException {
    return writeFixed(
        tmp.newFile().toPath(), length, count, header, trailer, partial);
  }

  @Test
  public void readsEveryRecordWithItsOrdinal() throws Exception {
    for (int[] ht : HEADER_TRAILER) {
      Path f = file(64, 100, ht[0], ht[1], 0);
      List<KV<RecordId, byte[]>> read =
          SourceTestUtils.readFromSource(source(f, FixedRecordFraming.of(64, ht[0], ht[1])), options);
      assertEquals(100, read.size());
      for (int i = 0; i < 100; i++) {
        assertEquals(i, read.get(i).getKey().getOrdinal());
        assertEquals(f.toString(), read.get(i).getKey().getFile());
        assertArrayEquals(TestRecords.record(i, 64), read.get(i).getValue());
      }
    }
  }

  @Test
  public void splitAtFractionExhaustive() throws Exception {
    int[][] lengthsAndCounts = {{1, 20}, {3, 15}, {64, 12}, {1000, 5}};
    for (int[] lc : lengthsAndCounts) {
      for (int[] ht : HEADER_TRAILER) {
        FixedRecordFraming framing = FixedRecordFraming.of(lc[0], ht[0], ht[1]);
        Path f = file(lc[0], lc[1], ht[0], ht[1], 0);
        SourceTestUtils.assertSplitAtFractionExhaustive(source(f, framing), options);
      }
    }
  }

  /** A user decoder gets byte[] views, so the reader uses a heap buffer: split it the same way. */
  @Test
  public void heapBufferPathSplitsExhaustively() throws Exception {
    RecordDecoder<byte[]> userDecoder = (b, off, len) -> java.util.Arrays.copyOfRange(b, off, off + len);
    for (int[] lc : new int[][] {{3, 15}, {64, 12}}) {
      for (int[] ht : HEADER_TRAILER) {
        Path f = file(lc[0], lc[1], ht[0], ht[1], 0);
        FramedSource<byte[]> s =
            FramedSource.ofFile(
                metadata(f),
                FixedRecordFraming.of(lc[0], ht[0], ht[1]),
                ElementFactories.decoded(userDecoder, ByteArrayCoder.of()),
                CorruptionPolicy.FAIL);
        assertTrue(!ElementFactories.decoded(userDecoder, ByteArrayCoder.of()).readsDirectBuffers());
        assertEquals(lc[1], SourceTestUtils.readFromSource(s, options).size());
        SourceTestUtils.assertSplitAtFractionExhaustive(s, options);
      }
    }
  }

  @Test
  public void subrangesAtEveryCutPartitionTheRecords() throws Exception {
    for (int length : new int[] {1, 3, 7}) {
      for (int[] ht : HEADER_TRAILER) {
        FixedRecordFraming framing = FixedRecordFraming.of(length, ht[0], ht[1]);
        Path f = file(length, 9, ht[0], ht[1], 0);
        FramedSource<KV<RecordId, byte[]>> whole = source(f, framing);
        List<KV<RecordId, byte[]>> expected = SourceTestUtils.readFromSource(whole, options);
        long size = Files.size(f);
        // Every pair of cuts: ranges starting inside the header, inside a record, on a boundary,
        // inside the trailer.
        for (long a = 0; a <= size; a++) {
          for (long b = a; b <= size; b++) {
            List<KV<RecordId, byte[]>> parts = new ArrayList<>();
            parts.addAll(read(whole.createForSubrangeOfFile(metadata(f), 0, a)));
            parts.addAll(read(whole.createForSubrangeOfFile(metadata(f), a, b)));
            parts.addAll(read(whole.createForSubrangeOfFile(metadata(f), b, size)));
            assertEquals("cuts " + a + ", " + b, ids(expected), ids(parts));
          }
        }
      }
    }
  }

  private List<KV<RecordId, byte[]>> read(BoundedSource<KV<RecordId, byte[]>> s)
      throws IOException {
    return SourceTestUtils.readFromSource(s, options);
  }

  private static List<Long> ids(List<KV<RecordId, byte[]>> records) {
    List<Long> out = new ArrayList<>();
    for (KV<RecordId, byte[]> r : records) {
      out.add(r.getKey().getOrdinal());
    }
    return out;
  }

  @Test
  public void sourcesEqualReferenceOverManyBundleSizes() throws Exception {
    for (int length : new int[] {1, 3, 64, 1000}) {
      for (int[] ht : HEADER_TRAILER) {
        Path f = file(length, 5000 / length + 3, ht[0], ht[1], 0);
        FramedSource<KV<RecordId, byte[]>> s =
            source(f, FixedRecordFraming.of(length, ht[0], ht[1]));
        for (long bundle : new long[] {1, 2, 5, 63, 64, 65, 999, 1000, 4097, 1 << 20}) {
          SourceTestUtils.assertSourcesEqualReferenceSource(s, s.split(bundle, options), options);
        }
      }
    }
  }

  @Test
  public void unstartedReaderReadsSameAsItsSource() throws Exception {
    Path f = file(3, 30, 5, 7, 0);
    FramedSource<KV<RecordId, byte[]>> s = source(f, FixedRecordFraming.of(3, 5, 7));
    for (BoundedSource<KV<RecordId, byte[]>> split : s.split(10, options)) {
      SourceTestUtils.assertUnstartedReaderReadsSameAsItsSource(
          split.createReader(options), options);
    }
  }

  @Test
  public void partialTrailingRecordFailsNamingFileSizeAndRecordLength() throws Exception {
    Path f = file(10, 4, 3, 2, 6);
    BinaryFileException e =
        assertThrows(
            BinaryFileException.class,
            () -> SourceTestUtils.readFromSource(source(f, FixedRecordFraming.of(10, 3, 2)), options));
    assertEquals(f.toString(), e.getFile());
    assertEquals(3 + 40, e.getOffset());
    // Found before any record is read, with what would fit: a 9-byte header (46 data bytes have no
    // divisor between 6 and 14, so no record length is offered).
    assertTrue(e.getMessage(), e.getMessage().contains("the file's size does not fit the settings"));
    assertTrue(e.getMessage(), e.getMessage().contains("51 bytes = 3 header + 4 records of 10 + 6 partial + 2 trailer"));
    assertTrue(e.getMessage(), e.getMessage().contains("a header of 9, 19, 29, 39 (9 + a multiple of 10) bytes (--header-bytes) would fit"));
    assertTrue(e.getMessage(), !e.getMessage().contains("so would records"));
  }

  @Test
  public void fileShorterThanItsHeaderFails() throws Exception {
    Path f = tmp.newFile().toPath();
    Files.write(f, new byte[7]);
    Exception e =
        assertThrows(
            IOException.class,
            () -> SourceTestUtils.readFromSource(source(f, FixedRecordFraming.of(4, 16, 0)), options));
    BinaryFileException cause = findCause(e);
    assertEquals(0, cause.getOffset());
    assertTrue(cause.getMessage(), cause.getMessage().contains("file is 7 bytes, shorter than the 16-byte header"));
  }

  @Test
  public void fileShorterThanHeaderPlusTrailerFails() throws Exception {
    Path f = tmp.newFile().toPath();
    Files.write(f, new byte[20]);
    BinaryFileException e =
        assertThrows(
            BinaryFileException.class,
            () -> SourceTestUtils.readFromSource(source(f, FixedRecordFraming.of(4, 16, 8)), options));
    assertTrue(e.getMessage(), e.getMessage().contains("shorter than the 16-byte header plus the 8-byte trailer"));
  }

  @Test
  public void skipPolicyReportsThePartialRecordExactlyOnceUnderEverySplit() throws Exception {
    ElementFactory<ReadItem<KV<RecordId, byte[]>>> items =
        ElementFactories.items(ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()));
    for (int[] ht : HEADER_TRAILER) {
      Path f = file(3, 12, ht[0], ht[1], 2);
      FramedSource<ReadItem<KV<RecordId, byte[]>>> s =
          FramedSource.ofFile(
              metadata(f), FixedRecordFraming.of(3, ht[0], ht[1]), items, CorruptionPolicy.SKIP);
      List<ReadItem<KV<RecordId, byte[]>>> all = SourceTestUtils.readFromSource(s, options);
      assertEquals(13, all.size());
      SkippedRegion region = all.get(12).getSkipped();
      assertEquals(ht[0] + 36, region.getStartOffset());
      assertEquals(ht[0] + 38, region.getEndOffset());
      assertEquals(12, region.getFirstLostOrdinal());
      SourceTestUtils.assertSplitAtFractionExhaustive(s, options);
      for (long bundle : new long[] {1, 2, 3, 4, 7}) {
        SourceTestUtils.assertSourcesEqualReferenceSource(s, s.split(bundle, options), options);
      }
    }
  }

  @Test
  public void skipPolicyReportsAFileShorterThanItsHeader() throws Exception {
    Path f = tmp.newFile().toPath();
    Files.write(f, new byte[7]);
    FramedSource<ReadItem<byte[]>> s =
        FramedSource.ofFile(
            metadata(f),
            FixedRecordFraming.of(4, 16, 0),
            ElementFactories.items(ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of())),
            CorruptionPolicy.SKIP);
    List<ReadItem<byte[]>> all = SourceTestUtils.readFromSource(s, options);
    assertEquals(1, all.size());
    assertEquals(new SkippedRegion(f.toString(), 0, 7, 0, -1, "file is 7 bytes, shorter than its 16-byte header"), all.get(0).getSkipped());
    for (long bundle : new long[] {1, 2, 3}) {
      SourceTestUtils.assertSourcesEqualReferenceSource(s, s.split(bundle, options), options);
    }
  }

  @Test
  public void emptyFileAndHeaderOnlyFileHaveNoRecords() throws Exception {
    Path empty = file(8, 0, 0, 0, 0);
    assertEquals(0, read(source(empty, FixedRecordFraming.of(8, 0, 0))).size());
    Path headerOnly = file(8, 0, 10, 4, 0);
    assertEquals(0, read(source(headerOnly, FixedRecordFraming.of(8, 10, 4))).size());
  }

  private static BinaryFileException findCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BinaryFileException) {
        return (BinaryFileException) c;
      }
    }
    throw new AssertionError("no BinaryFileException in", t);
  }
}
