package io.github.binfiles.variable;

import io.github.binfiles.layout.FieldType;
import io.github.binfiles.layout.FixedPlaceField;
import io.github.binfiles.layout.RecordLayout;
import java.io.Serializable;

/**
 * Where a record without an RDW keeps its own length (Cobrix's {@code record_length_field}): a field
 * of {@code width} bytes at {@code offset} in the record, holding the record's length in bytes (the
 * field included) minus the format's adjustment. Read as an unsigned number in {@link Encoding}.
 */
public record LengthField(int offset, int width, Encoding encoding) implements Serializable {
  /** How the field holds its number. */
  public enum Encoding {
    /** Unsigned binary, big-endian (COMP on z/OS), 1 to 4 bytes. */
    BINARY,
    /** Unsigned binary, little-endian (COMP-5 written on x86), 1 to 4 bytes. */
    BINARY_LITTLE_ENDIAN,
    /** Zoned decimal digits in EBCDIC (F0-F9; the last may carry a C or F sign zone), 1 to 9 bytes. */
    EBCDIC_DIGITS,
    /** ASCII digits, 1 to 9 bytes. */
    ASCII_DIGITS
  }

  public LengthField {
    if (offset < 0 || offset > 1 << 20) {
      throw new IllegalArgumentException("length field offset must be 0 to 1048576, was " + offset);
    }
    int max = encoding == Encoding.BINARY || encoding == Encoding.BINARY_LITTLE_ENDIAN ? 4 : 9;
    if (width < 1 || width > max) {
      throw new IllegalArgumentException("a " + encoding + " length field is 1 to " + max + " bytes, was " + width);
    }
  }

  /**
   * The length field a layout names (Cobrix's {@code record_length_field}): an elementary field
   * outside arrays and alternatives, by its name, its dotted path, or its COBOL name ({@code -} for
   * {@code _}), holding an unsigned whole number: binary of 1 to 4 bytes (COMP, COMP-5) or zoned
   * digits of 1 to 9 bytes in EBCDIC or ASCII, unsigned or with the sign in the last digit's zone.
   *
   * @throws IllegalArgumentException naming the field and what it is, if it cannot hold a length
   */
  public static LengthField named(RecordLayout layout, String name) {
    FixedPlaceField f = FixedPlaceField.named(layout, name, "the length field");
    FieldType t = f.type();
    String what = "the length field " + f.path() + " (" + t + ")";
    if (t.scale() != 0) {
      throw new IllegalArgumentException(what + " has decimal places; a length is a whole number");
    }
    switch (t.kind()) {
      case INT:
      case UINT:
      case BINARY_DECIMAL:
        if (t.length() > 4) {
          throw new IllegalArgumentException(what + " is wider than 4 bytes");
        }
        return new LengthField(f.offset(), t.length(), t.isBigEndian() ? Encoding.BINARY : Encoding.BINARY_LITTLE_ENDIAN);
      case ZONED_DECIMAL:
        if (t.sign() == FieldType.Sign.LEADING_SEPARATE || t.sign() == FieldType.Sign.TRAILING_SEPARATE
            || t.sign() == FieldType.Sign.LEADING) {
          throw new IllegalArgumentException(what + " keeps a sign before its digits or in a byte of its own;"
              + " give --length-field OFFSET:WIDTH:ENCODING for the digits");
        }
        boolean ascii = t.charset().equalsIgnoreCase("US-ASCII");
        return new LengthField(f.offset(), t.length(), ascii ? Encoding.ASCII_DIGITS : Encoding.EBCDIC_DIGITS);
      default:
        throw new IllegalArgumentException(what + " is not a binary or zoned number");
    }
  }

  /** The field's value at {@code b[i + offset ...]}, or -1 when its bytes are not a number of its encoding. */
  long value(byte[] b, int i) {
    int at = i + offset;
    long v = 0;
    switch (encoding) {
      case BINARY:
        for (int k = 0; k < width; k++) {
          v = v << 8 | (b[at + k] & 0xFF);
        }
        return v;
      case BINARY_LITTLE_ENDIAN:
        for (int k = width - 1; k >= 0; k--) {
          v = v << 8 | (b[at + k] & 0xFF);
        }
        return v;
      case EBCDIC_DIGITS:
        for (int k = 0; k < width; k++) {
          int x = b[at + k] & 0xFF;
          int zone = x >>> 4;
          int digit = x & 0x0F;
          boolean lastSign = k == width - 1 && (zone == 0xC || zone == 0xF);
          if (digit > 9 || (zone != 0xF && !lastSign)) {
            return -1;
          }
          v = v * 10 + digit;
        }
        return v;
      default:
        for (int k = 0; k < width; k++) {
          int x = b[at + k] & 0xFF;
          if (x < '0' || x > '9') {
            return -1;
          }
          v = v * 10 + (x - '0');
        }
        return v;
    }
  }

  @Override
  public String toString() {
    return width + "-byte " + encoding.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + " length at record byte " + offset;
  }
}
