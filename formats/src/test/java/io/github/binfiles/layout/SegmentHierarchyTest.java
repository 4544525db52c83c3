package io.github.binfiles.layout;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.Formats;
import io.github.binfiles.GeneratedColumn;
import io.github.binfiles.ReadFromBinaryFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Nesting child segments into their roots ({@link SegmentHierarchy}): rows by hand, and what fails. */
public class SegmentHierarchyTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static final String COPYBOOK = String.join("\n",
      "       01 R.",
      "          05 SEG PIC X.",
      "          05 C-REC.",
      "             10 NAME PIC X(3).",
      "          05 P-REC REDEFINES C-REC.",
      "             10 CODE PIC X(3).",
      "          05 Q-REC REDEFINES C-REC.",
      "             10 NUM PIC 9(3).", "");
  private static final RecordLayout LAYOUT = CopybookLayout.of(COPYBOOK).withCodePage("US-ASCII")
      .withRecordTypes("SEG", Map.of("C", "C-REC", "P", "P-REC", "Q", "Q-REC")).toLayout();
  private static final SegmentHierarchy H = SegmentHierarchy.of().children("C-REC", "P-REC").children("P-REC", "Q-REC");

  private Path file(String... records) throws Exception {
    Path f = tmp.newFile().toPath();
    Files.write(f, String.join("", records).getBytes(StandardCharsets.US_ASCII));
    return f;
  }

  @Test
  public void rowsByHand() throws Exception {
    Path f = file("Caaa", "Pbbb", "Q001", "Q002", "Pccc", "Cddd", "Ceee", "Pfff");
    PCollection<Row> rows = p.apply(ReadFromBinaryFiles.of(Formats.fixed(4)).withLayout(LAYOUT)
        .withGeneratedColumns(GeneratedColumn.RECORD_ID).withSegmentHierarchy(H).from(f.toString()));
    SegmentHierarchy.Bound b = H.bind(LAYOUT);
    Schema nested = b.nestedSchema(LAYOUT.schema());
    Schema c = nested.getField("C_REC").getType().getRowSchema();
    Schema pRec = c.getField("P_REC").getType().getCollectionElementType().getRowSchema();
    Schema q = pRec.getField("Q_REC").getType().getCollectionElementType().getRowSchema();
    assertEquals(List.of("SEG", "C_REC"), nested.getFieldNames());
    assertEquals(List.of("NAME", "P_REC"), c.getFieldNames());
    assertEquals(List.of("CODE", "Q_REC"), pRec.getFieldNames());
    Schema out = Schema.builder().addNullableField("Record_Id", Schema.FieldType.INT64).addFields(nested.getFields()).build();
    Row q1 = Row.withSchema(q).addValue(new BigDecimal("1")).build();
    Row q2 = Row.withSchema(q).addValue(new BigDecimal("2")).build();
    Row first = Row.withSchema(out).addValues(0L, "C", Row.withSchema(c).addValues("aaa", List.of(
        Row.withSchema(pRec).addValues("bbb", List.of(q1, q2)).build(),
        Row.withSchema(pRec).addValues("ccc", List.of()).build())).build()).build();
    Row second = Row.withSchema(out).addValues(5L, "C", Row.withSchema(c).addValues("ddd", List.of()).build()).build();
    Row third = Row.withSchema(out).addValues(6L, "C", Row.withSchema(c).addValues("eee", List.of(
        Row.withSchema(pRec).addValues("fff", List.of()).build())).build()).build();
    PAssert.that(rows).containsInAnyOrder(first, second, third);
    p.run().waitUntilFinish();
  }

  private static Row flat(String record) throws Exception {
    return new LayoutDecoder(LAYOUT).decode(record.getBytes(StandardCharsets.US_ASCII), 0, 4);
  }

  private static String nestFails(String... records) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (String r : records) {
      rows.add(flat(r));
    }
    SegmentHierarchy.Bound b = H.bind(LAYOUT);
    return assertThrows(IllegalArgumentException.class,
        () -> b.nest(rows, b.nestedSchema(LAYOUT.schema()), i -> "record " + i)).getMessage();
  }

  @Test
  public void recordsThatCannotBePlacedFailNamingThem() throws Exception {
    assertEquals("record 0 is a P_REC segment with no C_REC before it (before the file's first C_REC): it cannot"
        + " be placed in a hierarchical row", nestFails("Pxxx", "Q007"));
    assertEquals("record 1 is a Q_REC segment with no P_REC before it since its C_REC: it cannot be placed in a"
        + " hierarchical row", nestFails("Caaa", "Q001"));
    assertTrue(nestFails("Caaa", "Xaaa").startsWith("record 1 has segment X, which is no record type"));
  }

  @Test
  public void settingsAreChecked() {
    assertEquals(Map.of("A", List.of("B", "C"), "B", List.of("D")), SegmentHierarchy.parse("A=>B,C;B=>D").children());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SegmentHierarchy.parse("A"))
        .getMessage().contains("PARENT=>CHILD"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SegmentHierarchy.parse("C-REC=>P-REC;Q-REC=>P-REC").bind(LAYOUT))
        .getMessage().contains("is a child of both"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SegmentHierarchy.parse("C-REC=>P-REC;P-REC=>C-REC").bind(LAYOUT))
        .getMessage().contains("no root"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SegmentHierarchy.parse("C-REC=>NOPE").bind(LAYOUT))
        .getMessage().contains("no record types of the layout hold all of the segments"));
    org.apache.beam.sdk.Pipeline q = org.apache.beam.sdk.Pipeline.create();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> q.apply(ReadFromBinaryFiles.of(Formats.container())
        .withStoredLayout().withSegmentHierarchy(H).from("/nowhere/*.bfc"))).getMessage()
        .contains("give it with withLayout(layout), not withStoredLayout()"));
    RecordLayout untyped = CopybookLayout.of(COPYBOOK).toLayout();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> H.bind(untyped)).getMessage()
        .contains("withRecordTypes"));
  }
}
