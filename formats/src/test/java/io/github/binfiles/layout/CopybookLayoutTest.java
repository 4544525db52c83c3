package io.github.binfiles.layout;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.binfiles.copybook.CopybookException;
import io.github.binfiles.io.OutputBuffer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/**
 * Copybooks to layouts, checked against the values Cobrix decodes from its own test files
 * (testdata/cobrix, see testdata/README.md), and round trips Row -> bytes -> Row.
 */
public class CopybookLayoutTest {
  static Path testdata(String name) {
    return Paths.get("..", "testdata", "cobrix", name);
  }

  static String read(String name) throws Exception {
    return Files.readString(testdata(name));
  }

  static List<Row> decodeAll(RecordLayout layout, byte[] data) throws Exception {
    assertEquals("whole records", 0, data.length % layout.recordLength());
    LayoutDecoder d = new LayoutDecoder(layout);
    List<Row> rows = new ArrayList<>();
    for (int at = 0; at < data.length; at += layout.recordLength()) {
      rows.add(d.decode(data, at, layout.recordLength()));
    }
    return rows;
  }

  static List<JsonNode> expected(String name) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = new ObjectMapper().readerFor(JsonNode.class).readValues(testdata(name).toFile())) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  /** Every value Cobrix gives is ours; every field Cobrix leaves out (null) is null here. */
  static void assertAgrees(String where, JsonNode expected, Object actual) {
    if (expected == null || expected.isNull()) {
      assertNull(where + " should be null (Cobrix leaves it out)", actual);
    } else if (expected.isObject()) {
      assertTrue(where + " should be a row, is " + actual, actual instanceof Row);
      Row row = (Row) actual;
      for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
        String n = names.next();
        assertTrue(where + ": no field " + n + " in " + row.getSchema().getFieldNames(), row.getSchema().hasField(n));
      }
      for (Schema.Field f : row.getSchema().getFields()) {
        assertAgrees(where + "." + f.getName(), expected.get(f.getName()), row.getValue(f.getName()));
      }
    } else if (expected.isArray()) {
      List<?> list = (List<?>) actual;
      assertEquals(where + " occurrences", expected.size(), list.size());
      for (int i = 0; i < list.size(); i++) {
        assertAgrees(where + "[" + i + "]", expected.get(i), list.get(i));
      }
    } else if (expected.isNumber()) {
      assertEquals(where, 0, expected.decimalValue().compareTo(new BigDecimal(actual.toString())));
    } else {
      assertEquals(where, expected.asText(), actual);
    }
  }

  @Test
  public void test1AgreesWithCobrixFieldForField() throws Exception {
    // Cobrix maps control characters to spaces and trims; COMPANY_ID_STR holds 00 00 0F.
    RecordLayout layout = CopybookLayout.of(read("test1_copybook.cob")).withControlCharsAsSpaces().toLayout();
    assertEquals(2202, layout.recordLength());
    List<Row> rows = decodeAll(layout, Files.readAllBytes(testdata("test1_example.bin")));
    List<JsonNode> expected = expected("test1_expected.jsonl");
    assertEquals(expected.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertAgrees("record " + i, expected.get(i), rows.get(i));
    }
  }

  @Test
  public void test1AgreesWithCobrixsOwnCodePageToo() throws Exception {
    RecordLayout layout = CopybookLayout.of(read("test1_copybook.cob")).withCodePage("cobrix-common").toLayout();
    List<Row> rows = decodeAll(layout, Files.readAllBytes(testdata("test1_example.bin")));
    List<JsonNode> expected = expected("test1_expected.jsonl");
    for (int i = 0; i < rows.size(); i++) {
      assertAgrees("record " + i, expected.get(i), rows.get(i));
    }
  }

  @Test
  public void cobrixCodePagesByTheirRules() throws Exception {
    // Cobrix's tables (CodePageCommon, CodePage037): CR and LF swapped, controls as spaces, common
    // keeping printable ASCII only, with the broken bar as | and the soft hyphen as -.
    CobrixCodePage common = (CobrixCodePage) FieldType.charset("cobrix-common");
    CobrixCodePage cp037 = (CobrixCodePage) FieldType.charset("COBRIX-CP037");
    int[][] bytes = {{0x0D, '\n', '\n'}, {0x25, '\r', '\r'}, {0x6A, '|', 0xA6}, {0xCA, '-', 0xAD}, {0x4A, ' ', 0xA2},
        {0x15, ' ', 0x85}, {0x05, ' ', ' '}, {0xFF, ' ', ' '}, {0x5F, ' ', 0xAC}, {0xC1, 'A', 'A'}, {0xF9, '9', '9'},
        {0x4F, '|', '|'}, {0xA1, '~', '~'}, {0xE0, '\\', '\\'}, {0x41, ' ', 0xA0}};
    for (int[] b : bytes) {
      assertEquals(Integer.toHexString(b[0]) + " common", (char) b[1], common.decode(b[0]));
      assertEquals(Integer.toHexString(b[0]) + " cp037", (char) b[2], cp037.decode(b[0]));
    }
    // A text field decodes and writes back through the table: CR and LF keep their bytes.
    RecordLayout l = CopybookLayout.of("       01 R.\n          05 T PIC X(5).\n").withCodePage("cobrix-common")
        .withTrim(FieldType.Trim.NONE).toLayout();
    byte[] b = {(byte) 0xC1, 0x0D, 0x25, (byte) 0x6A, (byte) 0x4A};
    Row row = new LayoutDecoder(l).decode(b, 0, 5);
    assertEquals("A\n\r| ", row.getString("T"));
    OutputBuffer out = new OutputBuffer(5);
    new LayoutEncoder(l).encode(row, out);
    assertArrayEquals(new byte[] {(byte) 0xC1, 0x0D, 0x25, (byte) 0x4F, 0x40}, Arrays.copyOf(out.array(), 5));
  }

  @Test
  public void test10NonTerminalsAgreeWithCobrix() throws Exception {
    // Cobrix's Test10 reads ASCII with non_terminals NAME and ACCOUNT-NO; its row keeps the 01 level.
    RecordLayout layout = CopybookLayout.of(read("test10_copybook.cob")).withCodePage("US-ASCII")
        .withNonTerminals("NAME", "ACCOUNT-NO").toLayout();
    assertEquals(List.of("NAME", "NAME_NT", "ACCOUNT_NO", "ACCOUNT_NO_NT"), layout.schema().getFieldNames());
    List<Row> rows = decodeAll(layout, Files.readAllBytes(testdata("test10_data.dat")));
    List<JsonNode> expected = expected("test10_expected.json");
    assertEquals(1, rows.size());
    assertAgrees("record 0", expected.get(0).get("RECORD"), rows.get(0));
    // Written back, the groups write the bytes (FILLERs as zero bytes, as always); the copies are left out.
    OutputBuffer out = new OutputBuffer(46);
    new LayoutEncoder(layout).encode(rows.get(0), out);
    assertEquals(46, out.size());
    assertEquals("F", new String(out.array(), 0, 1, java.nio.charset.StandardCharsets.US_ASCII));
    // Survives JSON; unknown or repeated groups are refused with the groups there are.
    assertEquals(layout.toJson(), RecordLayout.fromJson(layout.toJson()).toJson());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CopybookLayout.of(read("test10_copybook.cob")).withNonTerminals("NAMES").toLayout());
    assertTrue(e.getMessage(), e.getMessage().contains("non-terminal NAMES is not a group"));
    assertTrue(e.getMessage(), e.getMessage().contains("NAME, SHORT_NAME, ACCOUNT_NO"));
  }

  @Test
  public void test16RecordTypesAgreeWithCobrix() throws Exception {
    RecordLayout layout = CopybookLayout.of(read("test16_fix_len_segments.cob"))
        .withRecordTypes("SEGMENT-ID", Map.of("C", "COMPANY", "P", "PERSON", "B", "PO-BOX"))
        .toLayout();
    List<Row> rows = decodeAll(layout, Files.readAllBytes(testdata("test16_entity.dat")));
    List<JsonNode> expected = expected("test16_expected.json");
    assertEquals(50, rows.size());
    assertEquals(expected.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertAgrees("record " + i, expected.get(i), rows.get(i));
    }
  }

  @Test
  public void test1RoundTripsByteForByteExceptUnusedOccurrences() throws Exception {
    RecordLayout layout = RecordLayout.fromCopybook(read("test1_copybook.cob"));
    byte[] data = Files.readAllBytes(testdata("test1_example.bin"));
    List<Row> rows = decodeAll(layout, data);
    LayoutEncoder encoder = new LayoutEncoder(layout);
    OutputBuffer out = new OutputBuffer(data.length);
    for (Row r : rows) {
      encoder.encode(r, out);
    }
    byte[] written = Arrays.copyOf(out.array(), out.size());
    assertEquals(rows, decodeAll(layout, written));
    // Bytes differ only in occurrences past NUMBER_OF_ACCTS, which the encoder zero-fills.
    int accountsStart = 2 + 13 + 25 + 2;
    for (int r = 0; r < rows.size(); r++) {
      int used = ((List<?>) rows.get(r).getRow("METADATA").getRow("ACCOUNT").getValue("ACCOUNT_DETAIL")).size();
      int from = r * 2202;
      int to = from + accountsStart + used * 27;
      assertArrayEquals("record " + r, Arrays.copyOfRange(data, from, to), Arrays.copyOfRange(written, from, to));
    }
  }

  private static final String ACCOUNTS =
      "       01  ACCOUNT.\n"
    + "           05  ACCT-ID          PIC 9(6).\n"
    + "           05  KIND             PIC X.\n"
    + "           05  BALANCE          PIC S9(7)V99 COMP-3.\n"
    + "           05  RATE             PIC S9(3)V9(4) COMP.\n"
    + "           05  SCORE            COMP-2.\n"
    + "           05  SHARE            COMP-1.\n"
    + "           05  DELTA            PIC S9(3) SIGN LEADING SEPARATE.\n"
    + "           05  THOUSANDS        PIC 9(3)PPP.\n"
    + "           05  N-TX             PIC 9(2) COMP.\n"
    + "           05  TX OCCURS 0 TO 3 DEPENDING ON N-TX.\n"
    + "               10  TX-AMOUNT    PIC S9(5)V99 COMP-3.\n"
    + "               10  TX-CODE      PIC XX.\n"
    + "           05  DETAIL.\n"
    + "               10  PERSON-NAME  PIC X(10).\n"
    + "           05  COMPANY REDEFINES DETAIL.\n"
    + "               10  TAX-ID       PIC 9(8) COMP.\n"
    + "               10  FILLER       PIC X(6).\n";

  private static RecordLayout accounts() {
    return CopybookLayout.of(ACCOUNTS).withRecordTypes("KIND", Map.of("P", "DETAIL", "C", "COMPANY")).toLayout();
  }

  private static Row account(RecordLayout l, String kind, int tx) {
    Schema s = l.schema();
    Schema txSchema = s.getField("TX").getType().getCollectionElementType().getRowSchema();
    List<Row> txs = new ArrayList<>();
    for (int i = 0; i < tx; i++) {
      txs.add(Row.withSchema(txSchema).addValues(new BigDecimal("-12.5" + i), "T" + i).build());
    }
    Row detail = kind.equals("P") ? Row.withSchema(s.getField("DETAIL").getType().getRowSchema()).addValues("ADA").build() : null;
    Row company = kind.equals("C") ? Row.withSchema(s.getField("COMPANY").getType().getRowSchema()).addValues(12345678L).build() : null;
    return Row.withSchema(s).addValues(new BigDecimal(42), kind, new BigDecimal("-1234567.89"), new BigDecimal("3.1416"),
        0.1, 118.625f, new BigDecimal(-7), new BigDecimal(123000), tx, txs, detail, company).build();
  }

  @Test
  public void groupsArraysRedefinesAndNewTypesRoundTrip() throws Exception {
    RecordLayout l = accounts();
    // 6 + 1 + 5 + 4 + 8 + 4 + 4 + 3 + 2 + 3 * (4 + 2) + 10
    assertEquals(65, l.recordLength());
    assertEquals(Schema.TypeName.ARRAY, l.schema().getField("TX").getType().getTypeName());
    assertTrue(l.schema().getField("DETAIL").getType().getNullable());
    assertEquals(Schema.FieldType.DECIMAL, l.schema().getField("RATE").getType());
    for (String kind : new String[] {"P", "C"}) {
      for (int tx = 0; tx <= 3; tx++) {
        Row row = account(l, kind, tx);
        OutputBuffer out = new OutputBuffer(65);
        new LayoutEncoder(l).encode(row, out);
        byte[] bytes = Arrays.copyOf(out.array(), out.size());
        assertEquals(row, new LayoutDecoder(l).decode(bytes, 0, 65));
        OutputBuffer again = new OutputBuffer(65);
        new LayoutEncoder(l).encode(new LayoutDecoder(l).decode(bytes, 0, 65), again);
        assertArrayEquals(bytes, Arrays.copyOf(again.array(), again.size()));
      }
    }
  }

  @Test
  public void handComputedBytesOfTheNewTypes() throws Exception {
    RecordLayout l = accounts();
    OutputBuffer out = new OutputBuffer(65);
    new LayoutEncoder(l).encode(account(l, "C", 1), out);
    byte[] b = Arrays.copyOf(out.array(), 65);
    String hex = java.util.HexFormat.of().formatHex(b);
    assertEquals("f0f0f0f0f4f2", hex.substring(0, 12)); // ACCT-ID zoned unsigned
    assertEquals("c3", hex.substring(12, 14)); // KIND 'C' in IBM037
    assertEquals("123456789d", hex.substring(14, 24)); // BALANCE packed, negative
    assertEquals("00007ab8", hex.substring(24, 32)); // RATE 31416 as a 4-byte binary
    assertEquals("401999999999999a", hex.substring(32, 48)); // 0.1 as an IBM long float: exact
    assertEquals("4276a000", hex.substring(48, 56)); // 118.625 as an IBM short float
    assertEquals("60f0f0f7", hex.substring(56, 64)); // -7 with a leading separate sign
    assertEquals("f1f2f3", hex.substring(64, 70)); // 123000 with PPP: digits 123
    assertEquals("0001", hex.substring(70, 74)); // N-TX
    assertEquals("0001250d" + "e3f0", hex.substring(74, 86)); // TX(1): -12.50, "T0"
    assertEquals("00bc614e", hex.substring(110, 118)); // COMPANY.TAX-ID 12345678
  }

  @Test
  public void ibmFloatVectors() throws Exception {
    assertEquals(1.0f, IbmFloat.toFloat(0x41100000L), 0f);
    assertEquals(-118.625f, IbmFloat.toFloat(0xC276A000L), 0f);
    assertEquals(1.0, IbmFloat.toDouble(0x4110000000000000L), 0.0);
    assertEquals(0.1, IbmFloat.toDouble(0x401999999999999AL), 0.0);
    assertEquals(0x41100000L, IbmFloat.fromFloat(1.0f, "x"));
    assertEquals(0xC276A000L, IbmFloat.fromFloat(-118.625f, "x") & 0xFFFFFFFFL);
    assertEquals(0L, IbmFloat.fromDouble(0.0, "x"));
    for (double d : new double[] {1e-70, 3.5e70, -2.25, 1234567.890123, Math.PI}) {
      assertEquals(d, IbmFloat.toDouble(IbmFloat.fromDouble(d, "x")), 0.0);
    }
    assertThrows(IllegalArgumentException.class, () -> IbmFloat.fromDouble(1e300, "x"));
  }

  @Test
  public void aCounterOutsideItsRangeIsDamageNamingTheCounter() throws Exception {
    RecordLayout l = accounts();
    OutputBuffer out = new OutputBuffer(65);
    new LayoutEncoder(l).encode(account(l, "P", 2), out);
    byte[] b = Arrays.copyOf(out.array(), 65);
    b[36] = 9; // N-TX (bytes 35-36) = 9 > 3
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LayoutDecoder(l).decode(b, 0, 65));
    assertEquals("field TX at record byte 37: OCCURS 0 TO 3 DEPENDING ON N_TX, which is 9 (check the counter field,"
        + " or the record length; or OCCURS DEPENDING ON arrays that take only the occurrences they hold"
        + " (--variable-size-occurs, RecordLayout.withVariableSizeOccurs))", e.getMessage());
    List<String> nulled = new ArrayList<>();
    Row row = LayoutDecoder.nullingBadFields(l).decode(b, 0, 65, (f, at, bytes, why) -> nulled.add(f + "@" + at));
    assertNull(row.getValue("TX"));
    assertEquals(List.of("TX@37"), nulled);
  }

  @Test
  public void lowValuesAndControlCharacters() throws Exception {
    String cb = "       01  R.\n           05  A  PIC S9(3) COMP-3.\n           05  B  PIC X(4).\n";
    RecordLayout l = CopybookLayout.of(cb).withLowValuesAsNull().withControlCharsAsSpaces().toLayout();
    Row row = new LayoutDecoder(l).decode(new byte[] {0, 0, (byte) 0xC1, 0x05, (byte) 0xC2, 0}, 0, 6);
    assertNull(row.getValue("A"));
    assertEquals("A B", row.getString("B")); // 0x05 (tab in IBM037) to a space, then trimmed
    RecordLayout strict = RecordLayout.fromCopybook(cb);
    assertThrows(IllegalArgumentException.class, () -> new LayoutDecoder(strict).decode(new byte[] {0, 0, 0x40, 0x40, 0x40, 0x40}, 0, 6));
  }

  @Test
  public void controlBytesIbm037MapsToTheC1RangeBecomeSpacesToo() throws Exception {
    // IBM037 (IBM's CDRA table, as the JDK has it): 0x09 -> U+008D, 0x0A -> U+008E, 0x04 -> U+009C,
    // 0xFF -> U+009F, 0x07 -> U+007F.
    String cb = "       01  R.\n           05  B  PIC X(8).\n";
    byte[] b = {(byte) 0xC1, 0x09, 0x0A, (byte) 0xC2, 0x04, 0x07, (byte) 0xC3, (byte) 0xFF};
    Row kept = new LayoutDecoder(RecordLayout.fromCopybook(cb)).decode(b, 0, 8);
    assertEquals("A\u008D\u008EB\u009C\u007FC\u009F", kept.getString("B"));
    Row spaced = new LayoutDecoder(CopybookLayout.of(cb).withControlCharsAsSpaces().toLayout()).decode(b, 0, 8);
    assertEquals("A  B  C", spaced.getString("B"));
  }

  @Test
  public void everyTrimming() throws Exception {
    String cb = "       01  R.\n           05  B  PIC X(6).\n";
    byte[] b = {0x40, (byte) 0xC1, 0x40, (byte) 0xC2, 0x40, 0x00}; // " A B " then a NUL
    String[][] cases = {{"BOTH", "A B"}, {"LEFT", "A B \0"}, {"RIGHT", " A B"}, {"NONE", " A B \0"}};
    for (String[] c : cases) {
      RecordLayout l = CopybookLayout.of(cb).withTrim(FieldType.Trim.valueOf(c[0])).toLayout();
      assertEquals(c[0], c[1], new LayoutDecoder(l).decode(b, 0, 6).getString("B"));
      assertEquals(c[0] + " survives JSON", c[1],
          new LayoutDecoder(RecordLayout.fromJson(l.toJson())).decode(b, 0, 6).getString("B"));
    }
  }

  @Test
  public void errorsNameTheCopybookLine() {
    CopybookException sync = assertThrows(CopybookException.class, () -> RecordLayout.fromCopybook(
        "       01  R.\n           05  T OCCURS 3.\n               10  A  PIC S9(4) COMP SYNC.\n"));
    assertTrue(sync.getMessage(), sync.getMessage().startsWith("copybook line 2, column 8: T: SYNCHRONIZED items inside OCCURS"));
    IllegalArgumentException ref = assertThrows(IllegalArgumentException.class, () -> new LayoutDecoder(RecordLayout.fromCopybook(
        "       01  R.\n           05  A  PIC X(2) OCCURS 1 TO 5 DEPENDING ON NOPE.\n")));
    assertEquals("OCCURS DEPENDING ON of A names NOPE, which is not an elementary field outside arrays", ref.getMessage());
  }

  @Test
  public void copybookLayoutsSurviveJson() throws Exception {
    for (RecordLayout l : new RecordLayout[] {accounts(), RecordLayout.fromCopybook(read("test1_copybook.cob")),
        CopybookLayout.of(read("test16_fix_len_segments.cob")).withLowValuesAsNull().withControlCharsAsSpaces()
            .withRecordTypes("SEGMENT-ID", Map.of("C", "COMPANY", "P", "PERSON")).toLayout()}) {
      RecordLayout back = RecordLayout.fromJson(l.toJson());
      assertEquals(l.toJson(), back.toJson());
      assertEquals(l.schema(), back.schema());
      assertEquals(l.toString(), back.toString());
    }
    // The same decoding after the trip: Cobrix's test16 through JSON.
    RecordLayout viaJson = RecordLayout.fromJson(CopybookLayout.of(read("test16_fix_len_segments.cob"))
        .withRecordTypes("SEGMENT-ID", Map.of("C", "COMPANY", "P", "PERSON", "B", "PO-BOX")).toLayout().toJson());
    List<Row> rows = decodeAll(viaJson, Files.readAllBytes(testdata("test16_entity.dat")));
    List<JsonNode> expected = expected("test16_expected.json");
    for (int i = 0; i < rows.size(); i++) {
      assertAgrees("record " + i, expected.get(i), rows.get(i));
    }
  }

  private static String hex(FieldType t, Object value) {
    RecordLayout l = RecordLayout.builder(t.length()).add("F", t).build();
    OutputBuffer out = new OutputBuffer(t.length());
    new LayoutEncoder(l).encode(Row.withSchema(l.schema()).addValue(value).build(), out);
    byte[] b = Arrays.copyOf(out.array(), out.size());
    try {
      assertEquals(value, new LayoutDecoder(l).decode(b, 0, b.length).getValue("F"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return java.util.HexFormat.of().formatHex(b);
  }

  /** Hand-computed bytes for each new type and sign position, both ways. */
  @Test
  public void vectorsOfEveryNewType() {
    BigDecimal m123 = new BigDecimal("-1.23");
    assertEquals("f1f2d3", hex(FieldType.zonedDecimal(3, 2, "IBM037", FieldType.Sign.TRAILING), m123));
    assertEquals("d1f2f3", hex(FieldType.zonedDecimal(3, 2, "IBM037", FieldType.Sign.LEADING), m123));
    assertEquals("f1f2f360", hex(FieldType.zonedDecimal(4, 2, "IBM037", FieldType.Sign.TRAILING_SEPARATE), m123));
    assertEquals("60f1f2f3", hex(FieldType.zonedDecimal(4, 2, "IBM037", FieldType.Sign.LEADING_SEPARATE), m123));
    assertEquals("4ef1f2f3", hex(FieldType.zonedDecimal(4, 2, "IBM037", FieldType.Sign.LEADING_SEPARATE), m123.negate()));
    assertEquals("2d313233", hex(FieldType.zonedDecimal(4, 2, "US-ASCII", FieldType.Sign.LEADING_SEPARATE), m123));
    assertEquals("31324c", hex(FieldType.zonedDecimal(3, 2, "US-ASCII", FieldType.Sign.TRAILING), m123)); // 'L' = -3
    assertEquals("f1f2f3", hex(FieldType.zonedDecimal(3, 2, "IBM037", FieldType.Sign.TRAILING, false), m123.negate()));
    assertEquals("12345f", hex(FieldType.packedDecimalScaled(3, 0, false), new BigDecimal(12345)));
    assertEquals("123c", hex(FieldType.packedDecimalScaled(2, -2, true), new BigDecimal(12300)));  // PIC 9(3)PP
    assertEquals("123c", hex(FieldType.packedDecimalScaled(2, 5, true), new BigDecimal("0.00123"))); // PIC VPP9(3)
    assertEquals("ff85", hex(FieldType.binaryDecimal(2, true, 2, true), m123));
    assertEquals("85ff", hex(FieldType.binaryDecimal(2, true, 2, false), m123));
    assertEquals("ffffffffffffffffffff", hex(FieldType.binaryDecimal(10, false, 0, true), new BigDecimal("1208925819614629174706175")));
    assertEquals("80000000000000000000000000000000", hex(FieldType.binaryDecimal(16, true, 0, true),
        new BigDecimal(java.math.BigInteger.ONE.shiftLeft(127).negate())));
    assertEquals("c276a000", hex(FieldType.ibmFloat(4), -118.625f));
    assertEquals("4110000000000000", hex(FieldType.ibmFloat(8), 1.0));
    assertEquals("00000000", hex(FieldType.packedDecimalScaled(4, 0).withLowValuesAsNull(), null));
    assertThrows(IllegalArgumentException.class, () -> hex(FieldType.packedDecimalScaled(3, 0, false), new BigDecimal(-1)));
    assertThrows(IllegalArgumentException.class, () -> hex(FieldType.binaryDecimal(2, true, 2, true), new BigDecimal("327.68")));
    assertThrows(IllegalArgumentException.class, () -> hex(FieldType.binaryDecimal(2, true, 2, true), new BigDecimal("1.234")));
  }

  /** Several 01 records: alternatives over the whole record, picked by a field of the first. */
  @Test
  public void several01RecordsAreRecordTypes() throws Exception {
    String cb = "       01  HEADER-REC.\n"
        + "           05  KIND      PIC X.\n"
        + "           05  RUN-DATE  PIC 9(8).\n"
        + "       01  DETAIL-REC.\n"
        + "           05  KIND      PIC X.\n"
        + "           05  AMOUNT    PIC S9(5)V99 COMP-3.\n"
        + "           05  NOTE      PIC X(6).\n";
    RecordLayout l = CopybookLayout.of(cb)
        .withRecordTypes("HEADER-REC.KIND", Map.of("H", "HEADER-REC", "D", "DETAIL-REC"))
        .withFieldCodePage("NOTE", "IBM1047")
        .toLayout();
    assertEquals(11, l.recordLength());
    byte[] header = java.util.HexFormat.of().parseHex("c8f2f0f2f6f1f1f2f20000");
    Row h = new LayoutDecoder(l).decode(header, 0, 11);
    assertEquals(new BigDecimal(20261122), h.getRow("HEADER_REC").getDecimal("RUN_DATE"));
    assertNull(h.getValue("DETAIL_REC"));
    byte[] detail = java.util.HexFormat.of().parseHex("c40012345d" + "ad5b40404040"); // '[' is AD in IBM1047
    Row d = new LayoutDecoder(l).decode(detail, 0, 11);
    assertNull(d.getValue("HEADER_REC"));
    assertEquals(new BigDecimal("-123.45"), d.getRow("DETAIL_REC").getDecimal("AMOUNT"));
    assertEquals("[$", d.getRow("DETAIL_REC").getString("NOTE"));
  }

  /** SYNCHRONIZED binary and float items get IBM's slack bytes: 2-byte, 4-byte and 8-byte boundaries. */
  @Test
  public void synchronizedItemsAreAligned() throws Exception {
    String cb = "       01  R.\n"
        + "           05  A  PIC X.\n"
        + "           05  B  PIC S9(4) COMP SYNC.\n"
        + "           05  C  PIC X(3).\n"
        + "           05  D  PIC S9(9) COMP SYNCHRONIZED.\n"
        + "           05  E  COMP-2 SYNC.\n"
        + "           05  F  PIC X SYNC.\n";
    io.github.binfiles.copybook.Copybook c = io.github.binfiles.copybook.Copybook.parse(cb);
    List<String> listing = new ArrayList<>();
    c.listing().forEach(l -> listing.add(l.item().name() + " " + (l.offset() + 1) + "-" + (l.offset() + l.length())));
    assertEquals(List.of("R 1-25", "A 1-1", "B 3-4", "C 5-7", "D 9-12", "E 17-24", "F 25-25"), listing);
    RecordLayout l = RecordLayout.fromCopybook(cb);
    assertEquals(25, l.recordLength());
    byte[] b = java.util.HexFormat.of().parseHex("c1" + "00" + "fffe" + "c2c3c4" + "00" + "00000102" + "00000000"
        + "4110000000000000" + "c6");
    Row row = new LayoutDecoder(l).decode(b, 0, 25);
    assertEquals(Short.valueOf((short) -2), row.getValue("B"));
    assertEquals(258, row.getInt32("D").intValue());
    assertEquals(1.0, row.getDouble("E"), 0.0);
    assertEquals("F", row.getString("F"));
  }

  /**
   * Leading P positions are decimal places left of the digits (IBM Enterprise COBOL Language
   * Reference, PICTURE clause, symbol P): PIC SPPP9 holding 3 is 0.0003, PIC PPP9(5) holding 30503
   * is 0.00030503. Bytes and values worked out by hand.
   */
  @Test
  public void fillerRedefinesLiesOverTheFieldItRedefines() throws Exception {
    // Issue 23: placed after A, the FILLER pushed B to bytes 8-10 of a 6-byte record.
    String copybook = "       01 R.\n"
        + "          05 A PIC X(4).\n"
        + "          05 FILLER REDEFINES A PIC X(4).\n"
        + "          05 B PIC X(2).\n";
    RecordLayout l = CopybookLayout.of(copybook).withCodePage("US-ASCII").toLayout();
    assertEquals(6, l.recordLength());
    assertEquals(4, l.fields().get(1).offset());
    Row row = new LayoutDecoder(l).decode("abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 6);
    assertEquals("abcd", row.getString("A"));
    assertEquals("ef", row.getString("B"));
    // A longer FILLER REDEFINES moves what follows past its end: A 2 bytes, FILLER 5, B at 5.
    String longer = "       01 R.\n"
        + "          05 A PIC X(2).\n"
        + "          05 FILLER REDEFINES A PIC X(5).\n"
        + "          05 B PIC X(2).\n";
    RecordLayout l2 = CopybookLayout.of(longer).withCodePage("US-ASCII").toLayout();
    assertEquals(7, l2.recordLength());
    assertEquals(5, l2.fields().get(1).offset());
  }

  @Test
  public void comp0IsBinaryAsComp() throws Exception {
    RecordLayout l = RecordLayout.fromCopybook("       01 R.\n          05 A PIC S9(4) COMP-0.\n"
        + "          05 B PIC 9(9) COMPUTATIONAL-0.\n");
    assertEquals(2 + 4, l.recordLength());
    Row row = new LayoutDecoder(l).decode(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, 0x01, 0x00}, 0, 6);
    assertEquals(-2L, ((Number) row.getValue("A")).longValue());
    assertEquals(256L, ((Number) row.getValue("B")).longValue());
  }

  @Test
  public void binariesBeyond18DigitsTakeTheFewestBytesOrSixteen() throws Exception {
    // ceil((digits * log2(10) + 1) / 8): 19 -> ceil(64.12 / 8) = 9, 20 -> ceil(67.44 / 8) = 9,
    // 22 -> ceil(74.08 / 8) = 10, 28 -> ceil(94.01 / 8) = 12, 38 -> ceil(127.23 / 8) = 16.
    int[][] sizes = {{19, 9}, {20, 9}, {22, 10}, {28, 12}, {38, 16}};
    for (int[] c : sizes) {
      String cb = "       01 R.\n          05 A PIC S9(" + c[0] + ") COMP.\n";
      assertEquals(c[0] + " digits", c[1], RecordLayout.fromCopybook(cb).recordLength());
      assertEquals(c[0] + " digits, 16-byte rule", 16,
          CopybookLayout.of(cb, io.github.binfiles.copybook.Copybook.WideBinaries.SIXTEEN_BYTES).toLayout().recordLength());
    }
    // 1234567890123456789 = 0x112210F47DE98115, in 9 bytes; and -1 as nine FF bytes.
    RecordLayout l = RecordLayout.fromCopybook("       01 R.\n          05 A PIC S9(19) COMP.\n"
        + "          05 B PIC S9(19) COMP.\n");
    byte[] b = java.util.HexFormat.of().parseHex("00112210F47DE98115" + "FFFFFFFFFFFFFFFFFF");
    Row row = new LayoutDecoder(l).decode(b, 0, 18);
    assertEquals(new BigDecimal("1234567890123456789"), row.getDecimal("A"));
    assertEquals(new BigDecimal("-1"), row.getDecimal("B"));
    OutputBuffer out = new OutputBuffer(18);
    new LayoutEncoder(l).encode(row, out);
    assertArrayEquals(b, Arrays.copyOf(out.array(), out.size()));
    assertThrows(CopybookException.class, () -> RecordLayout.fromCopybook("       01 R.\n          05 A PIC S9(39) COMP.\n"));
  }

  @Test
  public void decimalsOfUpTo38Digits() throws Exception {
    String digits = "1234567890123456789012345678901234567"; // 37
    RecordLayout l = RecordLayout.fromCopybook("       01 R.\n          05 A PIC 9(37).\n"
        + "          05 B PIC S9(37) COMP-3.\n          05 C PIC S9(35)V99 COMP-3.\n");
    assertEquals(37 + 19 + 19, l.recordLength());
    StringBuilder hex = new StringBuilder();
    for (char c : digits.toCharArray()) {
      hex.append('F').append(c); // EBCDIC digits F0-F9
    }
    hex.append(digits).append('D'); // packed: 37 digit nibbles, then the sign D (negative)
    hex.append(digits).append('C');
    byte[] b = java.util.HexFormat.of().parseHex(hex);
    Row row = new LayoutDecoder(l).decode(b, 0, b.length);
    assertEquals(new BigDecimal(digits), row.getDecimal("A"));
    assertEquals(new BigDecimal("-" + digits), row.getDecimal("B"));
    assertEquals(new BigDecimal("12345678901234567890123456789012345.67"), row.getDecimal("C"));
    OutputBuffer out = new OutputBuffer(b.length);
    new LayoutEncoder(l).encode(row, out);
    assertArrayEquals(b, Arrays.copyOf(out.array(), out.size()));
    assertThrows(CopybookException.class, () -> RecordLayout.fromCopybook("       01 R.\n          05 A PIC 9(40).\n"));
  }

  @Test
  public void leadingPScalingPutsEveryDigitRightOfThePoint() throws Exception {
    RecordLayout l = CopybookLayout.of(
        "       01  R.\n"
      + "           05  A  PIC SPPP9 COMP.\n"
      + "           05  B  PIC PPP9(5) COMP-3.\n"
      + "           05  C  PIC VPP99.\n"
      + "           05  D  PIC 99PP.\n").toLayout();
    // A: halfword 0x0003; B: packed 30503 unsigned (3 bytes, sign F); C: zoned 45 (F4 F5);
    // D: zoned 12 (F1 F2) times 100.
    byte[] b = {0x00, 0x03, 0x30, 0x50, 0x3F, (byte) 0xF4, (byte) 0xF5, (byte) 0xF1, (byte) 0xF2};
    assertEquals(9, l.recordLength());
    Row row = new LayoutDecoder(l).decode(b, 0, b.length);
    assertEquals(0, new BigDecimal("0.0003").compareTo(row.getDecimal("A")));
    assertEquals(0, new BigDecimal("0.00030503").compareTo(row.getDecimal("B")));
    assertEquals(0, new BigDecimal("0.0045").compareTo(row.getDecimal("C")));
    assertEquals(0, new BigDecimal("1200").compareTo(row.getDecimal("D")));
    OutputBuffer out = new OutputBuffer(9);
    new LayoutEncoder(l).encode(row, out);
    assertArrayEquals(b, Arrays.copyOf(out.array(), out.size()));
  }

  @Test
  public void aVAfterLeadingPIsRefusedWithItsLine() {
    CopybookException e = assertThrows(CopybookException.class, () -> CopybookLayout.of(
        "       01  R.\n"
      + "           05  A  PIC PPV9.\n").toLayout());
    assertTrue(e.getMessage(), e.getMessage().contains("line 2") && e.getMessage().contains("V after leading P"));
  }
}
