package io.github.binfiles.variable;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.layout.CopybookLayout;
import io.github.binfiles.layout.RecordLayout;
import io.github.binfiles.layout.SegmentIds;
import io.github.binfiles.report.CorruptionPolicy;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/**
 * Segment ids against Cobrix's published values for its test17 (three levels) and test4 (two),
 * read whole and split at many bundle sizes. Cobrix's root id is {@code <prefix>_<file index>_<record
 * index>}; binfiles', for V files (which number no records), {@code <prefix>_<byte offset>}: the
 * expected ids are translated through the offsets of the records Cobrix counted.
 */
public class CobrixSegmentIdsTest {
  private final PipelineOptions options = PipelineOptionsFactory.create();

  private List<Row> read(String data, RecordLayout layout, SegmentIds ids, List<Long> offsets, long bundle)
      throws Exception {
    VariableFormat f = VariableFormat.records().withLittleEndianDescriptors().withRdwAdjustment(0);
    // The ids only: the fields are compared with Cobrix's by CobrixVariableLengthTest.
    Schema none = Schema.builder().build();
    Schema.Builder b = Schema.builder().addInt64Field("offset");
    ids.columnNames().forEach(c -> b.addNullableField(c, Schema.FieldType.STRING));
    Schema schema = b.build();
    Metadata m = FileSystems.matchSingleFileSpec(CobrixVariableLengthTest.testdata(data).toString());
    FramedSource<Row> source = FramedSource.ofFile(m, f.framing(),
        ElementFactories.withColumns(ElementFactories.decoded(
            (io.github.binfiles.spi.RecordDecoder<Row>) (bytes, at, length) -> Row.withSchema(none).build(), RowCoder.of(none)),
            List.of("offset"), (c, context, length) -> context.offset(), ids.bind(layout), schema),
        CorruptionPolicy.FAIL);
    List<Row> rows = new ArrayList<>();
    for (org.apache.beam.sdk.io.BoundedSource<Row> part : bundle > 0 ? source.split(bundle, options) : List.of(source)) {
      rows.addAll(SourceTestUtils.readFromSource(part, options));
    }
    if (offsets != null) {
      rows.forEach(r -> offsets.add(r.getInt64("offset")));
    }
    return rows;
  }

  private static List<JsonNode> expected(String name) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = new ObjectMapper().readerFor(JsonNode.class)
        .readValues(CobrixVariableLengthTest.testdata(name).toFile())) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  /** Cobrix's id with its root {@code A_0_<index>} as binfiles names it, {@code A_<offset>}. */
  private static String translated(JsonNode id, List<Long> offsets) {
    if (id == null || id.isNull()) {
      return null;
    }
    String[] p = id.asText().split("_", 4); // A, 0, index, rest
    String root = p[0] + "_" + offsets.get(Integer.parseInt(p[2]));
    return p.length == 4 ? root + "_" + p[3] : root;
  }

  private void assertIds(String data, RecordLayout layout, SegmentIds ids, String expectedFile, int records)
      throws Exception {
    List<Long> offsets = new ArrayList<>();
    List<Row> whole = read(data, layout, ids, offsets, 0);
    List<JsonNode> expected = expected(expectedFile);
    assertEquals(records, expected.size());
    int compared = 0;
    for (int i = 0; i < records; i++) {
      for (int level = 0; level < ids.levels().size(); level++) {
        String column = "Seg_Id" + level;
        assertEquals("record " + i + " " + column, translated(expected.get(i).get(column), offsets),
            whole.get(i).getString(column));
        compared += expected.get(i).has(column) ? 1 : 0;
      }
    }
    assertEquals(true, compared > records);
    for (long bundle : new long[] {1, 97, 1000, 4096}) {
      assertEquals("split at bundles of " + bundle, whole, read(data, layout, ids, null, bundle));
    }
  }

  @Test
  public void test17ThreeLevelsAgreeWithCobrix() throws Exception {
    RecordLayout layout = CopybookLayout.of(Files.readString(CobrixVariableLengthTest.testdata("test17_hierarchical.cob")))
        .withControlCharsAsSpaces()
        .withRecordTypes("SEGMENT-ID", Map.of("1", "COMPANY", "2", "DEPT", "3", "EMPLOYEE", "4", "OFFICE",
            "5", "CUSTOMER", "6", "CONTACT", "7", "CONTRACT"))
        .toLayout();
    SegmentIds ids = SegmentIds.by("SEGMENT-ID").level("1").level("2", "5").level("3", "4", "6", "7").withPrefix("A");
    assertIds("test17_hierarchical.dat", layout, ids, "test17b_expected.jsonl", 300);
  }

  @Test
  public void test4TwoLevelsAgreeWithCobrix() throws Exception {
    RecordLayout layout = CopybookLayout.of(Files.readString(CobrixVariableLengthTest.testdata("test4_copybook.cob")))
        .withCodePage("US-ASCII").withControlCharsAsSpaces()
        .withRecordTypes("SEGMENT-ID", Map.of("C", "STATIC-DETAILS", "P", "CONTACTS")).toLayout();
    SegmentIds ids = SegmentIds.parse("SEGMENT-ID:C/P").withPrefix("A");
    assertIds("test4_comp_details.dat", layout, ids, "test4_expected.jsonl", 60);
  }
}
