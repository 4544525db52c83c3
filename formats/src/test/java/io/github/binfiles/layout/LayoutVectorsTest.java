package io.github.binfiles.layout;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.io.OutputBuffer;
import java.math.BigDecimal;
import java.util.Arrays;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** Hand-computed byte vectors for every field type, both directions. */
public class LayoutVectorsTest {

  private static byte[] bytes(int... xs) {
    byte[] b = new byte[xs.length];
    for (int i = 0; i < xs.length; i++) {
      b[i] = (byte) xs[i];
    }
    return b;
  }

  /** Decodes {@code raw} as one field, checks the value, and checks it encodes back to {@code raw}. */
  private static void vector(FieldType type, byte[] raw, Object expected) throws Exception {
    RecordLayout layout = RecordLayout.builder(raw.length).add("f", type).build();
    Row row = new LayoutDecoder(layout).decode(raw, 0, raw.length);
    Object got = row.getValue("f");
    if (expected instanceof byte[]) {
      assertArrayEquals(type.toString(), (byte[]) expected, (byte[]) got);
    } else {
      assertEquals(type + " decoding " + Arrays.toString(raw), expected, got);
    }
    OutputBuffer out = new OutputBuffer(16);
    new LayoutEncoder(layout).encode(row, out);
    assertArrayEquals(type + " encoding " + expected, raw, Arrays.copyOf(out.array(), out.size()));
  }

  private static void bad(FieldType type, byte[] raw, String message) {
    RecordLayout layout = RecordLayout.builder(raw.length).add("amount", type).build();
    Exception e = assertThrows(Exception.class, () -> new LayoutDecoder(layout).decode(raw, 0, raw.length));
    assertTrue(e.getMessage(), e.getMessage().contains("field amount"));
    assertTrue(e.getMessage(), e.getMessage().contains(message));
  }

  @Test
  public void signedIntegers() throws Exception {
    vector(FieldType.signed(1, true), bytes(0xFF), (byte) -1);
    vector(FieldType.signed(2, true), bytes(0x80, 0x00), (short) -32768);
    vector(FieldType.signed(2, false), bytes(0x00, 0x80), (short) -32768);
    vector(FieldType.signed(4, true), bytes(0x12, 0x34, 0x56, 0x78), 0x12345678);
    vector(FieldType.signed(4, false), bytes(0x78, 0x56, 0x34, 0x12), 0x12345678);
    vector(FieldType.signed(8, true), bytes(0x80, 0, 0, 0, 0, 0, 0, 0), Long.MIN_VALUE);
    vector(FieldType.signed(8, false), bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F), Long.MAX_VALUE);
  }

  @Test
  public void unsignedIntegers() throws Exception {
    vector(FieldType.unsigned(1, true), bytes(0xFF), (short) 255);
    vector(FieldType.unsigned(2, false), bytes(0xFF, 0xFF), 65535);
    vector(FieldType.unsigned(4, true), bytes(0xFF, 0xFF, 0xFF, 0xFE), 4294967294L);
    vector(FieldType.unsigned(8, true), bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF),
        new BigDecimal("18446744073709551615"));
  }

  @Test
  public void ieeeFloats() throws Exception {
    vector(FieldType.ieee(4, true), bytes(0x3F, 0xC0, 0x00, 0x00), 1.5f);
    vector(FieldType.ieee(8, false), bytes(0, 0, 0, 0, 0, 0, 0x02, 0xC0), -2.25d);
  }

  @Test
  public void textInEbcdicAndOtherCharsets() throws Exception {
    // "HELLO" in EBCDIC 037, padded with EBCDIC spaces (0x40), trimmed on decode.
    vector(FieldType.text(7, "IBM037", FieldType.Trim.RIGHT), bytes(0xC8, 0xC5, 0xD3, 0xD3, 0xD6, 0x40, 0x40), "HELLO");
    vector(FieldType.text(3, "IBM1047", FieldType.Trim.NONE), bytes(0x81, 0x82, 0x83), "abc");
    vector(FieldType.text(2, "UTF-8", FieldType.Trim.NONE), bytes(0xC3, 0xA9), "\u00e9");
    vector(FieldType.text(1, "ISO-8859-1", FieldType.Trim.NONE), bytes(0xE9), "\u00e9");
    RecordLayout both = RecordLayout.builder(5).add("t", FieldType.text(5, "US-ASCII", FieldType.Trim.BOTH)).build();
    assertEquals("ab", new LayoutDecoder(both).decode(" ab  ".getBytes("US-ASCII"), 0, 5).getString("t"));
    // NUL padding (Cobrix's sample data: "Timika\0\0\0\0"): both strips what right strips.
    RecordLayout padded = RecordLayout.builder(10)
        .add("t", FieldType.text(10, "IBM037", FieldType.Trim.BOTH)).build();
    byte[] timika = bytes(0xE3, 0x89, 0x94, 0x89, 0x92, 0x81, 0, 0, 0, 0);
    assertEquals("Timika", new LayoutDecoder(padded).decode(timika, 0, 10).getString("t"));
    byte[] leading = bytes(0, 0x40, 0xE3, 0x89, 0x94, 0x89, 0x92, 0x81, 0x40, 0);
    assertEquals("Timika", new LayoutDecoder(padded).decode(leading, 0, 10).getString("t"));
    RecordLayout right = RecordLayout.builder(10)
        .add("t", FieldType.text(10, "IBM037", FieldType.Trim.RIGHT)).build();
    assertEquals("\0 Timika", new LayoutDecoder(right).decode(leading, 0, 10).getString("t"));
  }

  @Test
  public void rawBytesAndBooleans() throws Exception {
    vector(FieldType.bytes(3), bytes(1, 2, 3), bytes(1, 2, 3));
    vector(FieldType.bool(), bytes(1), true);
    vector(FieldType.bool(), bytes(0), false);
    bad(FieldType.bool(), bytes(2), "boolean byte is 2");
  }

  @Test
  public void packedDecimals() throws Exception {
    vector(FieldType.packedDecimal(3, 2), bytes(0x12, 0x34, 0x5C), new BigDecimal("123.45"));
    vector(FieldType.packedDecimal(3, 2), bytes(0x12, 0x34, 0x5D), new BigDecimal("-123.45"));
    vector(FieldType.packedDecimal(2, 0), bytes(0x00, 0x0C), new BigDecimal("0"));
    // F is an unsigned positive sign; it decodes, and encodes back as C.
    RecordLayout f = RecordLayout.builder(2).add("f", FieldType.packedDecimal(2, 0)).build();
    assertEquals(new BigDecimal("123"), new LayoutDecoder(f).decode(bytes(0x12, 0x3F), 0, 2).getDecimal("f"));
    // 31 digits: beyond a long.
    byte[] max = new byte[16];
    Arrays.fill(max, (byte) 0x99);
    max[15] = (byte) 0x9C;
    vector(FieldType.packedDecimal(16, 4), max, new BigDecimal("999999999999999999999999999.9999"));
    bad(FieldType.packedDecimal(2, 0), bytes(0x1A, 0x3C), "non-digit nibble in byte 0");
    bad(FieldType.packedDecimal(2, 0), bytes(0x12, 0x34), "sign nibble is 4");
  }

  @Test
  public void zonedDecimalsEbcdicAndAscii() throws Exception {
    vector(FieldType.zonedDecimal(3, 0, "IBM037"), bytes(0xF1, 0xF2, 0xC3), new BigDecimal("123"));
    vector(FieldType.zonedDecimal(3, 2, "IBM037"), bytes(0xF1, 0xF2, 0xD3), new BigDecimal("-1.23"));
    RecordLayout unsigned = RecordLayout.builder(3).add("z", FieldType.zonedDecimal(3, 0, "IBM1047")).build();
    assertEquals(new BigDecimal("123"), new LayoutDecoder(unsigned).decode(bytes(0xF1, 0xF2, 0xF3), 0, 3).getDecimal("z"));
    vector(FieldType.zonedDecimal(3, 0, "US-ASCII"), "123".getBytes("US-ASCII"), new BigDecimal("123"));
    vector(FieldType.zonedDecimal(3, 0, "US-ASCII"), "12L".getBytes("US-ASCII"), new BigDecimal("-123"));
    vector(FieldType.zonedDecimal(3, 1, "US-ASCII"), "12}".getBytes("US-ASCII"), new BigDecimal("-12.0"));
    RecordLayout ascii = RecordLayout.builder(3).add("z", FieldType.zonedDecimal(3, 0, "US-ASCII")).build();
    assertEquals(new BigDecimal("123"), new LayoutDecoder(ascii).decode("12C".getBytes("US-ASCII"), 0, 3).getDecimal("z"));
    assertEquals(new BigDecimal("120"), new LayoutDecoder(ascii).decode("12{".getBytes("US-ASCII"), 0, 3).getDecimal("z"));
    bad(FieldType.zonedDecimal(2, 0, "IBM037"), bytes(0xF1, 0xA2), "zoned decimal byte 1 is a2");
    bad(FieldType.zonedDecimal(2, 0, "IBM037"), bytes(0xC1, 0xF2), "zoned decimal byte 0 is c1");
    bad(FieldType.zonedDecimal(2, 0, "US-ASCII"), "1X".getBytes("US-ASCII"), "zoned decimal byte 1 is 'X'");
  }

  @Test
  public void valuesThatDoNotFitAreRejectedOnEncode() {
    RecordLayout l = RecordLayout.builder(2).add("d", FieldType.packedDecimal(2, 0)).build();
    Row tooBig = Row.withSchema(l.schema()).addValue(new BigDecimal("1000")).build();
    assertThrows(IllegalArgumentException.class, () -> new LayoutEncoder(l).encode(tooBig, new OutputBuffer(4)));
    RecordLayout t = RecordLayout.builder(2).add("s", FieldType.text(2, "US-ASCII", FieldType.Trim.NONE)).build();
    Row tooLong = Row.withSchema(t.schema()).addValue("abc").build();
    assertThrows(IllegalArgumentException.class, () -> new LayoutEncoder(t).encode(tooLong, new OutputBuffer(4)));
  }
}
