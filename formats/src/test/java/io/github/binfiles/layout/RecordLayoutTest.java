package io.github.binfiles.layout;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.io.OutputBuffer;
import java.math.BigDecimal;
import java.util.Arrays;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

public class RecordLayoutTest {
  static RecordLayout accounts() {
    return RecordLayout.builder(32)
        .add("account", FieldType.signed(4, true))
        .add("name", FieldType.text(12, "IBM037", FieldType.Trim.RIGHT))
        .add("balance", FieldType.packedDecimal(6, 2))
        .add("status", FieldType.zonedDecimal(3, 0, "IBM037"))
        .add("spare", FieldType.filler(7))
        .build();
  }

  @Test
  public void schemaHasEveryFieldButFillers() {
    Schema s = accounts().schema();
    assertEquals(Arrays.asList("account", "name", "balance", "status"), s.getFieldNames());
    assertEquals(Schema.FieldType.DECIMAL, s.getField("balance").getType());
  }

  @Test
  public void validationNamesTheField() {
    assertTrue(assertThrows(IllegalArgumentException.class, () ->
        RecordLayout.builder(4).add("a", FieldType.signed(4, true)).add("b", FieldType.bool()).build())
        .getMessage().contains("field b (bytes 4 to 5) does not fit in a record of 4 bytes"));
    assertTrue(assertThrows(IllegalArgumentException.class, () ->
        RecordLayout.builder(8).at("a", 0, FieldType.signed(4, true)).at("b", 2, FieldType.signed(2, true)).build())
        .getMessage().contains("field b at byte 2 overlaps field a (bytes 0 to 4)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () ->
        RecordLayout.builder(8).add("a", FieldType.bool()).add("a", FieldType.bool()).build())
        .getMessage().contains("field name a is used twice"));
    assertThrows(IllegalArgumentException.class, () -> FieldType.signed(3, true));
    assertThrows(IllegalArgumentException.class, () -> FieldType.text(0, "US-ASCII", FieldType.Trim.NONE));
    assertThrows(IllegalArgumentException.class, () -> FieldType.packedDecimal(2, 4));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FieldType.text(2, "NOPE-42", FieldType.Trim.NONE))
        .getMessage().startsWith("unknown charset NOPE-42 (use a charset this JDK knows"));
  }

  @Test
  public void jsonLayoutEqualsTheBuilderOne() throws Exception {
    RecordLayout json = RecordLayout.fromJson("{\"recordLength\": 32, \"fields\": ["
        + "{\"name\": \"account\", \"type\": \"int32\", \"endian\": \"big\"},"
        + "{\"name\": \"name\", \"type\": \"text\", \"length\": 12, \"charset\": \"IBM037\", \"trim\": \"right\"},"
        + "{\"name\": \"balance\", \"type\": \"packed\", \"length\": 6, \"scale\": 2},"
        + "{\"name\": \"status\", \"type\": \"zoned\", \"length\": 3, \"scale\": 0, \"charset\": \"IBM037\"},"
        + "{\"type\": \"filler\", \"length\": 7}]}");
    assertEquals(accounts().schema(), json.schema());
    assertEquals(accounts().toString().replace("spare", "_filler0"), json.toString());
    assertThrows(IllegalArgumentException.class, () -> RecordLayout.fromJson("{\"recordLength\": 4, \"fields\": [{\"name\": \"x\", \"type\": \"int24\"}]}"));
  }

  /** A typo in a layout must not decode every record wrongly: each mistake is an error naming the field. */
  @Test
  public void jsonMistakesAreErrorsNamingTheField() {
    String[][] cases = {
      {"{\"recordLength\": 8, \"fields\": [{\"name\": \"a\", \"type\": \"text\"}]}",
          "field 0 (a): needs \"length\" (bytes)"},
      {"{\"recordLength\": 8, \"fields\": [{\"name\": \"a\", \"type\": \"text\", \"lenght\": 4}]}",
          "field 0 (a): unknown key \"lenght\""},
      {"{\"recordLength\": 8, \"fields\": [{\"name\": \"a\", \"type\": \"text\", \"length\": 4, \"charset\": \"NOPE\"}]}",
          "field 0 (a): unknown charset NOPE"},
      {"{\"recordLength\": 8, \"fields\": [{\"name\": \"a\", \"type\": \"int32\", \"endian\": \"middle\"}]}",
          "field 0 (a): \"endian\" must be \"big\" or \"little\", not \"middle\""},
      {"{\"recordLength\": 8, \"fields\": [{\"name\": \"a\", \"type\": \"int32\", \"length\": 2}]}",
          "field 0 (a): \"length\" is 2 but the type takes 4 bytes"},
      {"{\"recordLength\": 8, \"fields\": [{\"name\": \"a\", \"type\": \"text\", \"length\": 2, \"trim\": \"centre\"}]}",
          "field 0 (a): \"trim\" must be \"none\", \"left\", \"right\" or \"both\", not \"centre\""},
      {"{\"recordLength\": 8, \"fields\": [{\"name\": \"a\", \"type\": \"int32\"}, {\"type\": \"int16\"}]}",
          "field 1: has no \"name\""},
      {"{\"recordLength\": 8, \"fields\": [{\"name\": \"a\", \"type\": \"bytes\", \"length\": \"4\"}]}",
          "field 0 (a): \"length\" must be a positive integer, was \"4\""},
      {"{\"recordLength\": \"x\", \"fields\": []}", "the layout: \"recordLength\" must be a positive integer, was \"x\""},
      {"{\"recordLength\": 8, \"field\": []}", "the layout: unknown key \"field\""},
      {"{\"recordLength\": 8, \"fields\": [{\"name\": \"a\", \"type\": \"int24\"}]}", "field 0 (a): unknown type \"int24\""},
    };
    for (String[] c : cases) {
      IllegalArgumentException e = assertThrows(c[0], IllegalArgumentException.class, () -> RecordLayout.fromJson(c[0]));
      assertTrue(c[0] + " -> " + e.getMessage(), e.getMessage().startsWith(c[1]));
    }
  }

  @Test
  public void toJsonReadsBackToAnEqualLayout() throws Exception {
    RecordLayout all = RecordLayout.builder(64)
        .add("i8", FieldType.signed(1, true)).add("u16", FieldType.unsigned(2, false))
        .add("f64", FieldType.ieee(8, false)).add("t", FieldType.text(5, "IBM1047", FieldType.Trim.BOTH))
        .add("raw", FieldType.bytes(3)).add("p", FieldType.packedDecimal(4, 3))
        .add("z", FieldType.zonedDecimal(5, 1, "US-ASCII")).add("ok", FieldType.bool())
        .add("pad", FieldType.filler(4)).at("last", 60, FieldType.signed(4, true)).build();
    RecordLayout back = RecordLayout.fromJson(all.toJson());
    assertEquals(all.toString(), back.toString());
    assertEquals(all.toJson(), back.toJson());
  }

  @Test
  public void rowToBytesToRow() throws Exception {
    RecordLayout l = accounts();
    Row row = Row.withSchema(l.schema()).addValues(42, "ACME CORP", new BigDecimal("-1234.56"), new BigDecimal("7")).build();
    OutputBuffer out = new OutputBuffer(32);
    new LayoutEncoder(l).encode(row, out);
    assertEquals(32, out.size());
    byte[] rec = Arrays.copyOf(out.array(), 32);
    assertArrayEquals(new byte[] {0, 0, 0, 42}, Arrays.copyOf(rec, 4));
    assertArrayEquals(new byte[] {0x00, 0x00, 0x01, 0x23, 0x45, 0x6D}, Arrays.copyOfRange(rec, 16, 22));
    assertArrayEquals(new byte[] {(byte) 0xF0, (byte) 0xF0, (byte) 0xC7}, Arrays.copyOfRange(rec, 22, 25));
    assertEquals(row, new LayoutDecoder(l).decode(rec, 0, 32));
  }
}
