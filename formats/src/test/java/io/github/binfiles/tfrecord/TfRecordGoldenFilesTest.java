package io.github.binfiles.tfrecord;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.Formats;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.spi.RecordDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;

/**
 * The golden TFRecord files in {@code testdata/}, written by Beam's TFRecordIO: the truncated one
 * yields its whole records and one region to the end; the damaged one loses exactly the record
 * holding the flipped byte, and fails under FAIL at that record's offset. (The intact one is read by
 * {@link TfRecordFormatContractTest}'s golden-file test.)
 */
public class TfRecordGoldenFilesTest {
  private static Path golden(String name) {
    Path p = Paths.get("..", "testdata", name);
    return Files.exists(p) ? p : Paths.get("testdata", name);
  }

  private static List<ReadItem<KV<RecordId, byte[]>>> skipping(Path f) throws Exception {
    return SourceTestUtils.readFromSource(FramedSource.ofFile(FileSystems.matchSingleFileSpec(f.toString()),
        Formats.tfRecord().framing(),
        ElementFactories.items(ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of())),
        CorruptionPolicy.SKIP), PipelineOptionsFactory.create());
  }

  /** Offsets of the golden records in the intact file. */
  private static List<Long> offsets() {
    List<Long> out = new ArrayList<>();
    long at = 0;
    for (byte[] r : TfRecordGoldenFiles.records()) {
      out.add(at);
      at += TfRecordFraming.OVERHEAD + r.length;
    }
    return out;
  }

  @Test
  public void truncatedFileYieldsItsWholeRecordsAndReportsTheCut() throws Exception {
    Path f = golden("tfrecord-v1-truncated.tfrecord");
    long size = Files.size(f);
    List<SkippedRegion> regions = new ArrayList<>();
    int records = 0;
    for (ReadItem<KV<RecordId, byte[]>> item : skipping(f)) {
      if (item.isRecord()) {
        assertEquals((long) offsets().get(records), item.getRecord().getKey().getOffset());
        assertArrayEquals(TfRecordGoldenFiles.records().get(records), item.getRecord().getValue());
        records++;
      } else {
        regions.add(item.getSkipped());
      }
    }
    assertEquals(regions.toString(), 1, regions.size());
    assertEquals((long) offsets().get(records), regions.get(0).getStartOffset());
    assertEquals(size, regions.get(0).getEndOffset());
    assertTrue(regions.get(0).getReason(), regions.get(0).getReason().matches(
        "a record of \\d+ bytes runs past the end of the file \\(\\d+ bytes left\\); no intact record follows"));
    assertTrue(records > 0 && records < TfRecordGoldenFiles.RECORDS);
  }

  @Test
  public void damagedFileLosesExactlyTheRecordWithTheFlippedByte() throws Exception {
    Path f = golden("tfrecord-v1-damaged.tfrecord");
    long flipped = Files.size(f) / 3;
    int hit = 0;
    while (hit + 1 < offsets().size() && offsets().get(hit + 1) <= flipped) {
      hit++;
    }
    List<Integer> delivered = new ArrayList<>();
    List<SkippedRegion> regions = new ArrayList<>();
    for (ReadItem<KV<RecordId, byte[]>> item : skipping(f)) {
      if (item.isRecord()) {
        int i = offsets().indexOf(item.getRecord().getKey().getOffset());
        assertArrayEquals(TfRecordGoldenFiles.records().get(i), item.getRecord().getValue());
        delivered.add(i);
      } else {
        regions.add(item.getSkipped());
      }
    }
    assertEquals(TfRecordGoldenFiles.RECORDS - 1, delivered.size());
    assertTrue(!delivered.contains(hit));
    assertEquals(1, regions.size());
    assertTrue(regions.get(0).getReason(), regions.get(0).getReason().startsWith("data checksum mismatch;")
        || regions.get(0).getReason().startsWith("length checksum mismatch;"));
    assertEquals((long) offsets().get(hit), regions.get(0).getStartOffset());
    assertEquals((long) offsets().get(hit + 1), regions.get(0).getEndOffset());
    BinaryFileException e = org.junit.Assert.assertThrows(BinaryFileException.class,
        () -> SourceTestUtils.readFromSource(FramedSource.ofFile(FileSystems.matchSingleFileSpec(f.toString()),
            Formats.tfRecord().framing(), ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()),
            CorruptionPolicy.FAIL), PipelineOptionsFactory.create()));
    assertEquals((long) offsets().get(hit), e.getOffset());
  }
}
