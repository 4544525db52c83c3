package io.github.binfiles.fixed;

import io.github.binfiles.beam.FramedSource;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.testing.Exactness;
import io.github.binfiles.testing.TestRecords;
import io.github.binfiles.testing.TypedFailure;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Whole-file compressed fixed-record files that are truncated or corrupt: FAIL throws the typed
 * error naming the file; SKIP reports one region and delivers no record of the stream, since its
 * check (gzip's CRC at the end of the stream, bzip2's per block and stream, zlib's Adler-32, zstd's
 * content checksum where the frame has one) covers the bytes before the break too. Every byte of
 * each compressed file is flipped in turn (sampled), and no read delivers a wrong record. zstd frames
 * written without a checksum (Beam's default) cannot be checked: docs/corruption.md's "Corruption: what you
 * get" says so.
 */
public class DamagedCompressedFixedTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private final PipelineOptions options = PipelineOptionsFactory.create();
  private static final List<byte[]> RECORDS = TestRecords.records(3000, 32);

  private static final Compression[] CHECKED = {Compression.GZIP, Compression.BZIP2, Compression.DEFLATE, Compression.ZSTD};

  @Test
  public void truncatedAndCorruptCompressedFilesFailTypedOrSkipWholly() throws Exception {
    for (Compression c : CHECKED) {
      byte[] whole = compress(c);
      for (int cut : new int[] {whole.length / 3, whole.length / 2, whole.length - 3}) {
        check(c, Arrays.copyOf(whole, cut), c + " cut at " + cut + " of " + whole.length, true);
      }
      byte[] flipped = whole.clone();
      flipped[whole.length / 2] ^= 0x55;
      check(c, flipped, c + " with a flipped byte", true);
    }
  }

  @Test
  public void noFlippedByteGivesAWrongRecord() throws Exception {
    for (Compression c : CHECKED) {
      byte[] whole = compress(c);
      int step = Math.max(1, whole.length / 97);
      for (int at = 0; at < whole.length; at += step) {
        byte[] flipped = whole.clone();
        flipped[at] ^= 0x01;
        Path f = tmp.newFile("flip" + c + at + suffix(c)).toPath();
        Files.write(f, flipped);
        String what = c + " with byte " + at + " of " + whole.length + " flipped";
        BoundedSource<ReadItem<KV<RecordId, byte[]>>> skip = FramedSource.ofFile(
            FileSystems.matchSingleFileSpec(f.toString()), FixedRecordFraming.of(32, 0, 0),
            ElementFactories.items(ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of())),
            CorruptionPolicy.SKIP);
        int records = 0;
        for (ReadItem<KV<RecordId, byte[]>> item : SourceTestUtils.readFromSource(skip, options)) {
          if (item.isRecord()) {
            records++;
            KV<RecordId, byte[]> r = item.getRecord();
            org.junit.Assert.assertArrayEquals(what + ": record " + r.getKey().getOrdinal(),
                RECORDS.get((int) r.getKey().getOrdinal()), r.getValue());
          }
        }
        assertTrue(what + ": all or nothing, got " + records, records == 0 || records == RECORDS.size());
      }
    }
  }

  private void check(Compression c, byte[] bytes, String what, boolean exact) throws Exception {
    Path f = tmp.newFile("damaged" + Math.abs(what.hashCode()) + suffix(c)).toPath();
    Files.write(f, bytes);
    // The source decompresses by extension itself, as ReadFromBinaryFiles.fixed() reads.
    BoundedSource<ReadItem<KV<RecordId, byte[]>>> skip = FramedSource.ofFile(
        FileSystems.matchSingleFileSpec(f.toString()), FixedRecordFraming.of(32, 0, 0),
        ElementFactories.items(ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of())),
        CorruptionPolicy.SKIP);
    List<ReadItem<KV<RecordId, byte[]>>> items;
    try {
      items = SourceTestUtils.readFromSource(skip, options);
    } catch (Exception e) {
      throw new AssertionError(what + ": SKIP threw", e);
    }
    List<SkippedRegion> regions = new java.util.ArrayList<>();
    if (exact) {
      regions = Exactness.check(items, RECORDS, 0, what).regions;
    } else {
      for (ReadItem<KV<RecordId, byte[]>> item : items) {
        if (!item.isRecord()) {
          regions.add(item.getSkipped());
        }
      }
    }
    assertEquals(what + ": " + regions, 1, regions.size());
    SkippedRegion r = regions.get(0);
    assertEquals(f.toString(), r.getFile());
    assertTrue(what + ": " + r.getReason(), r.getReason().contains("compressed file"));
    BoundedSource<KV<RecordId, byte[]>> failing = FramedSource.ofFile(
        FileSystems.matchSingleFileSpec(f.toString()), FixedRecordFraming.of(32, 0, 0),
        ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL);
    BinaryFileException e = TypedFailure.assertTypedFailure(f, what,
        () -> SourceTestUtils.readFromSource(failing, options));
    assertTrue(e.getMessage(), e.getMessage().contains("at or before compressed byte"));
    // Split like any file: the range at 0 reads it whole, the others own nothing.
    SourceTestUtils.assertSourcesEqualReferenceSource(skip, skip.split(bytes.length / 5 + 1, options), options);
  }

  @Test
  public void intactCompressedFilesReadWholeUnderAnySplit() throws Exception {
    for (Compression c : CHECKED) {
      Path f = tmp.newFile("intact" + suffix(c)).toPath();
      Files.write(f, compress(c));
      BoundedSource<KV<RecordId, byte[]>> s = FramedSource.ofFile(
          FileSystems.matchSingleFileSpec(f.toString()), FixedRecordFraming.of(32, 0, 0),
          ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL);
      List<KV<RecordId, byte[]>> read = SourceTestUtils.readFromSource(s, options);
      assertEquals(c.toString(), RECORDS.size(), read.size());
      for (int i = 0; i < read.size(); i++) {
        org.junit.Assert.assertArrayEquals(RECORDS.get(i), read.get(i).getValue());
      }
      assertEquals(c + ": not split", 1, s.split(100, options).size());
      SourceTestUtils.assertSplitAtFractionFails(s, 10, 0.5, options);
    }
  }

  private static String suffix(Compression c) {
    return c == Compression.GZIP ? ".gz" : c == Compression.BZIP2 ? ".bz2" : c == Compression.DEFLATE ? ".deflate" : ".zst";
  }

  /** The records compressed; zstd with a content checksum, as the zstd tool writes by default. */
  private static byte[] compress(Compression c) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (c == Compression.ZSTD) {
      try (com.github.luben.zstd.ZstdOutputStream out = new com.github.luben.zstd.ZstdOutputStream(bytes)) {
        out.setChecksum(true);
        for (byte[] r : RECORDS) {
          out.write(r);
        }
      }
      return bytes.toByteArray();
    }
    try (WritableByteChannel ch = c.writeCompressed(Channels.newChannel(bytes));
        OutputStream out = Channels.newOutputStream(ch)) {
      for (byte[] r : RECORDS) {
        out.write(r);
      }
    }
    return bytes.toByteArray();
  }
}
