package io.github.binfiles.sinks;

import io.github.binfiles.Formats;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.ReadResult;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.testing.Fingerprint;
import io.github.binfiles.testing.Pipelines;
import io.github.binfiles.testing.TestRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Fixed-record files written with WriteToBinaryFiles and read back with ReadFromBinaryFiles. */
public class FixedRoundTripTest {
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline writer = Pipelines.fast();
  @Rule public final transient TestPipeline reader = Pipelines.fast();
  /** With the DirectRunner's immutability and encodability checks on. */
  @Rule public final transient TestPipeline checked = TestPipeline.create();

  private static final int LENGTH = 24;

  private static PCollection<byte[]> generate(TestPipeline p, long count, int length) {
    return p.apply(GenerateSequence.from(0).to(count))
        .apply(
            MapElements.into(TypeDescriptor.of(byte[].class))
                .via((SerializableFunction<Long, byte[]>) i -> TestRecords.record(i, length)));
  }

  private static Fingerprint expected(long count, int length) {
    Fingerprint f = new Fingerprint();
    for (long i = 0; i < count; i++) {
      f.add(TestRecords.record(i, length));
    }
    return f;
  }

  private void assertReadsBack(
      ReadFromBinaryFiles.Read<byte[]> read, long count, int length) {
    PAssert.thatSingleton(reader.apply(read).apply(Fingerprint.globally()))
        .isEqualTo(expected(count, length));
    reader.run().waitUntilFinish();
  }

  private List<Path> outputs(String glob) throws Exception {
    try (Stream<Path> s = Files.list(tmp.getRoot().toPath())) {
      return s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  public void millionRecordsRoundTrip() throws Exception {
    String prefix = tmp.getRoot() + "/million";
    generate(writer, 1_000_000, LENGTH)
        .apply(
            WriteToBinaryFiles.of(Formats.fixed(LENGTH).withHeader("HEADER".getBytes()).withTrailer("END".getBytes()))
                .to(prefix)
                .withNumShards(3));
    writer.run().waitUntilFinish();
    assertEquals(3, outputs("million-*-of-00003.bin").size());
    assertReadsBack(
        ReadFromBinaryFiles.of(Formats.fixed(LENGTH).withHeaderBytes(6).withTrailerBytes(3)).from(prefix + "*"),
        1_000_000,
        LENGTH);
  }

  @Test
  public void millionRecordsRoundTripGzip() throws Exception {
    String prefix = tmp.getRoot() + "/gz";
    generate(writer, 1_000_000, LENGTH)
        .apply(
            WriteToBinaryFiles.of(Formats.fixed(LENGTH))
                .to(prefix)
                .withCompression(Compression.GZIP)
                .withNumShards(2));
    writer.run().waitUntilFinish();
    assertEquals(2, outputs("gz-*-of-00002.bin.gz").size());
    assertReadsBack(ReadFromBinaryFiles.of(Formats.fixed(LENGTH)).from(prefix + "*"), 1_000_000, LENGTH);
  }

  @Test
  public void manySmallFilesAndEmptyFiles() throws Exception {
    String prefix = tmp.getRoot() + "/small";
    generate(writer, 5_000, LENGTH)
        .apply(WriteToBinaryFiles.of(Formats.fixed(LENGTH)).to(prefix).withNumShards(100));
    writer.run().waitUntilFinish();
    for (int i = 0; i < 5; i++) {
      Files.write(tmp.getRoot().toPath().resolve("small-empty-" + i + ".bin"), new byte[0]);
    }
    assertEquals(105, outputs("small-*.bin").size());
    assertReadsBack(ReadFromBinaryFiles.of(Formats.fixed(LENGTH)).from(prefix + "*.bin"), 5_000, LENGTH);
  }

  @Test
  public void readFilesAndHintManyFilesReadTheSameRecords() throws Exception {
    String prefix = tmp.getRoot() + "/rf";
    generate(writer, 20_000, LENGTH)
        .apply(WriteToBinaryFiles.of(Formats.fixed(LENGTH)).to(prefix).withNumShards(4));
    writer.run().waitUntilFinish();
    PCollection<byte[]> viaReadFiles =
        reader
            .apply(FileIO.match().filepattern(prefix + "*"))
            .apply(FileIO.readMatches())
            .apply(ReadFromBinaryFiles.of(Formats.fixed(LENGTH)).readFiles().withDesiredBundleSizeBytes(1000));
    PCollection<byte[]> viaHint =
        reader.apply(
            "Hinted", ReadFromBinaryFiles.of(Formats.fixed(LENGTH)).from(prefix + "*").withHintMatchesManyFiles());
    PAssert.thatSingleton(viaReadFiles.apply("FP1", Fingerprint.globally()))
        .isEqualTo(expected(20_000, LENGTH));
    PAssert.thatSingleton(viaHint.apply("FP2", Fingerprint.globally()))
        .isEqualTo(expected(20_000, LENGTH));
    reader.run().waitUntilFinish();
  }

  @Test
  public void fileIoSinkWritesReadableFiles() throws Exception {
    generate(writer, 10_000, LENGTH)
        .apply(
            FileIO.<byte[]>write()
                .via(WriteToBinaryFiles.of(Formats.fixed(LENGTH).withHeader(new byte[] {1, 2})).sink())
                .to(tmp.getRoot().toString())
                .withPrefix("fileio")
                .withSuffix(".dat")
                .withNumShards(2));
    writer.run().waitUntilFinish();
    assertEquals(2, outputs("fileio*.dat").size());
    assertReadsBack(
        ReadFromBinaryFiles.of(Formats.fixed(LENGTH).withHeaderBytes(2)).from(tmp.getRoot() + "/fileio*"),
        10_000,
        LENGTH);
  }

  @Test
  public void windowedWritesGiveEachWindowItsOwnFilesAndTempDirectoryIsUsed() throws Exception {
    String prefix = tmp.getRoot() + "/win/part";
    String temp = tmp.newFolder("scratch").toString();
    writer
        .apply(GenerateSequence.from(0).to(1000))
        .apply(org.apache.beam.sdk.transforms.WithTimestamps.of(
            (Long i) -> new org.joda.time.Instant(i < 500 ? 0L : 3_600_000L)))
        .apply(org.apache.beam.sdk.transforms.windowing.Window.into(
            org.apache.beam.sdk.transforms.windowing.FixedWindows.of(org.joda.time.Duration.standardHours(1))))
        .apply(MapElements.into(TypeDescriptor.of(byte[].class)).via(i -> TestRecords.record(i, LENGTH)))
        .apply(WriteToBinaryFiles.of(Formats.fixed(LENGTH)).to(prefix).withWindowedWrites().withNumShards(2)
            .withTempDirectory(temp));
    writer.run().waitUntilFinish();
    List<Path> files;
    try (Stream<Path> s = Files.list(tmp.getRoot().toPath().resolve("win"))) {
      files = s.sorted().collect(Collectors.toList());
    }
    assertEquals(files.toString(), 4, files.size());
    assertTrue(files.toString(), files.get(0).getFileName().toString().startsWith("part1970-01-01T00:00:00.000Z-1970-01-01T01:00:00.000Z"));
    assertReadsBack(ReadFromBinaryFiles.of(Formats.fixed(LENGTH)).from(prefix + "*"), 1000, LENGTH);
  }

  @Test
  public void recordIdsAreFileAndOrdinal() throws Exception {
    Path f = TestRecords.writeFixed(tmp.newFile("ids.bin").toPath(), 8, 50, 4, 0, 0);
    PCollection<KV<RecordId, byte[]>> read =
        checked.apply(
            ReadFromBinaryFiles.of(Formats.fixed(8).withHeaderBytes(4)).withRecordIds().from(f.toString()));
    PAssert.that(read.apply(MapElements.into(TypeDescriptor.of(Long.class)).via(kv -> kv.getKey().getOrdinal())))
        .containsInAnyOrder(
            java.util.stream.LongStream.range(0, 50).boxed().collect(Collectors.toList()));
    PAssert.that(read.apply("Bytes match ordinal", MapElements.into(TypeDescriptor.of(Boolean.class))
            .via(kv -> Arrays.equals(kv.getValue(), TestRecords.record(kv.getKey().getOrdinal(), 8)))))
        .satisfies(all -> {
          all.forEach(b -> assertTrue(b));
          return null;
        });
    checked.run().waitUntilFinish();
  }

  @Test
  public void skippedPartialRecordIsCountedAndReported() throws Exception {
    Path good = TestRecords.writeFixed(tmp.newFile("good.bin").toPath(), 10, 30, 0, 0, 0);
    Path bad = TestRecords.writeFixed(tmp.newFile("bad.bin").toPath(), 10, 20, 0, 0, 7);
    ReadResult<byte[]> result =
        checked.apply(
            ReadFromBinaryFiles.of(Formats.fixed(10))
                .from(tmp.getRoot() + "/*.bin")
                .withSkippedRegionReport());
    PAssert.thatSingleton(result.records().apply(Count.globally())).isEqualTo(50L);
    PAssert.that(result.skippedRegions())
        .containsInAnyOrder(
            new SkippedRegion(
                bad.toString(),
                200,
                207,
                20,
                SkippedRegion.UNKNOWN, // the partial record, and any after it if the file was cut
                "partial record: 7 bytes where a 10-byte record was expected (file is 207 bytes ="
                    + " 0 header + 20 records of 10 + 7 partial + 0 trailer)"));
    PipelineResult run = checked.run();
    run.waitUntilFinish();
    MetricQueryResults metrics =
        run.metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named("binfiles", "skippedBytes"))
                    .build());
    assertEquals(7L, (long) metrics.getCounters().iterator().next().getAttempted());
  }

  @Test
  public void skipPolicyWithoutReportStillDropsOnlyThePartialRecord() throws Exception {
    TestRecords.writeFixed(tmp.newFile("bad.bin").toPath(), 10, 20, 0, 0, 7);
    PCollection<byte[]> read =
        checked.apply(
            ReadFromBinaryFiles.of(Formats.fixed(10))
                .withCorruptionPolicy(CorruptionPolicy.SKIP)
                .from(tmp.getRoot() + "/bad.bin"));
    PAssert.thatSingleton(read.apply(Fingerprint.globally())).isEqualTo(expected(20, 10));
    checked.run().waitUntilFinish();
  }

  @Test
  public void partialRecordFailsThePipelineByDefault() throws Exception {
    TestRecords.writeFixed(tmp.newFile("bad.bin").toPath(), 10, 20, 0, 0, 7);
    checked.apply(ReadFromBinaryFiles.of(Formats.fixed(10)).from(tmp.getRoot() + "/bad.bin"));
    Exception e = assertThrows(Exception.class, () -> checked.run().waitUntilFinish());
    // Named before any record is read, with the settings that would fit (207 = 9 x 23).
    assertTrue(messages(e), messages(e).contains("bad.bin at byte 200: the file's size does not fit the settings:"
        + " 207 bytes = 0 header + 20 records of 10 + 7 partial + 0 trailer"));
    assertTrue(messages(e), messages(e).contains("so would records of [9] bytes"));
  }

  @Test
  public void wrongLengthRecordFailsAndLeavesNoOutputFile() throws Exception {
    String prefix = tmp.getRoot() + "/wrong";
    writer
        .apply(Create.of(Arrays.asList(new byte[8], new byte[8], new byte[7])).withCoder(ByteArrayCoder.of()))
        .apply(WriteToBinaryFiles.of(Formats.fixed(8)).to(prefix).withNumShards(1));
    Exception e = assertThrows(Exception.class, () -> writer.run().waitUntilFinish());
    assertTrue(messages(e), messages(e).contains("is 7 bytes, but this file holds records of exactly 8 bytes"));
    // The output is named as the user gave it, not only as Beam's temporary file.
    assertTrue(messages(e), messages(e).contains("of the output " + prefix + "* (a shard being written to the temporary file"));
    assertEquals(0, outputs("wrong*").size());
  }

  @Test
  public void aValueTheLayoutCannotHoldNamesTheFieldTheRecordAndTheOutput() throws Exception {
    String prefix = tmp.getRoot() + "/toolarge";
    io.github.binfiles.layout.RecordLayout layout = io.github.binfiles.layout.RecordLayout.builder(4)
        .add("amount", io.github.binfiles.layout.FieldType.packedDecimal(4, 2)).build();
    org.apache.beam.sdk.schemas.Schema schema = layout.schema();
    writer
        .apply(Create.of(org.apache.beam.sdk.values.Row.withSchema(schema).addValue(new java.math.BigDecimal("12.34")).build(),
                org.apache.beam.sdk.values.Row.withSchema(schema).addValue(new java.math.BigDecimal("123456.78")).build())
            .withRowSchema(schema))
        .apply(WriteToBinaryFiles.of(Formats.fixed(layout)).withLayout(layout).to(prefix).withNumShards(1));
    Exception e = assertThrows(Exception.class, () -> writer.run().waitUntilFinish());
    assertTrue(messages(e), messages(e).contains("of the output " + prefix + "*"));
    assertTrue(messages(e), messages(e).contains("field amount: 123456.78 does not fit"));
    assertTrue(messages(e), messages(e).matches("(?s).*record [01] of the output.*"));
  }

  @Test
  public void missingFilePatternIsAnErrorUnlessAllowed() throws Exception {
    String missing = tmp.getRoot() + "/nothing-here-*.bin";
    checked.apply(ReadFromBinaryFiles.of(Formats.fixed(10)).from(missing));
    Exception e = assertThrows(Exception.class, () -> checked.run().waitUntilFinish());
    assertTrue(messages(e), messages(e).contains("No files matched spec: " + missing));

    PCollection<byte[]> none =
        reader.apply(
            ReadFromBinaryFiles.of(Formats.fixed(10))
                .withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW)
                .from(missing));
    PAssert.that(none).empty();
    reader.run().waitUntilFinish();
  }

  @Test
  public void argumentErrorsSayWhatIsWrong() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ReadFromBinaryFiles.of(Formats.fixed(0)))
            .getMessage()
            .contains("record length must be a positive number of bytes, was 0"));
    assertThrows(IllegalArgumentException.class, () -> ReadFromBinaryFiles.of(Formats.fixed(-1)));
    assertThrows(IllegalArgumentException.class, () -> WriteToBinaryFiles.of(Formats.fixed(0)));
    assertThrows(IllegalArgumentException.class, () -> ReadFromBinaryFiles.of(Formats.fixed(4).withHeaderBytes(-1)));
    Exception noPattern =
        assertThrows(
            IllegalStateException.class, () -> checked.apply(ReadFromBinaryFiles.of(Formats.fixed(4))));
    assertTrue(noPattern.getMessage().contains("no file pattern"));
    checked.enableAbandonedNodeEnforcement(false);
  }

  static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getMessage()).append(" | ");
    }
    return b.toString();
  }

}
