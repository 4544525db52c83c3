package io.github.binfiles.layout;

import io.github.binfiles.io.OutputBuffer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Decodes and encodes one field's bytes; the only code that knows byte layouts of numbers, text and
 * decimals. Decoding reads straight from the record's buffer, without copies beyond the value.
 */
final class FieldCodec {
  private FieldCodec() {}

  /** Thrown for bytes a field cannot hold (bad packed-decimal nibble, bad sign, bad boolean). */
  static final class BadFieldException extends Exception {
    private static final long serialVersionUID = 1L;

    BadFieldException(String message) {
      super(message);
    }
  }

  static Object decode(FieldType t, Charset charset, byte[] b, int at) throws BadFieldException {
    if (t.lowValuesAsNull && allZero(b, at, t.length)) {
      return null;
    }
    if (t.blankWhenZero && allSpaces(t, charset, b, at)) {
      return BigDecimal.valueOf(0, t.scale);
    }
    switch (t.kind) {
      case INT:
        long v = readInt(b, at, t.length, t.bigEndian);
        switch (t.length) {
          case 1:
            return (byte) v;
          case 2:
            return (short) v;
          case 4:
            return (int) v;
          default:
            return v;
        }
      case UINT:
        long u = readInt(b, at, t.length, t.bigEndian);
        switch (t.length) {
          case 1:
            return (short) (u & 0xFF);
          case 2:
            return (int) (u & 0xFFFF);
          case 4:
            return u & 0xFFFFFFFFL;
          default:
            return new BigDecimal(new BigInteger(Long.toUnsignedString(u)));
        }
      case FLOAT:
        long bits = readInt(b, at, t.length, t.bigEndian);
        return t.length == 4 ? (Object) Float.intBitsToFloat((int) bits) : (Object) Double.longBitsToDouble(bits);
      case TEXT:
        String text = new String(b, at, t.length, charset);
        return trim(t.controlCharsAsSpaces ? controlToSpaces(text) : text, t.trim);
      case BYTES:
        return Arrays.copyOfRange(b, at, at + t.length);
      case PACKED_DECIMAL:
        return packed(b, at, t.length, t.scale);
      case ZONED_DECIMAL:
        return zoned(t, b, at);
      case EDITED_DECIMAL:
        return t.edited().decode(new String(b, at, t.length, charset));
      case BINARY_DECIMAL:
        if (t.length < 8 || (t.length == 8 && t.signed)) {
          long raw = readInt(b, at, t.length, t.bigEndian);
          return scaled(t.signed ? raw : raw & (-1L >>> (64 - 8 * t.length)), t.scale);
        }
        return scaled(binary(b, at, t.length, t.bigEndian, t.signed), t.scale);
      case IBM_FLOAT:
        return t.length == 4 ? (Object) IbmFloat.toFloat(readInt(b, at, 4, true)) : (Object) IbmFloat.toDouble(readInt(b, at, 8, true));
      case BOOLEAN:
        if (b[at] != 0 && b[at] != 1) {
          throw new BadFieldException("boolean byte is " + (b[at] & 0xFF) + ", expected 0 or 1");
        }
        return b[at] == 1;
      default:
        throw new AssertionError(t.kind);
    }
  }

  static void encode(FieldType t, Charset charset, Object value, OutputBuffer out, String name) {
    int at = out.reserve(t.length);
    encode(t, charset, value, out.array(), at, name);
  }

  /** Encodes {@code value} into {@code b} at {@code at}; null only where the type allows it (low-values). */
  static void encode(FieldType t, Charset charset, Object value, byte[] b, int at, String name) {
    if (value == null && t.kind != FieldType.Kind.FILLER) {
      if (!t.lowValuesAsNull) {
        throw new IllegalArgumentException("field " + name + " is null, but " + t + " has no null"
            + " (withLowValuesAsNull() writes null as 0x00 bytes)");
      }
      Arrays.fill(b, at, at + t.length, (byte) 0);
      return;
    }
    if (t.blankWhenZero && value instanceof BigDecimal && ((BigDecimal) value).signum() == 0) {
      Arrays.fill(b, at, at + t.length, space(t, charset));
      return;
    }
    switch (t.kind) {
      case INT:
      case UINT:
        long v = t.kind == FieldType.Kind.UINT && t.length == 8
            ? ((BigDecimal) value).toBigIntegerExact().longValue()
            : ((Number) value).longValue();
        checkRange(t, value, name);
        writeInt(b, at, t.length, t.bigEndian, v);
        return;
      case FLOAT:
        long bits = t.length == 4 ? Float.floatToIntBits((Float) value) : Double.doubleToLongBits((Double) value);
        writeInt(b, at, t.length, t.bigEndian, bits);
        return;
      case TEXT:
        byte[] text = ((String) value).getBytes(charset);
        if (text.length > t.length) {
          throw new IllegalArgumentException("field " + name + ": text of " + text.length + " bytes does not fit in " + t.length);
        }
        System.arraycopy(text, 0, b, at, text.length);
        byte[] space = " ".getBytes(charset);
        for (int i = text.length; i < t.length; i++) {
          b[at + i] = space[0];
        }
        return;
      case BYTES:
        byte[] raw = (byte[]) value;
        if (raw.length != t.length) {
          throw new IllegalArgumentException("field " + name + ": " + raw.length + " bytes, expected " + t.length);
        }
        System.arraycopy(raw, 0, b, at, raw.length);
        return;
      case PACKED_DECIMAL:
        writePacked(b, at, t, decimal(t, value, name));
        return;
      case ZONED_DECIMAL:
        writeZoned(b, at, t, decimal(t, value, name));
        return;
      case EDITED_DECIMAL:
        byte[] edited = t.edited().encode((BigDecimal) value, name).getBytes(charset);
        System.arraycopy(edited, 0, b, at, t.length);
        return;
      case BINARY_DECIMAL:
        writeBinary(b, at, t, unscaled(t, value, name), name);
        return;
      case IBM_FLOAT:
        if (t.length == 4) {
          writeInt(b, at, 4, true, IbmFloat.fromFloat((Float) value, name));
        } else {
          writeInt(b, at, 8, true, IbmFloat.fromDouble((Double) value, name));
        }
        return;
      case BOOLEAN:
        b[at] = (byte) (((Boolean) value) ? 1 : 0);
        return;
      default:
        Arrays.fill(b, at, at + t.length, (byte) 0);
    }
  }

  /** The space of a zoned or edited field's charset. */
  private static byte space(FieldType t, Charset charset) {
    return t.kind == FieldType.Kind.ZONED_DECIMAL ? (t.ebcdic ? (byte) 0x40 : (byte) 0x20) : " ".getBytes(charset)[0];
  }

  private static boolean allSpaces(FieldType t, Charset charset, byte[] b, int at) {
    byte space = space(t, charset);
    for (int i = 0; i < t.length; i++) {
      if (b[at + i] != space) {
        return false;
      }
    }
    return true;
  }

  private static long readInt(byte[] b, int at, int n, boolean bigEndian) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      int x = b[at + (bigEndian ? i : n - 1 - i)] & 0xFF;
      v = (v << 8) | x;
    }
    // Sign-extend from n bytes.
    int shift = 64 - 8 * n;
    return (v << shift) >> shift;
  }

  private static void writeInt(byte[] b, int at, int n, boolean bigEndian, long v) {
    for (int i = 0; i < n; i++) {
      b[at + (bigEndian ? n - 1 - i : i)] = (byte) (v >>> (8 * i));
    }
  }

  private static void checkRange(FieldType t, Object value, String name) {
    BigInteger v = value instanceof BigDecimal ? ((BigDecimal) value).toBigIntegerExact() : BigInteger.valueOf(((Number) value).longValue());
    BigInteger min = t.kind == FieldType.Kind.UINT ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(8 * t.length - 1).negate();
    BigInteger max = t.kind == FieldType.Kind.UINT
        ? BigInteger.ONE.shiftLeft(8 * t.length).subtract(BigInteger.ONE)
        : BigInteger.ONE.shiftLeft(8 * t.length - 1).subtract(BigInteger.ONE);
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw new IllegalArgumentException("field " + name + ": " + v + " does not fit " + t);
    }
  }

  private static String trim(String s, FieldType.Trim trim) {
    if (trim == FieldType.Trim.NONE) {
      return s;
    }
    boolean both = trim == FieldType.Trim.BOTH;
    int end = s.length();
    while (trim != FieldType.Trim.LEFT && end > 0 && isPadding(s.charAt(end - 1), both)) {
      end--;
    }
    int start = 0;
    while (trim != FieldType.Trim.RIGHT && start < end && isPadding(s.charAt(start), both)) {
      start++;
    }
    return s.substring(start, end);
  }

  /**
   * Spaces and the NULs (low-values) mainframe and C writers pad with; {@code both} also strips
   * other whitespace, as it always did, so it strips everything {@code right} does, at both ends.
   */
  private static boolean isPadding(char c, boolean alsoWhitespace) {
    return c == ' ' || c == '\0' || (alsoWhitespace && Character.isWhitespace(c));
  }

  private static BigDecimal packed(byte[] b, int at, int n, int scale) throws BadFieldException {
    long unscaled = 0;
    BigInteger big = null;
    for (int i = 0; i < n; i++) {
      int x = b[at + i] & 0xFF;
      int hi = x >>> 4;
      int lo = x & 0xF;
      if (hi > 9 || (i < n - 1 && lo > 9)) {
        throw new BadFieldException("packed decimal has a non-digit nibble in byte " + i);
      }
      if (big == null && unscaled > (Long.MAX_VALUE - 99) / 100) {
        big = BigInteger.valueOf(unscaled);
      }
      if (big != null) {
        big = big.multiply(BigInteger.TEN).add(BigInteger.valueOf(hi));
        if (i < n - 1) {
          big = big.multiply(BigInteger.TEN).add(BigInteger.valueOf(lo));
        }
      } else {
        unscaled = unscaled * 10 + hi;
        if (i < n - 1) {
          unscaled = unscaled * 10 + lo;
        }
      }
    }
    int sign = b[at + n - 1] & 0xF;
    boolean negative;
    if (sign == 0xC || sign == 0xA || sign == 0xE || sign == 0xF) {
      negative = false;
    } else if (sign == 0xD || sign == 0xB) {
      negative = true;
    } else {
      throw new BadFieldException("packed decimal sign nibble is " + Integer.toHexString(sign) + ", expected A-F");
    }
    if (big == null) {
      return scaled(negative ? -unscaled : unscaled, scale);
    }
    return scaled(negative ? big.negate() : big, scale);
  }

  private static boolean allZero(byte[] b, int at, int n) {
    for (int i = 0; i < n; i++) {
      if (b[at + i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String controlToSpaces(String s) {
    char[] c = null;
    for (int i = 0; i < s.length(); i++) {
      char x = s.charAt(i);
      // C0, DEL and C1: IBM's EBCDIC code pages map their control bytes to all three ranges.
      if (x < 0x20 || (x >= 0x7F && x <= 0x9F)) {
        if (c == null) {
          c = s.toCharArray();
        }
        c[i] = ' ';
      }
    }
    return c == null ? s : new String(c);
  }

  /** A decimal of {@code unscaled} and {@code scale}; P scaling (negative scale) gives an integral value. */
  private static BigDecimal scaled(BigInteger unscaled, int scale) {
    BigDecimal d = new BigDecimal(unscaled, scale);
    return scale < 0 ? d.setScale(0) : d;
  }

  private static BigDecimal scaled(long unscaled, int scale) {
    BigDecimal d = BigDecimal.valueOf(unscaled, scale);
    return scale < 0 ? d.setScale(0) : d;
  }

  private static BigInteger binary(byte[] b, int at, int n, boolean bigEndian, boolean signed) {
    byte[] mag = new byte[n + 1]; // a leading 0 keeps unsigned values positive
    for (int i = 0; i < n; i++) {
      mag[i + 1] = b[at + (bigEndian ? i : n - 1 - i)];
    }
    if (signed) {
      return new BigInteger(mag, 1, n);
    }
    return new BigInteger(mag);
  }

  private static final int EBCDIC_PLUS = 0x4E;
  private static final int EBCDIC_MINUS = 0x60;

  /**
   * A zoned decimal: digits one per byte, the sign overpunched on the last (or first) digit's zone or
   * in a byte of its own ({@link FieldType.Sign}).
   */
  private static BigDecimal zoned(FieldType t, byte[] b, int at) throws BadFieldException {
    int n = t.length;
    int first = at;
    int count = n;
    boolean negative = false;
    if (t.sign == FieldType.Sign.LEADING_SEPARATE || t.sign == FieldType.Sign.TRAILING_SEPARATE) {
      int signAt = t.sign == FieldType.Sign.LEADING_SEPARATE ? at : at + n - 1;
      int x = b[signAt] & 0xFF;
      int plus = t.ebcdic ? EBCDIC_PLUS : '+';
      int minus = t.ebcdic ? EBCDIC_MINUS : '-';
      if (x != plus && x != minus) {
        throw new BadFieldException("zoned decimal sign byte " + (signAt - at) + " is "
            + String.format("%02x", x) + ", expected '+' or '-' (" + String.format("%02x or %02x", plus, minus) + ")");
      }
      negative = x == minus;
      count = n - 1;
      if (signAt == at) {
        first = at + 1;
      }
    }
    int punched = t.sign == FieldType.Sign.TRAILING ? count - 1 : t.sign == FieldType.Sign.LEADING ? 0 : -1;
    long v = 0;
    BigInteger big = null;
    for (int i = 0; i < count; i++) {
      int x = b[first + i] & 0xFF;
      boolean sign = i == punched;
      int digit;
      if (t.ebcdic) {
        int zone = x >>> 4;
        digit = x & 0xF;
        if (digit > 9 || !(zone == 0xF || (sign && (zone == 0xC || zone == 0xD)))) {
          throw new BadFieldException("zoned decimal byte " + (first + i - at) + " is " + String.format("%02x", x)
              + ", expected F0-F9" + (sign ? " or a C/D sign zone" : ""));
        }
        negative |= sign && zone == 0xD;
      } else {
        if (x >= '0' && x <= '9') {
          digit = x - '0';
        } else if (sign && x == '{') {
          digit = 0;
        } else if (sign && x >= 'A' && x <= 'I') {
          digit = x - 'A' + 1;
        } else if (sign && x == '}') {
          digit = 0;
          negative = true;
        } else if (sign && x >= 'J' && x <= 'R') {
          digit = x - 'J' + 1;
          negative = true;
        } else {
          throw new BadFieldException("zoned decimal byte " + (first + i - at) + " is '" + (char) x
              + "', expected a digit" + (sign ? " or an overpunched sign" : ""));
        }
      }
      if (big == null && i == 18) {
        big = BigInteger.valueOf(v);
      }
      if (big != null) {
        big = big.multiply(BigInteger.TEN).add(BigInteger.valueOf(digit));
      } else {
        v = v * 10 + digit;
      }
    }
    if (big != null) {
      return scaled(negative ? big.negate() : big, t.scale);
    }
    return scaled(negative ? -v : v, t.scale);
  }

  /** The unscaled value of a decimal to encode, exact at the type's scale. */
  private static BigInteger unscaled(FieldType t, Object value, String name) {
    try {
      return ((BigDecimal) value).movePointRight(t.scale).toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("field " + name + ": " + value + " has more decimal places than " + t + " holds");
    }
  }

  private static void writeBinary(byte[] b, int at, FieldType t, BigInteger v, String name) {
    int bits = 8 * t.length;
    boolean fits = t.signed ? v.bitLength() < bits : v.signum() >= 0 && v.bitLength() <= bits;
    if (!fits) {
      throw new IllegalArgumentException("field " + name + ": " + v + " (unscaled) does not fit " + t);
    }
    for (int i = 0; i < t.length; i++) {
      byte x = v.shiftRight(8 * i).byteValue();
      b[at + (t.bigEndian ? t.length - 1 - i : i)] = x;
    }
  }

  private static BigDecimal decimal(FieldType t, Object value, String name) {
    BigDecimal d;
    try {
      d = ((BigDecimal) value).setScale(t.scale, java.math.RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("field " + name + ": " + value + " does not fit " + t + " exactly");
    }
    if (!t.signed && d.signum() < 0) {
      throw new IllegalArgumentException("field " + name + ": " + d + " is negative, but " + t + " is unsigned");
    }
    if (d.abs().compareTo(t.maxDecimal()) > 0) {
      throw new IllegalArgumentException("field " + name + ": " + d + " does not fit " + t);
    }
    return d;
  }

  private static void writePacked(byte[] b, int at, FieldType t, BigDecimal d) {
    String digits = d.unscaledValue().abs().toString();
    int total = 2 * t.length - 1;
    StringBuilder s = new StringBuilder();
    for (int i = digits.length(); i < total; i++) {
      s.append('0');
    }
    s.append(digits);
    for (int i = 0; i < t.length; i++) {
      int hi = s.charAt(2 * i) - '0';
      int lo = i < t.length - 1 ? s.charAt(2 * i + 1) - '0' : !t.signed ? 0xF : (d.signum() < 0 ? 0xD : 0xC);
      b[at + i] = (byte) ((hi << 4) | lo);
    }
  }

  private static void writeZoned(byte[] b, int at, FieldType t, BigDecimal d) {
    String digits = d.unscaledValue().abs().toString();
    int count = t.digits();
    boolean negative = d.signum() < 0;
    int first = at;
    if (t.sign == FieldType.Sign.LEADING_SEPARATE || t.sign == FieldType.Sign.TRAILING_SEPARATE) {
      int signAt = t.sign == FieldType.Sign.LEADING_SEPARATE ? at : at + count;
      b[signAt] = (byte) (t.ebcdic ? (negative ? EBCDIC_MINUS : EBCDIC_PLUS) : (negative ? '-' : '+'));
      if (signAt == at) {
        first = at + 1;
      }
    }
    int punched = t.sign == FieldType.Sign.TRAILING ? count - 1 : t.sign == FieldType.Sign.LEADING ? 0 : -1;
    int pad = count - digits.length();
    for (int i = 0; i < count; i++) {
      int digit = i < pad ? 0 : digits.charAt(i - pad) - '0';
      boolean sign = i == punched;
      if (t.ebcdic) {
        int zone = sign && t.signed ? (negative ? 0xD : 0xC) : 0xF;
        b[first + i] = (byte) ((zone << 4) | digit);
      } else if (sign && negative) {
        b[first + i] = (byte) (digit == 0 ? '}' : 'J' + digit - 1);
      } else {
        b[first + i] = (byte) ('0' + digit);
      }
    }
  }
}
