package io.github.binfiles.tfrecord;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.github.binfiles.Formats;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import io.github.binfiles.testing.Pipelines;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * TFRecord files whose records are themselves TFRecord files: the known limit of reading by byte
 * offset (TFRECORD.md), shown here, and {@link TfRecordFormat#withoutSplitting()}, which reads each
 * file whole along the chain and gets every record exactly, under every split a runner may ask for.
 */
public class TfRecordEmbeddedTest {
  private final PipelineOptions options = PipelineOptionsFactory.create();

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static byte[] tfRecordFile(Path f, List<byte[]> records) throws Exception {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      RecordFileWriter<byte[]> w = Formats.tfRecord().openWriter(ch, RecordEncoder.bytes(), f.toString());
      for (byte[] r : records) {
        w.write(r);
      }
      w.finish();
    }
    return Files.readAllBytes(f);
  }

  /** Five outer records, each a whole TFRecord file of twenty small records. */
  private List<String> writeNested(Path outer) throws Exception {
    List<byte[]> payloads = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int o = 0; o < 5; o++) {
      List<byte[]> inner = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        inner.add(("inner " + o + "." + i).getBytes());
      }
      byte[] payload = tfRecordFile(tmp.newFile().toPath(), inner);
      payloads.add(payload);
      expected.add(Base64.getEncoder().encodeToString(payload));
    }
    tfRecordFile(outer, payloads);
    return expected;
  }

  private static List<String> encoded(List<ReadItem<byte[]>> items) {
    List<String> out = new ArrayList<>();
    for (ReadItem<byte[]> item : items) {
      out.add(item.isRecord() ? Base64.getEncoder().encodeToString(item.getRecord()) : "skipped");
    }
    return out;
  }

  private BoundedSource<ReadItem<byte[]>> source(Path f, TfRecordFormat format) throws Exception {
    return FramedSource.ofFile(FileSystems.matchSingleFileSpec(f.toString()), format.framing(),
        ElementFactories.items(ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of())),
        CorruptionPolicy.SKIP);
  }

  private List<String> readInBundles(BoundedSource<ReadItem<byte[]>> source, long bundle)
      throws Exception {
    List<ReadItem<byte[]>> items = new ArrayList<>();
    for (BoundedSource<ReadItem<byte[]>> s : source.split(bundle, options)) {
      items.addAll(SourceTestUtils.readFromSource(s, options));
    }
    return encoded(items);
  }

  /**
   * 100-byte bundles start inside the outer payloads, where a search finds the inner records; the
   * reader of the bundle before each such boundary sees that the next one would not start where it
   * stopped, and the read fails with the typed error instead of returning inner records.
   */
  @Test
  public void splitsThatStartInsideAnEmbeddedFileFailInsteadOfInventingRecords() throws Exception {
    Path f = tmp.newFile("nested.tfrecord").toPath();
    List<String> expected = writeNested(f);
    BoundedSource<ReadItem<byte[]>> split = source(f, Formats.tfRecord());
    assertEquals(expected, readInBundles(split, 1 << 20));
    io.github.binfiles.report.BinaryFileException e = org.junit.Assert.assertThrows(
        io.github.binfiles.report.BinaryFileException.class, () -> readInBundles(split, 100));
    org.junit.Assert.assertTrue(e.getMessage(), e.getMessage().contains("cannot be split exactly"));
  }

  @Test
  public void withoutSplittingEveryFileIsReadWholeAndExactly() throws Exception {
    Path f = tmp.newFile("nested.tfrecord").toPath();
    List<String> expected = writeNested(f);
    BoundedSource<ReadItem<byte[]>> whole = source(f, Formats.tfRecord().withoutSplitting());
    for (long bundle : new long[] {1, 37, 100, 1000, 1 << 20}) {
      assertEquals(1, whole.split(bundle, options).size());
      assertEquals(expected, readInBundles(whole, bundle));
    }
    // Readers refuse dynamic splits: a runner cannot start a residual inside a payload either.
    for (int read = 0; read <= expected.size(); read++) {
      try (BoundedSource.BoundedReader<ReadItem<byte[]>> reader = whole.createReader(options)) {
        SourceTestUtils.readNItemsFromUnstartedReader(reader, read);
        for (double fraction = 0.05; fraction < 1; fraction += 0.05) {
          assertNull(reader.splitAtFraction(fraction));
        }
      }
    }
  }

  /** {@code readFiles()} plans ranges itself; every range but the first owns nothing. */
  @Test
  public void readFilesWithSmallBundlesReadsEachRecordOnce() throws Exception {
    Path f = tmp.newFile("nested.tfrecord").toPath();
    List<String> expected = writeNested(f);
    TestPipeline p = Pipelines.fast();
    PAssert.that(p.apply(FileIO.match().filepattern(f.toString()))
            .apply(FileIO.readMatches())
            .apply(ReadFromBinaryFiles.of(Formats.tfRecord().withoutSplitting()).readFiles()
                .withDesiredBundleSizeBytes(64))
            .apply(MapElements.into(TypeDescriptors.strings())
                .via(b -> Base64.getEncoder().encodeToString(b))))
        .containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  public void theChoiceShowsInDisplayData() {
    assertEquals("file", Formats.tfRecord().withoutSplitting().describe().get("splitBy"));
    assertEquals("offset", Formats.tfRecord().describe().get("splitBy"));
    assertEquals("file", Formats.tfRecord().withoutSplitting().withMaxRecordBytes(100)
        .describe().get("splitBy"));
  }
}
