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
        return trim(new String(b, at, t.length, charset), t.trim);
      case BYTES:
        return Arrays.copyOfRange(b, at, at + t.length);
      case PACKED_DECIMAL:
        return packed(b, at, t.length, t.scale);
      case ZONED_DECIMAL:
        return zoned(b, at, t.length, t.scale, t.ebcdic);
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
    byte[] b = out.array();
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
      case BOOLEAN:
        b[at] = (byte) (((Boolean) value) ? 1 : 0);
        return;
      default:
        Arrays.fill(b, at, at + t.length, (byte) 0);
    }
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
    while (end > 0 && isPadding(s.charAt(end - 1), both)) {
      end--;
    }
    int start = 0;
    while (both && start < end && isPadding(s.charAt(start), both)) {
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
    BigInteger value = big != null ? big : BigInteger.valueOf(unscaled);
    return new BigDecimal(negative ? value.negate() : value, scale);
  }

  private static BigDecimal zoned(byte[] b, int at, int n, int scale, boolean ebcdic) throws BadFieldException {
    BigInteger v = BigInteger.ZERO;
    boolean negative = false;
    for (int i = 0; i < n; i++) {
      int x = b[at + i] & 0xFF;
      int digit;
      if (ebcdic) {
        int zone = x >>> 4;
        digit = x & 0xF;
        boolean last = i == n - 1;
        if (digit > 9 || !(zone == 0xF || (last && (zone == 0xC || zone == 0xD)))) {
          throw new BadFieldException("zoned decimal byte " + i + " is " + String.format("%02x", x)
              + ", expected F0-F9" + (last ? " or a C/D sign zone" : ""));
        }
        negative = last && zone == 0xD;
      } else {
        boolean last = i == n - 1;
        if (x >= '0' && x <= '9') {
          digit = x - '0';
        } else if (last && x == '{') {
          digit = 0;
        } else if (last && x >= 'A' && x <= 'I') {
          digit = x - 'A' + 1;
        } else if (last && x == '}') {
          digit = 0;
          negative = true;
        } else if (last && x >= 'J' && x <= 'R') {
          digit = x - 'J' + 1;
          negative = true;
        } else {
          throw new BadFieldException("zoned decimal byte " + i + " is '" + (char) x + "', expected a digit"
              + (last ? " or an overpunched sign" : ""));
        }
      }
      v = v.multiply(BigInteger.TEN).add(BigInteger.valueOf(digit));
    }
    return new BigDecimal(negative ? v.negate() : v, scale);
  }

  private static BigDecimal decimal(FieldType t, Object value, String name) {
    BigDecimal d = ((BigDecimal) value).setScale(t.scale, java.math.RoundingMode.UNNECESSARY);
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
      int lo = i < t.length - 1 ? s.charAt(2 * i + 1) - '0' : (d.signum() < 0 ? 0xD : 0xC);
      b[at + i] = (byte) ((hi << 4) | lo);
    }
  }

  private static void writeZoned(byte[] b, int at, FieldType t, BigDecimal d) {
    String digits = d.unscaledValue().abs().toString();
    StringBuilder s = new StringBuilder();
    for (int i = digits.length(); i < t.length; i++) {
      s.append('0');
    }
    s.append(digits);
    boolean negative = d.signum() < 0;
    for (int i = 0; i < t.length; i++) {
      int digit = s.charAt(i) - '0';
      boolean last = i == t.length - 1;
      if (t.ebcdic) {
        int zone = last ? (negative ? 0xD : 0xC) : 0xF;
        b[at + i] = (byte) ((zone << 4) | digit);
      } else if (last && negative) {
        b[at + i] = (byte) (digit == 0 ? '}' : 'J' + digit - 1);
      } else {
        b[at + i] = (byte) ('0' + digit);
      }
    }
  }
}
