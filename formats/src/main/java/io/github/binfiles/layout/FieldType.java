package io.github.binfiles.layout;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.Objects;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The type of one field of a fixed-length record: how many bytes it takes, how they decode to a
 * Beam {@link Schema} field value, and how a value encodes back. Instances come from the static
 * factories; all validate their arguments.
 */
public final class FieldType implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What kind of field; the codec in {@link FieldCodec} switches on this, nothing else does. */
  public enum Kind {
    INT,
    UINT,
    FLOAT,
    TEXT,
    BYTES,
    PACKED_DECIMAL,
    ZONED_DECIMAL,
    BOOLEAN,
    FILLER
  }

  /** How text fields are trimmed when decoded. */
  public enum Trim {
    NONE,
    RIGHT,
    BOTH
  }

  final Kind kind;
  final int length;
  final boolean bigEndian;
  final int scale;
  final String charset;
  final Trim trim;
  /** For zoned decimals: EBCDIC zones (F/C/D) rather than ASCII digits with overpunch. */
  final boolean ebcdic;

  private FieldType(Kind kind, int length, boolean bigEndian, int scale, String charset, Trim trim) {
    this.kind = kind;
    this.length = length;
    this.bigEndian = bigEndian;
    this.scale = scale;
    this.charset = charset;
    this.trim = trim;
    this.ebcdic = charset != null && isEbcdic(charset);
  }

  /** A signed two's-complement integer of 1, 2, 4 or 8 bytes. */
  public static FieldType signed(int bytes, boolean bigEndian) {
    checkIntSize(bytes);
    return new FieldType(Kind.INT, bytes, bigEndian, 0, null, null);
  }

  /** An unsigned integer of 1, 2, 4 or 8 bytes (8 bytes decode to a DECIMAL, since they exceed int64). */
  public static FieldType unsigned(int bytes, boolean bigEndian) {
    checkIntSize(bytes);
    return new FieldType(Kind.UINT, bytes, bigEndian, 0, null, null);
  }

  /** An IEEE 754 float (4 bytes) or double (8 bytes). */
  public static FieldType ieee(int bytes, boolean bigEndian) {
    if (bytes != 4 && bytes != 8) {
      throw new IllegalArgumentException("IEEE floats are 4 or 8 bytes, not " + bytes);
    }
    return new FieldType(Kind.FLOAT, bytes, bigEndian, 0, null, null);
  }

  /**
   * Fixed-length text in a charset the JDK knows (US-ASCII, UTF-8, ISO-8859-1, IBM037, IBM1047, ...),
   * space-padded on encode.
   */
  public static FieldType text(int bytes, String charsetName, Trim trim) {
    checkLength(bytes);
    charset(charsetName); // fails now on an unknown charset
    return new FieldType(Kind.TEXT, bytes, false, 0, charsetName, Objects.requireNonNull(trim));
  }

  public static FieldType bytes(int bytes) {
    checkLength(bytes);
    return new FieldType(Kind.BYTES, bytes, false, 0, null, null);
  }

  /**
   * A packed decimal (COBOL COMP-3): two digits per byte, the last nibble the sign (C, A, E or F
   * positive; B or D negative), {@code scale} digits after the decimal point.
   */
  public static FieldType packedDecimal(int bytes, int scale) {
    checkLength(bytes);
    if (bytes > 16 || scale < 0 || scale > 2 * bytes - 1) {
      throw new IllegalArgumentException(
          "packed decimal of " + bytes + " bytes (at most 16) cannot have scale " + scale);
    }
    return new FieldType(Kind.PACKED_DECIMAL, bytes, true, scale, null, null);
  }

  /**
   * A zoned decimal (COBOL DISPLAY): one digit per byte, the sign overpunched on the last byte. In
   * EBCDIC ({@code IBM037}, {@code IBM1047}) the last zone is C (+), D (-) or F (unsigned); in
   * ASCII the last byte is a digit, or {@code {A..I} = +0..9} / {@code }J..R} = -0..9}.
   */
  public static FieldType zonedDecimal(int bytes, int scale, String charsetName) {
    checkLength(bytes);
    if (bytes > 31 || scale < 0 || scale > bytes) {
      throw new IllegalArgumentException(
          "zoned decimal of " + bytes + " bytes (at most 31) cannot have scale " + scale);
    }
    boolean ebcdic = isEbcdic(charsetName);
    if (!ebcdic && !charset(charsetName).name().equals("US-ASCII")
        && !charsetName.equalsIgnoreCase("ASCII")) {
      throw new IllegalArgumentException(
          "zoned decimals are EBCDIC (IBM037, IBM1047) or ASCII, not " + charsetName);
    }
    return new FieldType(Kind.ZONED_DECIMAL, bytes, false, scale, charsetName, null);
  }

  /** One byte: 0 is false, 1 is true, anything else is damage. */
  public static FieldType bool() {
    return new FieldType(Kind.BOOLEAN, 1, false, 0, null, null);
  }

  /** Bytes that are not a field; skipped on decode, zero-filled on encode. */
  public static FieldType filler(int bytes) {
    checkLength(bytes);
    return new FieldType(Kind.FILLER, bytes, false, 0, null, null);
  }

  /** The JDK charset of that name; an unknown one is an error that says what is expected. */
  static Charset charset(String name) {
    try {
      return Charset.forName(Objects.requireNonNull(name, "charset"));
    } catch (java.nio.charset.IllegalCharsetNameException | java.nio.charset.UnsupportedCharsetException e) {
      throw new IllegalArgumentException("unknown charset " + name
          + " (use a charset this JDK knows, e.g. US-ASCII, UTF-8, ISO-8859-1, IBM037, IBM1047)", e);
    }
  }

  static boolean isEbcdic(String charsetName) {
    String n = charsetName.toUpperCase(java.util.Locale.ROOT).replace("-", "");
    return n.equals("IBM037") || n.equals("IBM1047") || n.equals("CP037") || n.equals("CP1047");
  }

  private static void checkIntSize(int bytes) {
    if (bytes != 1 && bytes != 2 && bytes != 4 && bytes != 8) {
      throw new IllegalArgumentException("integers are 1, 2, 4 or 8 bytes, not " + bytes);
    }
  }

  private static void checkLength(int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("a field must be at least 1 byte, not " + bytes);
    }
  }

  public Kind kind() {
    return kind;
  }

  /** Bytes the field takes in the record. */
  public int length() {
    return length;
  }

  /** The Beam schema type of the decoded value; null for filler. */
  Schema.FieldType beamType() {
    switch (kind) {
      case INT:
        return length == 1 ? Schema.FieldType.BYTE : length == 2 ? Schema.FieldType.INT16
            : length == 4 ? Schema.FieldType.INT32 : Schema.FieldType.INT64;
      case UINT:
        return length == 1 ? Schema.FieldType.INT16 : length == 2 ? Schema.FieldType.INT32
            : length == 4 ? Schema.FieldType.INT64 : Schema.FieldType.DECIMAL;
      case FLOAT:
        return length == 4 ? Schema.FieldType.FLOAT : Schema.FieldType.DOUBLE;
      case TEXT:
        return Schema.FieldType.STRING;
      case BYTES:
        return Schema.FieldType.BYTES;
      case PACKED_DECIMAL:
      case ZONED_DECIMAL:
        return Schema.FieldType.DECIMAL;
      case BOOLEAN:
        return Schema.FieldType.BOOLEAN;
      default:
        return null;
    }
  }

  /**
   * Whether some byte values are not a valid value of this type (a packed decimal's nibbles, a zoned
   * decimal's zones, a boolean's byte). Only such fields can fail to decode, so only they become
   * nullable when a read nulls undecodable fields.
   */
  public boolean canRejectBytes() {
    return kind == Kind.PACKED_DECIMAL || kind == Kind.ZONED_DECIMAL || kind == Kind.BOOLEAN;
  }

  /** Largest magnitude a decimal field can hold, for encode checks. */
  BigDecimal maxDecimal() {
    int digits = kind == Kind.PACKED_DECIMAL ? 2 * length - 1 : length;
    return BigDecimal.TEN.pow(digits).subtract(BigDecimal.ONE).movePointLeft(scale);
  }

  @Override
  public String toString() {
    switch (kind) {
      case INT:
      case UINT:
      case FLOAT:
        return kind.name().toLowerCase(java.util.Locale.ROOT) + (length * 8) + (bigEndian ? " big-endian" : " little-endian");
      case TEXT:
        return "text(" + length + ", " + charset + ", trim " + trim + ")";
      case PACKED_DECIMAL:
      case ZONED_DECIMAL:
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + length + ", scale " + scale + ")";
      default:
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + length + ")";
    }
  }
}
