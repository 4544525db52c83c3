package io.github.binfiles.sinks;

import io.github.binfiles.Formats;
import static io.github.binfiles.sinks.FixedRoundTripTest.messages;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.ReadResult;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.testing.Fingerprint;
import io.github.binfiles.testing.Pipelines;
import io.github.binfiles.testing.TestRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Container files written with WriteToBinaryFiles.of(Formats.container()) and read with ReadFromBinaryFiles.of(Formats.container()). */
public class ContainerRoundTripTest {
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline writer = Pipelines.fast();
  @Rule public final transient TestPipeline reader = Pipelines.fast();
  @Rule public final transient TestPipeline checked = TestPipeline.create();

  /** Records of 0..40 bytes, so the varint framing is exercised. */
  private static byte[] record(long i) {
    return TestRecords.record(i, (int) (i % 41));
  }

  private static PCollection<byte[]> generate(TestPipeline p, long count) {
    return p.apply(GenerateSequence.from(0).to(count))
        .apply(
            MapElements.into(TypeDescriptor.of(byte[].class))
                .via((SerializableFunction<Long, byte[]>) ContainerRoundTripTest::record));
  }

  private static Fingerprint expected(long count) {
    Fingerprint f = new Fingerprint();
    for (long i = 0; i < count; i++) {
      f.add(record(i));
    }
    return f;
  }

  private List<Path> outputs(String glob) throws Exception {
    try (Stream<Path> s = Files.list(tmp.getRoot().toPath())) {
      return s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private void millionRoundTrip(Codec codec) throws Exception {
    String prefix = tmp.getRoot() + "/" + codec.codecName();
    generate(writer, 1_000_000)
        .apply(
            WriteToBinaryFiles.of(Formats.container().withCodec(codec).withBlockSize(64 << 10).withMetadata("source", "test"))
                .to(prefix)
                .withNumShards(3));
    writer.run().waitUntilFinish();
    assertEquals(3, outputs(codec.codecName() + "-*-of-00003.bfc").size());
    PAssert.thatSingleton(
            reader.apply(ReadFromBinaryFiles.of(Formats.container()).from(prefix + "*")).apply(Fingerprint.globally()))
        .isEqualTo(expected(1_000_000));
    reader.run().waitUntilFinish();
  }

  @Test
  public void millionRecordsRoundTripZstd() throws Exception {
    millionRoundTrip(Codec.ZSTD);
  }

  @Test
  public void millionRecordsRoundTripLz4() throws Exception {
    millionRoundTrip(Codec.LZ4);
  }

  @Test
  public void fixedLengthContainerViaFileIoSinkAndReadFiles() throws Exception {
    generate(writer, 30_000)
        .apply(MapElements.into(TypeDescriptor.of(byte[].class)).via(r -> java.util.Arrays.copyOf(r, 40)))
        .apply(
            FileIO.<byte[]>write()
                .via(WriteToBinaryFiles.of(Formats.container().withFixedRecordLength(40).withCodec(Codec.DEFLATE).withBlockSize(4096)).sink())
                .to(tmp.getRoot().toString())
                .withPrefix("fio")
                .withSuffix(".bfc")
                .withNumShards(2));
    writer.run().waitUntilFinish();
    Fingerprint want = new Fingerprint();
    for (long i = 0; i < 30_000; i++) {
      want.add(java.util.Arrays.copyOf(record(i), 40));
    }
    PCollection<byte[]> read =
        reader
            .apply(FileIO.match().filepattern(tmp.getRoot() + "/fio*"))
            .apply(FileIO.readMatches())
            .apply(ReadFromBinaryFiles.of(Formats.container()).readFiles().withDesiredBundleSizeBytes(20_000));
    PAssert.thatSingleton(read.apply(Fingerprint.globally())).isEqualTo(want);
    reader.run().waitUntilFinish();
  }

  @Test
  public void recordIdsAreDenseOrdinalsPerFile() throws Exception {
    String prefix = tmp.getRoot() + "/ids";
    generate(writer, 5_000).apply(WriteToBinaryFiles.of(Formats.container().withBlockSize(1000)).to(prefix).withNumShards(1));
    writer.run().waitUntilFinish();
    PCollection<KV<RecordId, byte[]>> read =
        checked.apply(ReadFromBinaryFiles.of(Formats.container()).withRecordIds().from(prefix + "*"));
    PCollection<Long> ordinals =
        read.apply(MapElements.into(TypeDescriptors.longs()).via(kv -> kv.getKey().getOrdinal()));
    PAssert.thatSingleton(ordinals.apply(Count.globally())).isEqualTo(5_000L);
    PAssert.thatSingleton(ordinals.apply(Max.longsGlobally())).isEqualTo(4_999L);
    checked.run().waitUntilFinish();
  }

  @Test
  public void damagedBlockIsSkippedAndReportedThroughThePipeline() throws Exception {
    String prefix = tmp.getRoot() + "/dmg";
    generate(writer, 2_000).apply(WriteToBinaryFiles.of(Formats.container().withBlockSize(2000)).to(prefix).withNumShards(1));
    writer.run().waitUntilFinish();
    Path file = outputs("dmg-*.bfc").get(0);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(file, bytes);

    ReadResult<KV<RecordId, byte[]>> result =
        checked.apply(
            ReadFromBinaryFiles.of(Formats.container()).withRecordIds().from(prefix + "*").withSkippedRegionReport());
    PCollection<Long> lost =
        result
            .skippedRegions()
            .apply(MapElements.into(TypeDescriptors.longs()).via(SkippedRegion::getLostRecords));
    PAssert.thatSingleton(result.skippedRegions().apply(Count.globally())).isEqualTo(1L);
    PAssert.thatSingleton(
            result.records().apply("Count records", Count.globally()))
        .satisfies(
            n -> {
              assertTrue("some records lost and most kept: " + n, n > 1_800 && n < 2_000);
              return null;
            });
    PAssert.thatSingleton(lost).satisfies(n -> {
      assertTrue("lost records known and positive: " + n, n > 0 && n < 200);
      return null;
    });
    checked.run().waitUntilFinish();
  }

  @Test
  public void damagedBlockFailsByDefaultNamingFileAndOffset() throws Exception {
    String prefix = tmp.getRoot() + "/dmg";
    generate(writer, 2_000).apply(WriteToBinaryFiles.of(Formats.container().withBlockSize(2000)).to(prefix).withNumShards(1));
    writer.run().waitUntilFinish();
    Path file = outputs("dmg-*.bfc").get(0);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(file, bytes);
    checked.apply(ReadFromBinaryFiles.of(Formats.container()).from(prefix + "*"));
    Exception e = assertThrows(Exception.class, () -> checked.run().waitUntilFinish());
    assertTrue(messages(e), messages(e).contains(file.toString() + " at byte "));
  }
}
