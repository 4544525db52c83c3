package io.github.binfiles.fixed;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.testing.TestRecords;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
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

/**
 * A user's header check ({@link FixedRecordFormat#withHeaderCheck}): a 16-byte header whose bytes
 * 8-15 count the records, checked against the file's size before any record is read.
 */
public class HeaderCheckTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private final PipelineOptions options = PipelineOptionsFactory.create();

  private static final HeaderCheck COUNT = (header, size) -> {
    long count = ByteBuffer.wrap(header, 8, 8).getLong();
    return size < 0 || count == (size - 16) / 64 ? null
        : "the header counts " + count + " records, the file holds " + (size - 16) / 64;
  };

  private Path file(long countInHeader) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ByteBuffer.allocate(16).putLong(0, 0x4844520000000000L).putLong(8, countInHeader).array());
    for (int i = 0; i < 10; i++) {
      out.write(TestRecords.record(i, 64));
    }
    return Files.write(tmp.newFile().toPath(), out.toByteArray());
  }

  private FixedRecordFraming framing() {
    return FixedRecordFormat.of(64).withHeaderBytes(16).withHeaderCheck(COUNT).framing();
  }

  @Test
  public void aHeaderThatFitsReadsAsUsual() throws Exception {
    Path f = file(10);
    BoundedSource<KV<RecordId, byte[]>> s = FramedSource.ofFile(FileSystems.matchSingleFileSpec(f.toString()), framing(),
        ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL);
    assertEquals(10, SourceTestUtils.readFromSource(s, options).size());
  }

  @Test
  public void aHeaderThatDoesNotFitFailsUnderFailAndIsReportedOnceUnderSkip() throws Exception {
    Path f = file(11);
    BoundedSource<KV<RecordId, byte[]>> failing = FramedSource.ofFile(FileSystems.matchSingleFileSpec(f.toString()),
        framing(), ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL);
    BinaryFileException e = assertThrows(BinaryFileException.class, () -> SourceTestUtils.readFromSource(failing, options));
    assertEquals(0, e.getOffset());
    assertTrue(e.getMessage(), e.getMessage().contains("the header check fails: the header counts 11 records, the file holds 10"));
    FramedSource<ReadItem<KV<RecordId, byte[]>>> skipping = FramedSource.ofFile(
        FileSystems.matchSingleFileSpec(f.toString()), framing(),
        ElementFactories.items(ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of())), CorruptionPolicy.SKIP);
    long size = Files.size(f);
    for (long cut = 0; cut <= size; cut += 37) {
      List<ReadItem<KV<RecordId, byte[]>>> items = new ArrayList<>();
      items.addAll(SourceTestUtils.readFromSource(skipping.createSourceForSubrange(0, cut), options));
      items.addAll(SourceTestUtils.readFromSource(skipping.createSourceForSubrange(cut, size), options));
      int records = 0;
      int regions = 0;
      for (ReadItem<KV<RecordId, byte[]>> item : items) {
        if (item.isRecord()) {
          records++;
        } else {
          regions++;
          assertEquals(0, item.getSkipped().getStartOffset());
          assertEquals(16, item.getSkipped().getEndOffset());
          assertEquals(0, item.getSkipped().getLostRecords());
        }
      }
      assertEquals("cut at " + cut, 10, records);
      assertEquals("cut at " + cut + ": reported once", 1, regions);
    }
  }

  @Test
  public void aCheckNeedsAHeader() {
    assertThrows(IllegalArgumentException.class, () -> FixedRecordFormat.of(64).withHeaderCheck(COUNT));
    // Kept when the trailer is set after it.
    assertTrue(FixedRecordFormat.of(64).withHeaderBytes(16).withHeaderCheck(COUNT).withTrailerBytes(4)
        .framing().headerCheck() != null);
  }
}
