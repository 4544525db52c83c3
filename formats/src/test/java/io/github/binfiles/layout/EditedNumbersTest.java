package io.github.binfiles.layout;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.io.OutputBuffer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/**
 * Numeric-edited pictures decode to numbers and encode back as the picture prints them. Each
 * vector is worked out by hand from the editing rules of IBM's Enterprise COBOL Language Reference
 * (zero suppression up to the first non-zero digit or the decimal point, insertion characters
 * blanked while suppressing, a floating string's symbol just left of the first digit written, fixed
 * signs: '+' as + or -, '-' as space or -, CR/DB as two spaces when positive).
 */
public class EditedNumbersTest {
  /** picture, value, the characters it prints. */
  private static final String[][] VECTORS = {
    {"Z(5)9", "0", "     0"},
    {"Z(5)9", "42", "    42"},
    {"Z(5)9", "123456", "123456"},
    {"9(8).9(2)", "1234.5", "00001234.50"},
    {"9(8).9(2)", "0", "00000000.00"},
    {"-9(5)", "-123", "-00123"},
    {"-9(5)", "123", " 00123"},
    {"+9(3).99", "12.5", "+012.50"},
    {"+9(3).99", "-12.5", "-012.50"},
    {"9(4)V99-", "-12.34", "001234-"},
    {"9(4)V99-", "12.34", "001234 "},
    {"999.99CR", "-12.34", "012.34CR"},
    {"999.99CR", "12.34", "012.34  "},
    {"999.99DB", "-0.01", "000.01DB"},
    {"ZZZZ.99", "0", "    .00"},
    {"ZZZZ.99", "7.5", "   7.50"},
    {"ZZZZ.ZZ", "0", "       "},
    {"ZZZZ.ZZ", "0.01", "    .01"},
    {"****.**", "0", "****.**"},
    {"***9.99", "12.3", "**12.30"},
    {"$Z,ZZ9.99", "1234.56", "$1,234.56"},
    {"$Z,ZZ9.99", "0.5", "$    0.50"},
    {"$$$$.99", "0.12", "   $.12"},
    {"$$$9.99", "999.99", "$999.99"},
    {"$$,$$9.99", "12.34", "   $12.34"},
    {"$$,$$9.99", "1234.5", "$1,234.50"},
    {"++++9", "12", "  +12"},
    {"++++9", "-12", "  -12"},
    {"----9", "0", "    0"},
    {"----9", "-1234", "-1234"},
    {"99B99B99", "123456", "12 34 56"},
    {"99/99/99", "311299", "31/12/99"},
    {"9990", "123", "1230"},
  };

  private static RecordLayout layout(String picture) {
    return CopybookLayout.of("       01 R.\n          05 N PIC " + picture + ".\n").withCodePage("US-ASCII").toLayout();
  }

  @Test
  public void everyVectorDecodesAndEncodes() throws Exception {
    for (String[] v : VECTORS) {
      RecordLayout l = layout(v[0]);
      String where = "PIC " + v[0] + " " + v[1];
      assertEquals(where, v[2].length(), l.recordLength());
      assertEquals(where, Schema.TypeName.DECIMAL, l.schema().getField("N").getType().getTypeName());
      byte[] b = v[2].getBytes(StandardCharsets.US_ASCII);
      BigDecimal decoded = new LayoutDecoder(l).decode(b, 0, b.length).getDecimal("N");
      assertEquals(where, 0, new BigDecimal(v[1]).compareTo(decoded));
      OutputBuffer out = new OutputBuffer(16);
      new LayoutEncoder(l).encode(Row.withSchema(l.schema()).addValue(new BigDecimal(v[1]).setScale(decoded.scale())).build(), out);
      assertEquals(where, v[2], new String(out.array(), 0, out.size(), StandardCharsets.US_ASCII));
    }
  }

  @Test
  public void scaleComesFromThePointOrV() throws Exception {
    assertEquals(2, new LayoutDecoder(layout("9(8).9(2)")).decode("00001234.50".getBytes(StandardCharsets.US_ASCII), 0, 11)
        .getDecimal("N").scale());
    assertEquals(2, new LayoutDecoder(layout("9(4)V99-")).decode("001234-".getBytes(StandardCharsets.US_ASCII), 0, 7)
        .getDecimal("N").scale());
  }

  @Test
  public void ebcdicBytes() throws Exception {
    // "+012.50" in IBM037: + 4E, 0-9 F0-F9, . 4B.
    RecordLayout l = CopybookLayout.of("       01 R.\n          05 N PIC +9(3).99.\n").toLayout();
    byte[] b = {0x60, (byte) 0xF0, (byte) 0xF1, (byte) 0xF2, 0x4B, (byte) 0xF5, (byte) 0xF0}; // "-012.50"
    assertEquals(new BigDecimal("-12.50"), new LayoutDecoder(l).decode(b, 0, 7).getDecimal("N"));
    OutputBuffer out = new OutputBuffer(8);
    new LayoutEncoder(l).encode(Row.withSchema(l.schema()).addValue(new BigDecimal("-12.50")).build(), out);
    assertArrayEquals(b, Arrays.copyOf(out.array(), out.size()));
  }

  @Test
  public void whatThePictureCannotHoldIsDamage() {
    String[][] bad = {
      {"Z(5)9", "    4 ", "byte 5 holds ' ' where the picture has a digit"},
      {"9(8).9(2)", "00001234,50", "byte 8 holds ','"},
      {"-9(5)", "+00123", "byte 0 holds '+' where the picture has - or a space"},
      {"999.99CR", "012.34XX", "CR or two spaces"},
      {"Z(5)9", "  1A23", "byte 3 holds 'A'"},
    };
    for (String[] c : bad) {
      RecordLayout l = layout(c[0]);
      byte[] b = c[1].getBytes(StandardCharsets.US_ASCII);
      Exception e = assertThrows(c[0], IllegalArgumentException.class, () -> new LayoutDecoder(l).decode(b, 0, b.length));
      assertTrue(e.getMessage(), e.getMessage().contains(c[2]));
      assertTrue(e.getMessage(), e.getMessage().contains("field N"));
    }
    RecordLayout l = layout("9(3)");
    assertEquals(Schema.TypeName.DECIMAL, l.schema().getField("N").getType().getTypeName());
    RecordLayout unsigned = layout("ZZ9");
    OutputBuffer out = new OutputBuffer(8);
    Exception e = assertThrows(IllegalArgumentException.class, () -> new LayoutEncoder(unsigned).encode(
        Row.withSchema(unsigned.schema()).addValue(new BigDecimal("-1")).build(), out));
    assertTrue(e.getMessage(), e.getMessage().contains("is negative and PIC ZZ9 has no sign"));
    e = assertThrows(IllegalArgumentException.class, () -> new LayoutEncoder(unsigned).encode(
        Row.withSchema(unsigned.schema()).addValue(new BigDecimal("1000")).build(), out));
    assertTrue(e.getMessage(), e.getMessage().contains("has more digits than PIC ZZ9"));
  }

  @Test
  public void numericEditedPicturesNotReadAsNumbersAreRefusedWithTheirLine() {
    // A sign in the middle of the digits; a currency sign other than $. Alphanumeric-edited stays text.
    for (String picture : new String[] {"99-99", "9(3)E99"}) {
      io.github.binfiles.copybook.CopybookException e = assertThrows(picture,
          io.github.binfiles.copybook.CopybookException.class,
          () -> CopybookLayout.of("       01 R.\n          05 N PIC " + picture + ".\n").toLayout());
      assertTrue(e.getMessage(), e.getMessage().contains("line 2"));
    }
    RecordLayout text = CopybookLayout.of("       01 R.\n          05 N PIC 99-99.\n").withEditedNumbersAsText().toLayout();
    assertEquals(Schema.TypeName.STRING, text.schema().getField("N").getType().getTypeName());
    assertEquals(Schema.TypeName.STRING, CopybookLayout.of("       01 R.\n          05 N PIC XXBXX.\n").toLayout()
        .schema().getField("N").getType().getTypeName());
  }

  @Test
  public void blankWhenZeroReadsSpacesAsZeroAndWritesZeroAsSpaces() throws Exception {
    // EBCDIC: PIC 9(3)V99 BLANK WHEN ZERO holding five spaces (0x40) is 0.00, and 1.23 is F0 F0 F1
    // F2 F3 (unsigned: zone F). PIC ZZ9.99 BLANK WHEN ZERO (US-ASCII) holding six spaces is 0.00.
    RecordLayout l = CopybookLayout.of("       01 R.\n          05 N PIC 9(3)V99 BLANK WHEN ZERO.\n").toLayout();
    byte[] blank = {0x40, 0x40, 0x40, 0x40, 0x40};
    assertEquals(new BigDecimal("0.00"), new LayoutDecoder(l).decode(blank, 0, 5).getDecimal("N"));
    byte[] value = {(byte) 0xF0, (byte) 0xF0, (byte) 0xF1, (byte) 0xF2, (byte) 0xF3};
    assertEquals(new BigDecimal("1.23"), new LayoutDecoder(l).decode(value, 0, 5).getDecimal("N"));
    OutputBuffer out = new OutputBuffer(8);
    new LayoutEncoder(l).encode(Row.withSchema(l.schema()).addValue(new BigDecimal("0.00")).build(), out);
    assertArrayEquals(blank, Arrays.copyOf(out.array(), out.size()));
    RecordLayout edited = CopybookLayout.of("       01 R.\n          05 N PIC ZZ9.99 BLANK WHEN ZERO.\n")
        .withCodePage("US-ASCII").toLayout();
    assertEquals(new BigDecimal("0.00"), new LayoutDecoder(edited).decode("      ".getBytes(StandardCharsets.US_ASCII), 0, 6)
        .getDecimal("N"));
    assertEquals(l.toJson(), RecordLayout.fromJson(l.toJson()).toJson());
    assertTrue(l.toJson(), l.toJson().contains("\"blankWhenZero\":true"));
    // Without the clause spaces are damage, as before.
    RecordLayout strict = CopybookLayout.of("       01 R.\n          05 N PIC 9(3)V99.\n").toLayout();
    assertThrows(IllegalArgumentException.class, () -> new LayoutDecoder(strict).decode(blank, 0, 5));
    assertThrows(io.github.binfiles.copybook.CopybookException.class,
        () -> CopybookLayout.of("       01 R.\n          05 N PIC X(3) BLANK WHEN ZERO.\n").toLayout());
  }

  @Test
  public void theTextFormStaysAvailableAndJsonKeepsThePicture() throws Exception {
    RecordLayout text = CopybookLayout.of("       01 R.\n          05 N PIC $$,$$9.99.\n").withCodePage("US-ASCII")
        .withEditedNumbersAsText().toLayout();
    assertEquals("$12.34", new LayoutDecoder(text).decode("   $12.34".getBytes(StandardCharsets.US_ASCII), 0, 9).getString("N"));
    RecordLayout l = layout("$$,$$9.99");
    RecordLayout back = RecordLayout.fromJson(l.toJson());
    assertTrue(l.toJson(), l.toJson().contains("\"type\":\"edited\",\"picture\":\"$$,$$9.99\""));
    assertEquals(new BigDecimal("12.34"), new LayoutDecoder(back).decode("   $12.34".getBytes(StandardCharsets.US_ASCII), 0, 9)
        .getDecimal("N"));
  }
}
