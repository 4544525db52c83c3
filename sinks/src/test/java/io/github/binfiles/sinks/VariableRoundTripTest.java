package io.github.binfiles.sinks;

import static org.junit.Assert.assertEquals;

import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.testing.Fingerprint;
import io.github.binfiles.testing.Pipelines;
import io.github.binfiles.testing.TestRecords;
import io.github.binfiles.variable.VariableFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * A million variable-length records, 1 to 32,756 bytes (mostly short, every 1,000th long, both
 * extremes present), written as V and as VB files by WriteToBinaryFiles and read back through the
 * DirectRunner, which splits the files into bundles and splits them again while they are read:
 * the same multiset of records.
 */
public class VariableRoundTripTest {
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline writer = Pipelines.fast();
  @Rule public final transient TestPipeline reader = Pipelines.fast();
  @Rule public final transient TestPipeline sdfReader = Pipelines.sdfRead();

  private static final long COUNT = 1_000_000;

  static int length(long i) {
    if (i == 1) {
      return 32_756;
    }
    return i % 1000 == 999 ? 1 + (int) ((i * 7919) % 32_756) : 1 + (int) (i % 150);
  }

  static byte[] record(long i) {
    return TestRecords.record(i, length(i));
  }

  private void roundTrip(VariableFormat format, String name) throws Exception {
    String prefix = tmp.getRoot() + "/" + name;
    writer.apply(GenerateSequence.from(0).to(COUNT))
        .apply(MapElements.into(TypeDescriptor.of(byte[].class))
            .via((SerializableFunction<Long, byte[]>) VariableRoundTripTest::record))
        .apply(WriteToBinaryFiles.of(format).to(prefix).withNumShards(3));
    writer.run().waitUntilFinish();
    try (Stream<Path> s = Files.list(tmp.getRoot().toPath())) {
      assertEquals(3, s.filter(p -> p.getFileName().toString().startsWith(name)).collect(Collectors.toList()).size());
    }
    Fingerprint expected = new Fingerprint();
    for (long i = 0; i < COUNT; i++) {
      expected.add(record(i));
    }
    PAssert.thatSingleton(reader.apply(ReadFromBinaryFiles.of(format).from(prefix + "*"))
        .apply(Fingerprint.globally())).isEqualTo(expected);
    reader.run().waitUntilFinish();
  }

  @Test
  public void lengthsCoverOneTo32756() {
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (long i = 0; i < COUNT; i++) {
      min = Math.min(min, length(i));
      max = Math.max(max, length(i));
    }
    assertEquals(Arrays.asList(1, 32_756), Arrays.asList(min, max));
  }

  @Test
  public void millionRecordsRoundTripV() throws Exception {
    roundTrip(VariableFormat.records(), "v");
  }

  /**
   * Blocks of up to 40,000 bytes: a 32,756-byte record with its RDW and BDW needs more than z/OS's
   * 32,760, so blocks past 32,767 bytes take the extended (large block) BDW.
   */
  @Test
  public void millionRecordsRoundTripVB() throws Exception {
    roundTrip(VariableFormat.blocked().withBlockSize(40_000), "vb");
  }

  /**
   * 200,000 records as V and VB (4 files each) read through Beam's splittable-DoFn wrapper, the
   * path Dataflow Runner v2 takes: checkpoints and splits go through the wrapper, every boundary is
   * confirmed when a reader closes, and the records come back exactly.
   */
  @Test
  public void runnerV2PathReadsExactly() throws Exception {
    long count = 200_000;
    Fingerprint expected = new Fingerprint();
    for (long i = 0; i < count; i++) {
      expected.add(record(i));
    }
    for (VariableFormat format : new VariableFormat[] {VariableFormat.records(), VariableFormat.blocked().withBlockSize(40_000)}) {
      String prefix = tmp.getRoot() + "/" + format.defaultSuffix().substring(1) + "-sdf";
      writer.apply(format.defaultSuffix(), GenerateSequence.from(0).to(count))
          .apply(format.defaultSuffix() + " records", MapElements.into(TypeDescriptor.of(byte[].class))
              .via((SerializableFunction<Long, byte[]>) VariableRoundTripTest::record))
          .apply(format.defaultSuffix() + " write", WriteToBinaryFiles.of(format).to(prefix).withNumShards(4));
      PAssert.thatSingleton(sdfReader.apply(format.defaultSuffix() + " read", ReadFromBinaryFiles.of(format).from(prefix + "*"))
          .apply(format.defaultSuffix() + " fingerprint", Fingerprint.globally())).isEqualTo(expected);
    }
    writer.run().waitUntilFinish();
    sdfReader.run().waitUntilFinish();
  }
}
