package io.github.binfiles.layout;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.io.OutputBuffer;
import io.github.binfiles.spi.FieldNullingDecoder;
import io.github.binfiles.spi.RecordDecoder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/**
 * OCCURS DEPENDING ON arrays that take only the bytes of their occurrences (Cobrix's
 * {@code variable_size_occurs}). The vectors are Cobrix's published ones: its regression tests
 * Test09PrimitiveOccurs (EBCDIC bytes and the values Cobrix decodes) and
 * Test21VariableOccursForTextFiles (ASCII records with nested arrays and a field after them), and
 * records laid out by hand from the copybook.
 */
public class VariableSizeOccursTest {
  private static final String PRIMITIVES =
      "       01  ENTITY.\n"
          + "           05  CNT    PIC 9(1).\n"
          + "           05  A      PIC 9(2) OCCURS 0 TO 5 DEPENDING ON CNT.\n";

  private static final String NESTED =
      "       01 RECORD.\n"
          + "        02 COUNT PIC 9(1).\n"
          + "        02 GROUP OCCURS 0 TO 2 TIMES DEPENDING ON COUNT.\n"
          + "           03 INNER-COUNT PIC 9(1).\n"
          + "           03 INNER-GROUP OCCURS 0 TO 3 TIMES\n"
          + "                              DEPENDING ON INNER-COUNT.\n"
          + "              04 FIELD PIC X.\n"
          + "        02 MARKER PIC X(1).\n";

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s.replace(" ", ""));
  }

  private static List<Long> longs(Object list) {
    List<Long> out = new ArrayList<>();
    for (Object o : (List<?>) list) {
      out.add(((Number) o).longValue());
    }
    return out;
  }

  @Test
  public void cobrixTest09PrimitiveOccurs() throws Exception {
    RecordLayout layout = CopybookLayout.of(PRIMITIVES).withVariableSizeOccurs().toLayout();
    assertTrue(layout.variableSizeOccurs());
    assertEquals("the longest record", 11, layout.recordLength());
    LayoutDecoder d = new LayoutDecoder(layout);
    // Cobrix: [{"CNT":0,"A":[]},{"CNT":1,"A":[23]},{"CNT":3,"A":[23,1,56]},{"CNT":5,"A":[12,34,56,78,90]}]
    String[] records = {"F0", "F1 F2F3", "F3 F2F3 F0F1 F5F6", "F5 F1F2 F3F4 F5F6 F7F8 F9F0"};
    long[] counts = {0, 1, 3, 5};
    List<List<Long>> arrays = List.of(List.of(), List.of(23L), List.of(23L, 1L, 56L), List.of(12L, 34L, 56L, 78L, 90L));
    for (int i = 0; i < records.length; i++) {
      byte[] r = hex(records[i]);
      Row row = d.decode(r, 0, r.length);
      assertEquals(counts[i], ((Number) row.getValue("CNT")).longValue());
      assertEquals(arrays.get(i), longs(row.getValue("A")));
      OutputBuffer out = new OutputBuffer(64);
      LayoutEncoder.endingAtLastField(layout).encode(row, out);
      assertArrayEquals("record " + i + " written back", r, java.util.Arrays.copyOf(out.array(), out.size()));
    }
  }

  @Test
  public void cobrixTest21NestedArraysWithAFieldAfterThem() throws Exception {
    RecordLayout layout = CopybookLayout.of(NESTED).withCodePage("US-ASCII").withVariableSizeOccurs().toLayout();
    LayoutDecoder d = new LayoutDecoder(layout);
    // Cobrix's expected rows, written compactly: COUNT, each GROUP as INNER_COUNT:FIELDS, MARKER.
    String[][] cases = {
      {"0M", "0", "", "M"},
      {"01M", "0", "", "1"}, // the record's third byte follows the last field: not read
      {"10M", "1", "0:", "M"},
      {"11AM", "1", "1:A", "M"},
      {"12ABM", "1", "2:AB", "M"},
      {"13ABCM", "1", "3:ABC", "M"},
      {"21A1BM", "2", "1:A 1:B", "M"},
      {"22AB1CM", "2", "2:AB 1:C", "M"},
      {"23ABC1DM", "2", "3:ABC 1:D", "M"},
    };
    for (String[] c : cases) {
      byte[] r = c[0].getBytes(StandardCharsets.US_ASCII);
      Row row = d.decode(r, 0, r.length);
      assertEquals(c[0], Long.parseLong(c[1]), ((Number) row.getValue("COUNT")).longValue());
      StringBuilder groups = new StringBuilder();
      for (Row g : row.<Row>getArray("GROUP")) {
        groups.append(groups.length() > 0 ? " " : "").append(((Number) g.getValue("INNER_COUNT")).longValue()).append(':');
        for (Row f : g.<Row>getArray("INNER_GROUP")) {
          groups.append(f.getString("FIELD"));
        }
      }
      assertEquals(c[0], c[2], groups.toString());
      assertEquals(c[0], c[3], row.getString("MARKER"));
      if (!c[0].equals("01M")) {
        OutputBuffer out = new OutputBuffer(64);
        LayoutEncoder.endingAtLastField(layout).encode(row, out);
        assertEquals("written back", c[0], new String(out.array(), 0, out.size(), StandardCharsets.US_ASCII));
      }
    }
  }

  @Test
  public void reservedBytesAreTheDefaultAndTheErrorNamesTheOption() throws Exception {
    RecordLayout layout = CopybookLayout.of(NESTED).withCodePage("US-ASCII").toLayout();
    // Reserved: COUNT 1 + GROUP 2 x (1 + 3) + MARKER 1 = 10 bytes, MARKER at byte 9.
    assertEquals(10, layout.recordLength());
    byte[] r = "21A1BM".getBytes(StandardCharsets.US_ASCII);
    Exception e = assertThrows(IllegalArgumentException.class, () -> new LayoutDecoder(layout).decode(r, 0, r.length));
    assertTrue(e.getMessage(), e.getMessage().contains("--variable-size-occurs"));
    // A record laid out with reserved bytes decodes as before: "2" "1A__" "1B__" "M".
    byte[] reserved = "21A  1B  M".getBytes(StandardCharsets.US_ASCII);
    Row row = new LayoutDecoder(layout).decode(reserved, 0, reserved.length);
    assertEquals("M", row.getString("MARKER"));
    Row second = new ArrayList<>(row.<Row>getArray("GROUP")).get(1);
    assertEquals("B", new ArrayList<>(second.<Row>getArray("INNER_GROUP")).get(0).getString("FIELD"));
  }

  @Test
  public void fieldsAfterSeveralArraysFollowEachArraysOccurrences() throws Exception {
    // Two counters, two arrays, a packed field after them; EBCDIC, bytes laid out by hand.
    String copybook = "       01 R.\n"
        + "          05 N1 PIC 9.\n"
        + "          05 A1 PIC X(2) OCCURS 0 TO 4 DEPENDING ON N1.\n"
        + "          05 N2 PIC S9(3) COMP-3.\n"
        + "          05 A2 PIC S9(4) COMP OCCURS 1 TO 3 DEPENDING ON N2.\n"
        + "          05 AMOUNT PIC S9(5)V99 COMP-3.\n"
        + "          05 TAIL PIC X(3).\n";
    RecordLayout layout = CopybookLayout.of(copybook).withVariableSizeOccurs().toLayout();
    assertEquals(1 + 8 + 2 + 6 + 4 + 3, layout.recordLength());
    // N1=1 'AB'; N2=+2 (packed 002C); A2 = 7, -2 (0007 FFFE); AMOUNT = -123.45 (0012345D); TAIL 'XYZ'.
    byte[] r = hex("F1 C1C2 002C 0007 FFFE 0012345D E7E8E9");
    Row row = new LayoutDecoder(layout).decode(r, 0, r.length);
    assertEquals(List.of("AB"), row.getArray("A1"));
    assertEquals(List.of(7L, -2L), longs(row.getValue("A2")));
    assertEquals(new BigDecimal("-123.45"), row.getDecimal("AMOUNT"));
    assertEquals("XYZ", row.getString("TAIL"));
    OutputBuffer out = new OutputBuffer(64);
    LayoutEncoder.endingAtLastField(layout).encode(row, out);
    assertArrayEquals(r, java.util.Arrays.copyOf(out.array(), out.size()));
    // A fixed-length file's encoder pads the record to the longest.
    OutputBuffer padded = new OutputBuffer(64);
    new LayoutEncoder(layout).encode(row, padded);
    assertEquals(layout.recordLength(), padded.size());
    assertArrayEquals(r, java.util.Arrays.copyOf(padded.array(), r.length));
  }

  @Test
  public void aCounterOutOfRangeFailsTheRecordEvenWhenBadFieldsAreNulled() throws Exception {
    RecordLayout layout = CopybookLayout.of(PRIMITIVES).withVariableSizeOccurs().toLayout();
    byte[] r = hex("F7 F1F2");
    FieldNullingDecoder<Row> nulling = LayoutDecoder.nullingBadFields(layout);
    List<String> nulled = new ArrayList<>();
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> nulling.decode(r, 0, r.length, (path, offset, bytes, problem) -> nulled.add(path)));
    assertTrue(e.getMessage(), e.getMessage().contains("OCCURS 0 TO 5 DEPENDING ON CNT, which is 7"));
    assertTrue(e.getMessage(), e.getMessage().contains("the fields after it have no place"));
    // With reserved bytes the array alone is nulled, as before.
    RecordLayout reserved = CopybookLayout.of(PRIMITIVES).toLayout();
    byte[] full = hex("F7 F1F2F3F4F5F6F7F8F9F0");
    Row row = LayoutDecoder.nullingBadFields(reserved).decode(full, 0, full.length,
        (path, offset, bytes, problem) -> nulled.add(path));
    assertNull(row.getValue("A"));
    assertEquals(List.of("A"), nulled);
  }

  @Test
  public void aCounterAfterItsArrayIsRefused() {
    RecordLayout layout = RecordLayout.builder(8)
        .add("A", FieldType.text(2, "US-ASCII", FieldType.Trim.NONE)).occurs(0, 3, "N")
        .add("N", FieldType.zonedDecimal(1, 0, "US-ASCII"))
        .build();
    new LayoutDecoder(layout); // with reserved bytes the counter's place is known
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> new LayoutDecoder(layout.withVariableSizeOccurs(true)));
    assertTrue(e.getMessage(), e.getMessage().contains("does not come before it"));
  }

  @Test
  public void cobrixTest25OccursMappings() throws Exception {
    // Cobrix's test25: arrays counted by a text code. Its records "1AX" and "2BXYZ", read with
    // occurs_mappings {"DETAIL1":{"A":0,"B":1},"DETAIL2":{"A":1,"B":2}} and variable_size_occurs:
    // {"ID":1,"DATA":{"FIELD":"A","DETAIL1":[],"DETAIL2":[{"VAL2":"X"}]}}
    // {"ID":2,"DATA":{"FIELD":"B","DETAIL1":[{"VAL1":"X"}],"DETAIL2":[{"VAL2":"Y"},{"VAL2":"Z"}]}}
    String copybook = "      01 RECORD.\n"
        + "           05  ID                        PIC 9(1).\n"
        + "           05  DATA.\n"
        + "               10  FIELD                 PIC X.\n"
        + "               10  DETAIL1       OCCURS 0 TO 2 TIMES\n"
        + "                                 DEPENDING ON FIELD.\n"
        + "                   15  VAL1       PIC X.\n"
        + "               10  DETAIL2       OCCURS 0 TO 2 TIMES\n"
        + "                                 DEPENDING ON FIELD.\n"
        + "                   15  VAL2       PIC X.\n";
    Exception refused = assertThrows(IllegalArgumentException.class,
        () -> new LayoutDecoder(CopybookLayout.of(copybook).toLayout()));
    assertTrue(refused.getMessage(), refused.getMessage().contains("give an occurs mapping"));
    RecordLayout layout = CopybookLayout.of(copybook).withCodePage("US-ASCII").withVariableSizeOccurs()
        .withOccursMappings("{\"DETAIL1\":{\"A\":0,\"B\":1},\"DETAIL2\":{\"A\":1,\"B\":2}}").toLayout();
    LayoutDecoder d = new LayoutDecoder(layout);
    String[][] cases = {{"1AX", "1", "A", "", "X"}, {"2BXYZ", "2", "B", "X", "YZ"}};
    for (String[] c : cases) {
      byte[] r = c[0].getBytes(StandardCharsets.US_ASCII);
      Row row = d.decode(r, 0, r.length);
      assertEquals(Long.parseLong(c[1]), ((Number) row.getValue("ID")).longValue());
      Row data = row.getRow("DATA");
      assertEquals(c[2], data.getString("FIELD"));
      StringBuilder d1 = new StringBuilder();
      data.<Row>getArray("DETAIL1").forEach(x -> d1.append(x.getString("VAL1")));
      StringBuilder d2 = new StringBuilder();
      data.<Row>getArray("DETAIL2").forEach(x -> d2.append(x.getString("VAL2")));
      assertEquals(c[3], d1.toString());
      assertEquals(c[4], d2.toString());
      OutputBuffer out = new OutputBuffer(16);
      LayoutEncoder.endingAtLastField(layout).encode(row, out);
      assertEquals(c[0], new String(out.array(), 0, out.size(), StandardCharsets.US_ASCII));
    }
    byte[] unknown = "1CX".getBytes(StandardCharsets.US_ASCII);
    Exception e = assertThrows(IllegalArgumentException.class, () -> d.decode(unknown, 0, 3));
    assertTrue(e.getMessage(), e.getMessage().contains("which is 'C', not in its occurs mapping {A=0, B=1}"));
    assertEquals(layout.toJson(), RecordLayout.fromJson(layout.toJson()).toJson());
    assertThrows(IllegalArgumentException.class, () -> CopybookLayout.of(copybook)
        .withOccursMappings("{\"DETAIL1\":{\"A\":0,\"B\":1.5}}"));
    Exception wrongArray = assertThrows(IllegalArgumentException.class, () -> CopybookLayout.of(copybook)
        .withOccursMappings("{\"DETAIL3\":{\"A\":0}}").toLayout());
    assertTrue(wrongArray.getMessage(), wrongArray.getMessage().contains("[DETAIL1, DETAIL2]"));
  }

  @Test
  public void theOptionSurvivesJson() throws Exception {
    RecordLayout layout = CopybookLayout.of(NESTED).withVariableSizeOccurs().toLayout();
    RecordLayout back = RecordLayout.fromJson(layout.toJson());
    assertTrue(back.variableSizeOccurs());
    assertEquals(layout.toJson(), back.toJson());
    assertTrue(layout.toJson().contains("\"variableSizeOccurs\":true"));
    assertThrows(IllegalArgumentException.class, () -> RecordLayout.fromJson(
        "{\"recordLength\": 1, \"variableSizeOccurs\": \"yes\", \"fields\": [{\"type\": \"filler\", \"length\": 1}]}"));
  }

  @Test
  public void fillerArraysDependingOnACounterShrinkToo() throws Exception {
    String copybook = "       01 R.\n"
        + "          05 N PIC 9.\n"
        + "          05 FILLER PIC X(2) OCCURS 0 TO 3 DEPENDING ON N.\n"
        + "          05 LAST PIC X.\n";
    RecordLayout layout = CopybookLayout.of(copybook).withCodePage("US-ASCII").withVariableSizeOccurs().toLayout();
    byte[] r = "2abcdZ".getBytes(StandardCharsets.US_ASCII);
    assertEquals("Z", new LayoutDecoder(layout).decode(r, 0, r.length).getString("LAST"));
    RecordDecoder<Row> reserved = new LayoutDecoder(CopybookLayout.of(copybook).withCodePage("US-ASCII").toLayout());
    byte[] full = "2abcd  Z".getBytes(StandardCharsets.US_ASCII);
    assertEquals("Z", reserved.decode(full, 0, full.length).getString("LAST"));
  }
}
