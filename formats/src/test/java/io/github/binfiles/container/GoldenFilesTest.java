package io.github.binfiles.container;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.ReadItem;
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

/** The golden files in testdata/ were written by format version 1.0 and must stay readable. */
public class GoldenFilesTest {
  private static final Path DIR = Paths.get("..", "testdata");

  private static Path golden(String name) {
    Path p = DIR.resolve(name);
    assertTrue("missing golden file " + p.toAbsolutePath(), Files.exists(p));
    return p;
  }

  @Test
  public void everyCodecFileReadsBackExactly() throws Exception {
    for (Codec codec : Codec.values()) {
      Path f = golden("container-v1-" + codec.codecName() + ".bfc");
      assertRecords(f, GoldenFiles.records());
      try (ContainerFile c = ContainerFile.open(f.toString())) {
        assertEquals("v1 " + codec.codecName(), c.header().metadataString("golden"));
        assertEquals(codec.codecName(), c.header().metadataString(ContainerFormat.KEY_CODEC));
        assertEquals(GoldenFiles.RECORDS, c.recordCount());
        assertTrue(c.verify().isClean());
      }
    }
    assertRecords(golden("container-v1-fixed24-none.bfc"), GoldenFiles.fixedRecords());
  }

  private static void assertRecords(Path f, List<byte[]> expected) throws Exception {
    List<KV<RecordId, byte[]>> read =
        SourceTestUtils.readFromSource(ContainerSourceTest.source(f), PipelineOptionsFactory.create());
    assertEquals(f.toString(), expected.size(), read.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(i, read.get(i).getKey().getOrdinal());
      assertArrayEquals(f + " record " + i, expected.get(i), read.get(i).getValue());
    }
  }

  @Test
  public void truncatedFileYieldsItsIntactBlocksAndReportsTheCut() throws Exception {
    Path f = golden("container-v1-truncated.bfc");
    List<ReadItem<KV<RecordId, byte[]>>> items =
        SourceTestUtils.readFromSource(ContainerSourceTest.skipping(f), PipelineOptionsFactory.create());
    List<SkippedRegion> regions = new ArrayList<>();
    int records = 0;
    for (ReadItem<KV<RecordId, byte[]>> item : items) {
      if (item.isRecord()) {
        assertArrayEquals(
            GoldenFiles.records().get((int) item.getRecord().getKey().getOrdinal()),
            item.getRecord().getValue());
        assertEquals(records++, item.getRecord().getKey().getOrdinal());
      } else {
        regions.add(item.getSkipped());
      }
    }
    assertEquals(1, regions.size());
    assertEquals(Files.size(f), regions.get(0).getEndOffset());
    assertEquals(records, regions.get(0).getFirstLostOrdinal());
    assertTrue(records > 0 && records < GoldenFiles.RECORDS);
    try (ContainerFile c = ContainerFile.open(f.toString())) {
      assertFalse(c.index().isPresent());
      assertFalse(c.verify().isClean());
    }
  }

  @Test
  public void damagedFileLosesOneBlockAndSaysWhichRecords() throws Exception {
    Path f = golden("container-v1-damaged.bfc");
    try (ContainerFile c = ContainerFile.open(f.toString())) {
      ContainerFile.VerifyReport r = c.verify();
      assertEquals(1, r.regions.size());
      SkippedRegion region = r.regions.get(0);
      assertTrue(region.getReason(), region.getReason().contains("payload CRC32C mismatch"));
      assertTrue(region.getLostRecords() > 0);
      assertEquals(GoldenFiles.RECORDS - region.getLostRecords(), r.records);
      long third = Files.size(f) / 3;
      assertTrue(region.getStartOffset() <= third && third < region.getEndOffset());
    }
  }

  @Test
  public void fixedGoldenFileReadsBack() throws Exception {
    Path f = golden("fixed-24-header16-trailer8.bin");
    List<byte[]> read =
        SourceTestUtils.readFromSource(
            FramedSource.ofFile(
                FileSystems.matchSingleFileSpec(f.toString()),
                FixedRecordFraming.of(24, 16, 8),
                ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of()),
                CorruptionPolicy.FAIL),
            PipelineOptionsFactory.create());
    assertEquals(GoldenFiles.RECORDS, read.size());
    for (int i = 0; i < read.size(); i++) {
      assertArrayEquals(GoldenFiles.fixedRecords().get(i), read.get(i));
    }
  }
}
