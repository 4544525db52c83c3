package io.github.binfiles.tfrecord;

import static org.junit.Assert.assertEquals;

import io.github.binfiles.Formats;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import io.github.binfiles.testing.Fingerprint;
import io.github.binfiles.testing.Pipelines;
import io.github.binfiles.testing.TestRecords;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TFRecordIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Files written by Beam's own TFRecordIO (an implementation independent of ours, following
 * TensorFlow's format) are read exactly by ours under every split, plain and gzip-compressed; files
 * written by ours are read exactly by TFRecordIO.
 */
public class TfRecordInteropTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static List<byte[]> records(int n) {
    List<byte[]> out = new ArrayList<>();
    List<byte[]> base = TestRecords.records(n, 40);
    for (int i = 0; i < n; i++) {
      out.add(java.util.Arrays.copyOf(base.get(i), (i * 13) % 41));
    }
    return out;
  }

  /** Writes {@code records} with TFRecordIO into {@code dir}; returns the one file written. */
  private Path writeWithBeam(List<byte[]> records, Path dir, Compression compression) throws Exception {
    TestPipeline p = Pipelines.fast();
    p.apply(Create.of(records).withCoder(ByteArrayCoder.of()))
        .apply(TFRecordIO.write().to(dir.resolve("beam").toString()).withNumShards(1).withCompression(compression));
    p.run().waitUntilFinish();
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("beam")).findFirst().orElseThrow();
    }
  }

  @Test
  public void beamsFilesReadExactlyUnderEverySplit() throws Exception {
    List<byte[]> records = records(25);
    Path f = writeWithBeam(records, tmp.newFolder().toPath(), Compression.UNCOMPRESSED);
    FramedSource<KV<RecordId, byte[]>> source = FramedSource.ofFile(
        FileSystems.matchSingleFileSpec(f.toString()), Formats.tfRecord().framing(),
        ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL);
    List<KV<RecordId, byte[]>> read = SourceTestUtils.readFromSource(source, PipelineOptionsFactory.create());
    // A pipeline writes in no particular order: compare as multisets, offsets increasing.
    List<byte[]> values = new ArrayList<>();
    long last = -1;
    for (KV<RecordId, byte[]> r : read) {
      values.add(r.getValue());
      assertEquals(true, r.getKey().getOffset() > last);
      last = r.getKey().getOffset();
    }
    assertEquals(Fingerprint.of(records), Fingerprint.of(values));
    SourceTestUtils.assertSplitAtFractionExhaustive(source, PipelineOptionsFactory.create());
  }

  @Test
  public void beamsGzipFilesReadWholeByExtension() throws Exception {
    List<byte[]> records = records(2000);
    Path dir = tmp.newFolder().toPath();
    writeWithBeam(records, dir, Compression.GZIP);
    TestPipeline p = Pipelines.fast();
    PAssert.thatSingleton(p.apply(ReadFromBinaryFiles.of(Formats.tfRecord()).from(dir + "/beam*"))
            .apply(Fingerprint.globally()))
        .isEqualTo(Fingerprint.of(records));
    p.run().waitUntilFinish();
  }

  @Test
  public void oursAreReadExactlyByTfRecordIo() throws Exception {
    List<byte[]> records = records(3000);
    Path f = tmp.newFolder().toPath().resolve("ours.tfrecord");
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      RecordFileWriter<byte[]> w = Formats.tfRecord().openWriter(ch, RecordEncoder.bytes(), f.toString());
      for (byte[] r : records) {
        w.write(r);
      }
      w.finish();
    }
    TestPipeline p = Pipelines.fast();
    PAssert.thatSingleton(p.apply(TFRecordIO.read().from(f.toString())).apply(Fingerprint.globally()))
        .isEqualTo(Fingerprint.of(records));
    p.run().waitUntilFinish();
  }
}
