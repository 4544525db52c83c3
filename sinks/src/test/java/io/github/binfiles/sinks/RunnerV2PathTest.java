package io.github.binfiles.sinks;

import io.github.binfiles.Formats;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.testing.Fingerprint;
import io.github.binfiles.testing.Pipelines;
import io.github.binfiles.testing.TestRecords;
import io.github.binfiles.variable.VariableFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Every format read through Beam's splittable-DoFn wrapper of {@code Read.from(source)}, the path
 * Dataflow Runner v2 takes ({@code use_sdf_read} on the DirectRunner, whose SDF invoker checkpoints
 * running readers by output count and time and resumes each residual from the reader's {@code
 * splitAtFraction}), and through {@code readFiles()}, the splittable DoFn over byte ranges that the
 * DirectRunner checkpoints: 100,000 records in 3 files per format come back exactly, as a multiset.
 */
public class RunnerV2PathTest {
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline writer = Pipelines.fast();
  @Rule public final transient TestPipeline reader = Pipelines.sdfRead();
  @Rule public final transient TestPipeline filesReader = Pipelines.fast();

  private static final long COUNT = 100_000;

  static byte[] fixedRecord(long i) {
    return TestRecords.record(i, 48);
  }

  static byte[] variableRecord(long i) {
    return TestRecords.record(i, 1 + (int) ((i * 7919) % 300));
  }

  @Test
  public void everyFormatReadsExactlyThroughTheSdfWrapper() throws Exception {
    Map<String, FileFormat> formats = new LinkedHashMap<>();
    formats.put("fixed", Formats.fixed(48));
    formats.put("container", Formats.container().withBlockSize(16 << 10));
    formats.put("zstd", Formats.container().withCodec(Codec.ZSTD).withBlockSize(16 << 10));
    formats.put("tfrecord", Formats.tfRecord());
    formats.put("v1", Formats.variable());
    formats.put("vb1", Formats.variableBlocked().withBlockSize(8_000));
    for (Map.Entry<String, FileFormat> e : formats.entrySet()) {
      String name = e.getKey();
      boolean fixed = name.equals("fixed");
      SerializableFunction<Long, byte[]> records = fixed ? RunnerV2PathTest::fixedRecord : RunnerV2PathTest::variableRecord;
      Fingerprint expected = new Fingerprint();
      for (long i = 0; i < COUNT; i++) {
        expected.add(records.apply(i));
      }
      String prefix = tmp.getRoot() + "/" + name; // no name is a prefix of another
      writer.apply(name, GenerateSequence.from(0).to(COUNT))
          .apply(name + " records", MapElements.into(TypeDescriptor.of(byte[].class)).via(records))
          .apply(name + " write", WriteToBinaryFiles.of(e.getValue()).to(prefix).withNumShards(3));
      PAssert.thatSingleton(reader.apply(name + " read", ReadFromBinaryFiles.of(e.getValue()).from(prefix + "*"))
          .apply(name + " fingerprint", Fingerprint.globally())).isEqualTo(expected);
      // readFiles(): the splittable DoFn, small restrictions, checkpointed by the DirectRunner.
      PAssert.thatSingleton(filesReader
              .apply(name + " match", org.apache.beam.sdk.io.FileIO.match().filepattern(prefix + "*"))
              .apply(name + " open", org.apache.beam.sdk.io.FileIO.readMatches())
              .apply(name + " readFiles", ReadFromBinaryFiles.of(e.getValue()).readFiles().withDesiredBundleSizeBytes(100_000))
              .apply(name + " files fingerprint", Fingerprint.globally())).isEqualTo(expected);
    }
    writer.run().waitUntilFinish();
    reader.run().waitUntilFinish();
    filesReader.run().waitUntilFinish();
  }
}
