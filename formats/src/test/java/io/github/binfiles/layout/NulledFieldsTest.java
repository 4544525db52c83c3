package io.github.binfiles.layout;

import io.github.binfiles.Formats;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.FieldNullingDecoder;
import io.github.binfiles.report.NulledField;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.ReadResult;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.container.ContainerFormat;
import io.github.binfiles.container.ContainerOptions;
import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.io.OutputBuffer;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.beam.SplitItemsFn;
import io.github.binfiles.testing.ContainerTestFiles;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Under SKIP, a field whose bytes its type cannot hold is set to null and reported as a {@link
 * NulledField}, exactly once whatever the splits; under FAIL it fails the read (see {@link
 * LayoutPipelineTest}).
 */
public class NulledFieldsTest {
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final RecordLayout LAYOUT = RecordLayoutTest.accounts();
  private static final int RECORDS = 20;
  private final PipelineOptions options = PipelineOptionsFactory.create();

  /** 20 accounts (id, "ACCOUNT id", balance -id.25, status id % 4) with three bad fields. */
  private static byte[] accountsWithBadFields() {
    OutputBuffer out = new OutputBuffer(RECORDS * 32);
    LayoutEncoder encoder = new LayoutEncoder(LAYOUT);
    for (int id = 0; id < RECORDS; id++) {
      encoder.encode(Row.withSchema(LAYOUT.schema())
          .addValues(id, "ACCOUNT " + id, new BigDecimal(id + ".25").negate(), new BigDecimal(id % 4))
          .build(), out);
    }
    byte[] bytes = Arrays.copyOf(out.array(), out.size());
    bytes[3 * 32 + 17] = (byte) 0xAB; // record 3, balance (bytes 16..21): a non-digit nibble
    bytes[7 * 32 + 21] = (byte) 0x57; // record 7, balance: sign nibble 7
    bytes[7 * 32 + 22] = (byte) 0x41; // record 7, status (bytes 22..24): zone 4
    return bytes;
  }

  /** The reports for {@link #accountsWithBadFields()}; container records have no file offset. */
  private static List<NulledField> expectedNulled(String file, boolean fixedFile) {
    byte[] bytes = accountsWithBadFields();
    long r3 = fixedFile ? 3 * 32 : SkippedRegion.UNKNOWN;
    long r7 = fixedFile ? 7 * 32 : SkippedRegion.UNKNOWN;
    return List.of(
        new NulledField(file, 3, r3, "balance", 16, Arrays.copyOfRange(bytes, 3 * 32 + 16, 3 * 32 + 22),
            "packed_decimal(6, scale 2): packed decimal has a non-digit nibble in byte 1"),
        new NulledField(file, 7, r7, "balance", 16, Arrays.copyOfRange(bytes, 7 * 32 + 16, 7 * 32 + 22),
            "packed_decimal(6, scale 2): packed decimal sign nibble is 7, expected A-F"),
        new NulledField(file, 7, r7, "status", 22, Arrays.copyOfRange(bytes, 7 * 32 + 22, 7 * 32 + 25),
            "zoned_decimal(3, scale 0): zoned decimal byte 0 is 41, expected F0-F9"));
  }

  private static Row expectedRow(int id) {
    BigDecimal balance = id == 3 || id == 7 ? null : new BigDecimal(id + ".25").negate();
    BigDecimal status = id == 7 ? null : new BigDecimal(id % 4);
    return Row.withSchema(LAYOUT.nullingSchema()).addValues(id, "ACCOUNT " + id, balance, status).build();
  }

  private static List<Row> expectedRows() {
    List<Row> rows = new ArrayList<>();
    for (int id = 0; id < RECORDS; id++) {
      rows.add(expectedRow(id));
    }
    return rows;
  }

  /** The records of {@link #accountsWithBadFields()} in a container that declares the layout. */
  private Path containerWithLayout(String name, int targetBlockBytes) throws Exception {
    byte[] bytes = accountsWithBadFields();
    List<byte[]> records = new ArrayList<>();
    for (int id = 0; id < RECORDS; id++) {
      records.add(Arrays.copyOfRange(bytes, id * 32, id * 32 + 32));
    }
    Path f = tmp.newFile(name).toPath();
    ContainerTestFiles.write(
        f,
        ContainerOptions.defaults()
            .withFixedRecordLength(32)
            .withTargetBlockBytes(targetBlockBytes)
            .withReservedMetadata(ContainerFormat.KEY_LAYOUT, LAYOUT.toJson()),
        records);
    return f;
  }

  private Path fixedFile(byte[] bytes) throws Exception {
    Path f = tmp.newFile("accounts.ebc").toPath();
    Files.write(f, bytes);
    return f;
  }

  @Test
  public void onlyFieldsThatCanRejectBytesBecomeNullable() {
    for (org.apache.beam.sdk.schemas.Schema.Field f : LAYOUT.nullingSchema().getFields()) {
      boolean fallible = f.getName().equals("balance") || f.getName().equals("status");
      assertEquals(f.getName(), fallible, f.getType().getNullable());
      assertFalse(f.getName(), LAYOUT.schema().getField(f.getName()).getType().getNullable());
    }
  }

  @Test
  public void nullingDecoderNullsOnlyTheBadFieldsAndReportsEach() throws Exception {
    byte[] bytes = accountsWithBadFields();
    FieldNullingDecoder<Row> decoder = LayoutDecoder.nullingBadFields(LAYOUT);
    List<String> reports = new ArrayList<>();
    FieldNullingDecoder.NulledFields sink = (field, offset, fieldBytes, problem) ->
        reports.add(field + "@" + offset + " " + fieldBytes.length + " " + problem);

    assertEquals(expectedRow(7), decoder.decode(bytes, 7 * 32, 32, sink));
    assertEquals(List.of(
        "balance@16 6 packed_decimal(6, scale 2): packed decimal sign nibble is 7, expected A-F",
        "status@22 3 zoned_decimal(3, scale 0): zoned decimal byte 0 is 41, expected F0-F9"), reports);
    reports.clear();
    assertEquals(expectedRow(8), decoder.decode(bytes, 8 * 32, 32, sink));
    assertTrue(reports.isEmpty());

    // Without a sink, and with the FAIL-mode decoder, the same bytes fail.
    assertThrows(IllegalArgumentException.class, () -> decoder.decode(bytes, 7 * 32, 32));
    assertThrows(IllegalArgumentException.class, () -> new LayoutDecoder(LAYOUT).decode(bytes, 3 * 32, 32));
  }

  @Test
  public void aBooleanByteOtherThanZeroOrOneIsNulled() throws Exception {
    RecordLayout flags = RecordLayout.builder(2).add("a", FieldType.bool()).add("b", FieldType.bool()).build();
    List<String> reports = new ArrayList<>();
    Row row = LayoutDecoder.nullingBadFields(flags).decode(new byte[] {1, 2}, 0, 2,
        (field, offset, fieldBytes, problem) -> reports.add(field + " " + problem));
    assertEquals(Boolean.TRUE, row.getBoolean("a"));
    assertNull(row.getBoolean("b"));
    assertEquals(List.of("b boolean(1): boolean byte is 2, expected 0 or 1"), reports);
  }

  /**
   * Nulled fields travel with their record through Beam's range tracker, so every split reports
   * each exactly once; a partial record at the end mixes a skipped region into the same stream.
   */
  @Test
  public void everySplitReportsEachNulledFieldOnce() throws Exception {
    byte[] bytes = accountsWithBadFields();
    Path f = fixedFile(Arrays.copyOf(bytes, bytes.length + 5));
    FramedSource<ReadItem<Row>> source =
        FramedSource.ofFile(
            FileSystems.matchSingleFileSpec(f.toString()),
            FixedRecordFraming.of(32, 0, 0),
            ElementFactories.items(
                ElementFactories.decoded(
                    LayoutDecoder.nullingBadFields(LAYOUT), RowCoder.of(LAYOUT.nullingSchema()))),
            CorruptionPolicy.SKIP);

    List<ReadItem<Row>> items = SourceTestUtils.readFromSource(source, options);
    assertEquals(RECORDS + 1, items.size());
    List<NulledField> nulled = new ArrayList<>();
    for (int id = 0; id < RECORDS; id++) {
      assertEquals(expectedRow(id), items.get(id).getRecord());
      nulled.addAll(items.get(id).getNulledFields());
    }
    assertEquals(expectedNulled(f.toString(), true), nulled);
    assertEquals(RECORDS * 32, items.get(RECORDS).getSkipped().getStartOffset());

    SourceTestUtils.assertSplitAtFractionExhaustive(source, options);
    for (long bundle : new long[] {1, 31, 32, 33, 100, 7 * 32 + 20, 1 << 20}) {
      SourceTestUtils.assertSourcesEqualReferenceSource(source, source.split(bundle, options), options);
    }
  }

  @Test
  public void fixedReadReturnsNulledFieldsBesideTheRowsAndCountsThem() throws Exception {
    Path f = fixedFile(accountsWithBadFields());
    ReadResult<Row> result = p.apply(ReadFromBinaryFiles.of(Formats.fixed(LAYOUT)).withLayout(LAYOUT).from(f.toString()).withSkippedRegionReport());
    PAssert.that(result.records()).containsInAnyOrder(expectedRows());
    PAssert.that(result.nulledFields()).containsInAnyOrder(expectedNulled(f.toString(), true));
    PAssert.that(result.skippedRegions()).empty();
    assertEquals(LAYOUT.nullingSchema(), result.records().getSchema());
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(3L, counter(run, "nulledFields"));
    assertEquals(0L, counter(run, "skippedRegions"));
  }

  @Test
  public void skipPolicyWithoutReportStillReturnsEveryRow() throws Exception {
    Path f = fixedFile(accountsWithBadFields());
    PCollection<Row> rows = p.apply(
        ReadFromBinaryFiles.of(Formats.fixed(LAYOUT)).withLayout(LAYOUT).withCorruptionPolicy(CorruptionPolicy.SKIP).from(f.toString()));
    PAssert.that(rows).containsInAnyOrder(expectedRows());
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(3L, counter(run, "nulledFields"));
  }

  @Test
  public void containerRowsWithALayoutNullBadFieldsToo() throws Exception {
    Path f = containerWithLayout("accounts.bfc", 200);
    ReadResult<Row> result = p.apply(ReadFromBinaryFiles.of(Formats.container()).withStoredLayout().from(f.toString()).withSkippedRegionReport());
    PAssert.that(result.records()).containsInAnyOrder(expectedRows());
    PAssert.that(result.nulledFields()).containsInAnyOrder(expectedNulled(f.toString(), false));
    p.run().waitUntilFinish();
  }

  /**
   * A damaged block and bad fields in one container: the block's records are lost and reported as
   * a region (their bad fields with them), the other rows arrive with their bad fields nulled.
   */
  @Test
  public void damagedBlockAndBadFieldsAreReportedSeparately() throws Exception {
    Path f = containerWithLayout("damaged.bfc", 100); // 4 records per block: 0-3, 4-7, 8-11, ...
    long secondBlock;
    try (io.github.binfiles.container.ContainerFile c = io.github.binfiles.container.ContainerFile.open(f.toString())) {
      secondBlock = c.index().get().blockOffset(1);
    }
    byte[] file = Files.readAllBytes(f);
    file[(int) secondBlock + 60] ^= 0x01; // inside block 1's payload: records 4-7 are lost
    Files.write(f, file);

    ReadResult<Row> result = p.apply(ReadFromBinaryFiles.of(Formats.container()).withStoredLayout().from(f.toString()).withSkippedRegionReport());
    List<Row> kept = new ArrayList<>(expectedRows());
    kept.subList(4, 8).clear();
    PAssert.that(result.records()).containsInAnyOrder(kept);
    PAssert.that(result.nulledFields()).containsInAnyOrder(expectedNulled(f.toString(), false).get(0));
    PAssert.thatSingleton(result.skippedRegions()).satisfies(r -> {
      assertEquals(secondBlock, r.getStartOffset());
      assertEquals(4, r.getFirstLostOrdinal());
      assertEquals(8, r.getEndLostOrdinal());
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  public void nulledFieldSaysWhereAndWhat() {
    NulledField n = expectedNulled("f.ebc", true).get(0);
    assertEquals("f.ebc record 3 at byte 96: field balance (record byte 16) holds 00ab0000325d:"
        + " packed_decimal(6, scale 2): packed decimal has a non-digit nibble in byte 1; set to null", n.toString());
    assertArrayEquals(new byte[] {0x00, (byte) 0xAB, 0x00, 0x00, 0x32, 0x5D}, n.getBytes());
  }

  private static long counter(PipelineResult run, String name) {
    MetricQueryResults m = run.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(SplitItemsFn.NAMESPACE, name)).build());
    long total = 0;
    for (org.apache.beam.sdk.metrics.MetricResult<Long> c : m.getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }
}
