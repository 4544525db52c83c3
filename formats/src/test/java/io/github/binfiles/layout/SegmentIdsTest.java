package io.github.binfiles.layout;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.Formats;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.ElementFactory;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.beam.SplittableReadFn;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import io.github.binfiles.testing.SplitSweep;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Segment ids ({@link SegmentIds}): values by hand from Cobrix's rules (its SegmentIdAccumulator:
 * counters restart only at a root; an unknown segment keeps the ids before it; a level with no
 * record since the root counts 0), and exactness of reads whose ranges start only at roots, for a
 * format of each kind: fixed records, V (found by a search), VB and container blocks.
 */
public class SegmentIdsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient org.apache.beam.sdk.testing.TestPipeline pipeline =
      org.apache.beam.sdk.testing.TestPipeline.create();
  private final PipelineOptions options = PipelineOptionsFactory.create();

  private static final String COPYBOOK = "       01 R.\n          05 SEG PIC X.\n          05 DATA PIC X(3).\n";
  private static final RecordLayout LAYOUT = CopybookLayout.of(COPYBOOK).withCodePage("US-ASCII").toLayout();
  private static final SegmentIds IDS = SegmentIds.by("SEG").level("C").level("P").level("Q").withPrefix("A");

  private static ElementFactory<Row> rows(SegmentIds ids) {
    Schema.Builder b = Schema.builder();
    for (String c : ids.columnNames()) {
      b.addNullableField(c, Schema.FieldType.STRING);
    }
    Schema schema = b.addFields(LAYOUT.schema().getFields()).build();
    return ElementFactories.withColumns(ElementFactories.decoded(new LayoutDecoder(LAYOUT), RowCoder.of(LAYOUT.schema())),
        List.<Object>of(), (c, context, length) -> null, ids.bind(LAYOUT), schema);
  }

  private Path write(FileFormat format, List<String> records) throws Exception {
    Path file = tmp.newFile().toPath();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      RecordFileWriter<byte[]> w = format.openWriter(ch, RecordEncoder.bytes(), file.toString());
      for (String r : records) {
        w.write(r.getBytes(StandardCharsets.US_ASCII));
      }
      w.finish();
    }
    return file;
  }

  private FramedSource<Row> source(FileFormat format, Path file) throws Exception {
    return FramedSource.ofFile(FileSystems.matchSingleFileSpec(file.toString()), format.framing(), rows(IDS),
        CorruptionPolicy.FAIL);
  }

  private static List<String> ids(Row r) {
    return Arrays.asList(r.getString(0), r.getString(1), r.getString(2));
  }

  @Test
  public void idsByHandFromCobrixsRules() throws Exception {
    List<String> records = List.of("Pzzz", "Caaa", "Pbbb", "Pccc", "Qddd", "Ceee", "Xfff", "Qggg", "Phhh", "Qiii");
    Path file = write(Formats.fixed(4), records);
    List<Row> rows = SourceTestUtils.readFromSource(source(Formats.fixed(4), file), options);
    List<List<String>> expected = Arrays.asList(
        Arrays.asList(null, null, null), // before the first root
        Arrays.asList("A_1", null, null),
        Arrays.asList("A_1", "A_1_L1_1", null),
        Arrays.asList("A_1", "A_1_L1_2", null),
        Arrays.asList("A_1", "A_1_L1_2", "A_1_L2_1"),
        Arrays.asList("A_5", null, null),
        Arrays.asList("A_5", null, null), // X is in no level: the ids before it
        Arrays.asList("A_5", "A_5_L1_0", "A_5_L2_1"), // no level-1 record since the root
        Arrays.asList("A_5", "A_5_L1_1", null),
        Arrays.asList("A_5", "A_5_L1_1", "A_5_L2_2")); // level-2 counts on since the root
    List<List<String>> actual = new ArrayList<>();
    rows.forEach(r -> actual.add(ids(r)));
    assertEquals(expected, actual);
    assertEquals("Qiii", rows.get(9).getString(3) + rows.get(9).getString(4));
  }

  @Test
  public void aPipelineReadAddsTheColumnsAfterTheGeneratedOnes() throws Exception {
    Path file = write(Formats.fixed(4), List.of("Pzzz", "Caaa", "Qbbb"));
    org.apache.beam.sdk.values.PCollection<Row> rows = pipeline.apply(
        io.github.binfiles.ReadFromBinaryFiles.of(Formats.fixed(4)).withLayout(LAYOUT)
            .withGeneratedColumns(io.github.binfiles.GeneratedColumn.RECORD_ID)
            .withSegmentIds(SegmentIds.parse("SEG:C/P/Q").withPrefix("A"))
            .from(file.toString()));
    Schema schema = Schema.builder().addNullableField("Record_Id", Schema.FieldType.INT64)
        .addNullableField("Seg_Id0", Schema.FieldType.STRING).addNullableField("Seg_Id1", Schema.FieldType.STRING)
        .addNullableField("Seg_Id2", Schema.FieldType.STRING).addFields(LAYOUT.schema().getFields()).build();
    org.apache.beam.sdk.testing.PAssert.that(rows).containsInAnyOrder(
        Row.withSchema(schema).addValues(0L, null, null, null, "P", "zzz").build(),
        Row.withSchema(schema).addValues(1L, "A_1", null, null, "C", "aaa").build(),
        Row.withSchema(schema).addValues(2L, "A_1", "A_1_L1_0", "A_1_L2_1", "Q", "bbb").build());
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void variableFilesNameRootsByByteOffset() throws Exception {
    // V records of 4 bytes behind 4-byte RDWs: record i starts at 8 * i.
    Path file = write(Formats.variable(), List.of("Caaa", "Pbbb", "Cccc", "Qddd"));
    List<List<String>> actual = new ArrayList<>();
    SourceTestUtils.readFromSource(source(Formats.variable(), file), options).forEach(r -> actual.add(ids(r)));
    assertEquals(Arrays.asList(Arrays.asList("A_0", null, null), Arrays.asList("A_0", "A_0_L1_1", null),
        Arrays.asList("A_16", null, null), Arrays.asList("A_16", "A_16_L1_0", "A_16_L2_1")), actual);
  }

  @Test
  public void settingsAreCheckedAndParsed() {
    SegmentIds parsed = SegmentIds.parse("SEG:C/P,R/Q");
    assertEquals(List.of(List.of("C"), List.of("P", "R"), List.of("Q")), parsed.levels());
    assertEquals(List.of("Seg_Id0", "Seg_Id1", "Seg_Id2"), parsed.columnNames());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SegmentIds.by("NOPE").level("C").bind(LAYOUT))
        .getMessage().contains("the segment field NOPE is not an elementary field"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SegmentIds.by("SEG").bind(LAYOUT))
        .getMessage().contains("need at least one level"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SegmentIds.by("SEG").level("C").level("C"))
        .getMessage().contains("in two levels"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SegmentIds.parse("SEG"))
        .getMessage().contains("FIELD:ROOT_VALUES"));
  }

  /** Seeded records with roots now and then, long groups and short, orphans first. */
  private static List<String> sample(int n, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>();
    out.add("Pxxx");
    out.add("Qxxx");
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(10);
      String seg = k < 2 ? "C" : k < 5 ? "P" : k < 9 ? "Q" : "X";
      out.add(seg + String.format("%03d", i));
    }
    return out;
  }

  private static List<FileFormat> formats() {
    return List.of(Formats.fixed(4), Formats.fixed(4).withHeader(new byte[] {1, 2, 3}), Formats.variable(),
        Formats.variableBlocked().withBlockSize(40), Formats.container().withBlockSize(24));
  }

  @Test
  public void everyCutPairAndBundleSizeReadsEachGroupOnceWithItsIds() throws Exception {
    for (FileFormat format : formats()) {
      Path file = write(format, sample(40, 7));
      FramedSource<Row> whole = source(format, file);
      List<Row> expected = SourceTestUtils.readFromSource(whole, options);
      assertEquals(format.name(), 42, expected.size());
      Metadata m = FileSystems.matchSingleFileSpec(file.toString());
      long size = m.sizeBytes();
      for (long p = 0; p <= size; p++) {
        List<Row> parts = new ArrayList<>(SourceTestUtils.readFromSource(whole.createForSubrangeOfFile(m, 0, p), options));
        parts.addAll(SourceTestUtils.readFromSource(whole.createForSubrangeOfFile(m, p, size), options));
        assertEquals(format.name() + " cut at " + p, expected, parts);
      }
      for (long bundle : new long[] {1, 2, 3, 7, 16, 61, 256}) {
        SourceTestUtils.assertSourcesEqualReferenceSource(whole, whole.split(bundle, options), options);
      }
    }
  }

  @Test
  public void dynamicSplitsAtEveryFractionAfterEveryRecord() throws Exception {
    for (FileFormat format : formats()) {
      Path file = write(format, sample(25, 11));
      FramedSource<Row> whole = source(format, file);
      try {
        if (!format.name().startsWith("container")) {
          // A container's index fills half this small file: the bisection's fractions all land in
          // it (an empty residual) and it gives up as vacuous. The sweep below covers containers.
          SourceTestUtils.assertSplitAtFractionExhaustive(whole, options);
        }
        SplitSweep.assertConsistentAtEveryFraction(whole, 16, options);
      } catch (AssertionError e) {
        throw new AssertionError(format.name() + ": " + e.getMessage(), e);
      }
    }
  }

  @Test
  public void splittableReadFnAtEveryOffsetAndAfterEveryRecord() throws Exception {
    for (FileFormat format : formats()) {
      Path file = write(format, sample(25, 13));
      List<Row> expected = SourceTestUtils.readFromSource(source(format, file), options);
      Metadata m = FileSystems.matchSingleFileSpec(file.toString());
      // Claims covering 40 bytes of split points each: groups are admitted where claims are skipped too.
      SplittableReadFn<Row> fn = new SplittableReadFn<>(format.framing(),
          FramedSource.defaultCompression(format.framing()), rows(IDS), CorruptionPolicy.FAIL, 1 << 20, 40);
      OffsetRange whole = fn.initialRestriction(m, Compression.AUTO);
      for (long p = whole.getFrom() + 1; p < whole.getTo(); p++) {
        List<Row> parts = new ArrayList<>();
        readSplitting(fn, m, new OffsetRange(whole.getFrom(), p), parts, -1, 0);
        readSplitting(fn, m, new OffsetRange(p, whole.getTo()), parts, -1, 0);
        assertEquals(format.name() + " split at " + p, expected, parts);
      }
      for (double fraction : new double[] {0, 0.5}) {
        for (int k = 1; k <= expected.size(); k++) {
          List<Row> parts = new ArrayList<>();
          OffsetRange rest = readSplitting(fn, m, whole, parts, k, fraction);
          while (rest != null) {
            rest = readSplitting(fn, m, rest, parts, k, fraction);
          }
          assertEquals(format.name() + " split at " + fraction + " after " + k + " records", expected, parts);
        }
      }
    }
  }

  /**
   * Grouped reading under SKIP over damaged files: a V file with a broken RDW, a VB file with a
   * broken BDW, a fixed file cut short, and a container with a damaged block. Every cut pair gives
   * the whole-file read's records and regions, each once: damage a range meets before its first
   * root is the previous range's to report, and that range reads past its end to reach it.
   */
  @Test
  public void damageUnderSkipIsReportedOnceAtEveryCut() throws Exception {
    for (FileFormat format : formats()) {
      Path file = write(format, sample(30, 17));
      byte[] bytes = Files.readAllBytes(file);
      if (format.name().startsWith("fixed")) {
        bytes = java.util.Arrays.copyOf(bytes, bytes.length - 2); // a partial last record
      } else if (format.name().startsWith("container")) {
        bytes[bytes.length / 3] ^= 0x40;
      } else {
        bytes[bytes.length / 2 - (bytes.length / 2) % 8] ^= 0x7F; // a descriptor's length byte
      }
      Files.write(file, bytes);
      Metadata m = FileSystems.matchSingleFileSpec(file.toString());
      FramedSource<io.github.binfiles.beam.ReadItem<Row>> whole = FramedSource.ofFile(m, format.framing(),
          ElementFactories.items(rows(IDS)), CorruptionPolicy.SKIP);
      List<io.github.binfiles.beam.ReadItem<Row>> expected = SourceTestUtils.readFromSource(whole, options);
      assertTrue(format.name() + ": the damage is reported", expected.stream().anyMatch(i -> !i.isRecord()));
      for (long p = 0; p <= m.sizeBytes(); p++) {
        List<io.github.binfiles.beam.ReadItem<Row>> parts =
            new ArrayList<>(SourceTestUtils.readFromSource(whole.createForSubrangeOfFile(m, 0, p), options));
        parts.addAll(SourceTestUtils.readFromSource(whole.createForSubrangeOfFile(m, p, m.sizeBytes()), options));
        assertEquals(format.name() + " cut at " + p, expected, parts);
      }
    }
  }

  private OffsetRange readSplitting(SplittableReadFn<Row> fn, Metadata m, OffsetRange range, List<Row> out,
      int splitAfter, double fraction) throws Exception {
    OffsetRangeTracker tracker = fn.newTracker(range);
    OffsetRange[] residual = {null};
    int[] n = {0};
    fn.read(m, Compression.AUTO, tracker, r -> {
      out.add(r);
      if (splitAfter > 0 && ++n[0] % splitAfter == 0 && residual[0] == null) {
        var s = tracker.trySplit(fraction);
        residual[0] = s == null ? null : s.getResidual();
      }
    }, options);
    tracker.checkDone();
    return residual[0];
  }
}
