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
    FILLER,
    /** A binary integer of 1-16 bytes with an implied decimal point (COBOL COMP with V, or beyond 18 digits). */
    BINARY_DECIMAL,
    /** An IBM System/360 hexadecimal float (COBOL COMP-1 and COMP-2 on the mainframe). */
    IBM_FLOAT,
    /**
     * A number as a numeric-edited picture prints it ({@code Z(5)9}, {@code 9(8).9(2)},
     * {@code +9(3).99}, {@code 9(4)V99-}, {@code $$,$$9.99CR}): characters in a charset, read and
     * written position by position.
     */
    EDITED_DECIMAL
  }

  /** Where a zoned decimal keeps its sign (COBOL {@code SIGN IS LEADING|TRAILING [SEPARATE]}). */
  public enum Sign {
    /** Overpunched on the last digit's zone: the default. */
    TRAILING,
    /** Overpunched on the first digit's zone. */
    LEADING,
    /** A '+' or '-' byte after the digits. */
    TRAILING_SEPARATE,
    /** A '+' or '-' byte before the digits. */
    LEADING_SEPARATE
  }

  /**
   * How text fields are trimmed when decoded: {@code RIGHT} and {@code LEFT} strip spaces and NULs
   * (low-values) at one end, {@code BOTH} also other whitespace at both ends.
   */
  public enum Trim {
    NONE,
    RIGHT,
    BOTH,
    LEFT
  }

  final Kind kind;
  final int length;
  final boolean bigEndian;
  final int scale;
  final String charset;
  final Trim trim;
  /** For zoned decimals: EBCDIC zones (F/C/D) rather than ASCII digits with overpunch. */
  final boolean ebcdic;
  /** For binary decimals: two's complement (else unsigned). */
  final boolean signed;
  /** For zoned decimals: where the sign is. */
  final Sign sign;
  /** A field whose bytes are all 0x00 (low-values) decodes to null. */
  final boolean lowValuesAsNull;
  /** Text: control characters (U+0000-U+001F, U+007F-U+009F) decode to spaces, before trimming. */
  final boolean controlCharsAsSpaces;
  /** For edited decimals: the COBOL picture; else null. */
  final String picture;
  /** For zoned and edited decimals: a field of all spaces is zero, and zero is written as spaces. */
  final boolean blankWhenZero;
  private transient EditedPicture edited;

  private FieldType(Kind kind, int length, boolean bigEndian, int scale, String charset, Trim trim) {
    this(kind, length, bigEndian, scale, charset, trim, true, Sign.TRAILING, false, false);
  }

  private FieldType(Kind kind, int length, boolean bigEndian, int scale, String charset, Trim trim,
      boolean signed, Sign sign, boolean lowValuesAsNull, boolean controlCharsAsSpaces) {
    this(kind, length, bigEndian, scale, charset, trim, signed, sign, lowValuesAsNull, controlCharsAsSpaces, null);
  }

  private FieldType(Kind kind, int length, boolean bigEndian, int scale, String charset, Trim trim,
      boolean signed, Sign sign, boolean lowValuesAsNull, boolean controlCharsAsSpaces, String picture) {
    this.picture = picture;
    this.blankWhenZero = false;
    this.kind = kind;
    this.length = length;
    this.bigEndian = bigEndian;
    this.scale = scale;
    this.charset = charset;
    this.trim = trim;
    this.ebcdic = charset != null && isEbcdic(charset);
    this.signed = signed;
    this.sign = sign;
    this.lowValuesAsNull = lowValuesAsNull;
    this.controlCharsAsSpaces = controlCharsAsSpaces;
  }

  /**
   * The same type, but a field of all 0x00 bytes (COBOL low-values, often an unset field) decodes to
   * null instead of a value (or a decoding error), and null encodes back to 0x00 bytes.
   */
  public FieldType withLowValuesAsNull() {
    if (kind == Kind.FILLER) {
      return this;
    }
    return new FieldType(kind, length, bigEndian, scale, charset, trim, signed, sign, true, controlCharsAsSpaces, picture);
  }

  /**
   * For text: control characters (C0 U+0000-U+001F, DEL and C1 U+007F-U+009F: IBM037 maps EBCDIC
   * control bytes such as 0x8D and 0x8E to the C1 range) decode to spaces before trimming, as many
   * mainframe tools (and Cobrix) do. Lossy: such bytes are written back as spaces.
   */
  public FieldType withControlCharsAsSpaces() {
    if (kind != Kind.TEXT) {
      throw new IllegalArgumentException("only text fields map control characters, not " + this);
    }
    return new FieldType(kind, length, bigEndian, scale, charset, trim, signed, sign, lowValuesAsNull, true);
  }

  /**
   * A binary integer of 1-16 bytes with {@code scale} implied decimal places (negative: the value
   * is multiplied by ten that many times, COBOL's {@code P}), decoded to a DECIMAL: COBOL {@code
   * PIC S9(7)V99 COMP}, or any binary beyond 8 bytes.
   */
  public static FieldType binaryDecimal(int bytes, boolean signed, int scale, boolean bigEndian) {
    if (bytes < 1 || bytes > 16) {
      throw new IllegalArgumentException("binary decimals are 1 to 16 bytes, not " + bytes);
    }
    checkScale(scale);
    return new FieldType(Kind.BINARY_DECIMAL, bytes, bigEndian, scale, null, null, signed, Sign.TRAILING, false, false);
  }

  /**
   * An IBM hexadecimal float of 4 bytes (FLOAT out) or 8 bytes (DOUBLE out): sign bit, 7-bit
   * excess-64 base-16 exponent, 24- or 56-bit fraction. Decoding to IEEE rounds the long form's
   * 56-bit fraction to 53 bits; encoding is exact for every value the IEEE type holds in range.
   */
  public static FieldType ibmFloat(int bytes) {
    if (bytes != 4 && bytes != 8) {
      throw new IllegalArgumentException("IBM floats are 4 or 8 bytes, not " + bytes);
    }
    return new FieldType(Kind.IBM_FLOAT, bytes, true, 0, null, null);
  }

  /**
   * A zoned decimal with its sign where {@code sign} says; {@code SEPARATE} signs take one of the
   * {@code bytes}. Otherwise as {@link #zonedDecimal(int, int, String)}; {@code scale} may be
   * negative (P scaling).
   */
  public static FieldType zonedDecimal(int bytes, int scale, String charsetName, Sign sign) {
    return zonedDecimal(bytes, scale, charsetName, sign, true);
  }

  /**
   * As {@link #zonedDecimal(int, int, String, Sign)}; an unsigned one ({@code PIC 9} without S) is
   * written with the unsigned zone F and cannot hold negative values.
   */
  public static FieldType zonedDecimal(int bytes, int scale, String charsetName, Sign sign, boolean signed) {
    FieldType t = zonedDecimal(bytes, 0, charsetName);
    int digits = sign == Sign.TRAILING_SEPARATE || sign == Sign.LEADING_SEPARATE ? bytes - 1 : bytes;
    if (digits < 1) {
      throw new IllegalArgumentException("a zoned decimal with a separate sign needs at least 2 bytes");
    }
    checkScale(scale);
    return new FieldType(t.kind, bytes, false, scale, charsetName, null, signed, Objects.requireNonNull(sign), false, false);
  }

  /** A packed decimal as {@link #packedDecimal(int, int)}, but {@code scale} may be negative or exceed the digits (P scaling). */
  public static FieldType packedDecimalScaled(int bytes, int scale) {
    return packedDecimalScaled(bytes, scale, true);
  }

  /** As {@link #packedDecimalScaled(int, int)}; an unsigned one is written with sign nibble F and cannot hold negative values. */
  public static FieldType packedDecimalScaled(int bytes, int scale, boolean signed) {
    FieldType t = packedDecimal(bytes, 0);
    checkScale(scale);
    return new FieldType(t.kind, bytes, true, scale, null, null, signed, Sign.TRAILING, false, false);
  }

  private static void checkScale(int scale) {
    if (scale < -38 || scale > 38) {
      throw new IllegalArgumentException("decimal scale " + scale + " is outside -38 to 38");
    }
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
    if (bytes > 20 || scale < 0 || scale > 2 * bytes - 1) {
      throw new IllegalArgumentException(
          "packed decimal of " + bytes + " bytes (at most 20: 39 digits) cannot have scale " + scale);
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
    if (bytes > 39 || scale < 0 || scale > bytes) {
      throw new IllegalArgumentException(
          "zoned decimal of " + bytes + " bytes (at most 39: 38 digits and a separate sign) cannot have scale " + scale);
    }
    boolean ebcdic = isEbcdic(charsetName);
    if (!ebcdic && !charset(charsetName).name().equals("US-ASCII")
        && !charsetName.equalsIgnoreCase("ASCII")) {
      throw new IllegalArgumentException(
          "zoned decimals are EBCDIC (IBM037, IBM1047) or ASCII, not " + charsetName);
    }
    return new FieldType(Kind.ZONED_DECIMAL, bytes, false, scale, charsetName, null);
  }

  /**
   * A number printed as a COBOL numeric-edited picture prints it, one character per byte in a
   * single-byte charset (an EBCDIC code page, or US-ASCII), decoded to a DECIMAL of the picture's
   * scale: {@code PIC Z(5)9}, {@code 9(8).9(2)}, {@code -9(5)}, {@code +9(3).99}, {@code 9(4)V99-},
   * {@code 999.99CR}, {@code $$,$$9.99}, {@code ***9.99}. See {@code EditedPicture} for the symbols
   * read; a position holding what the picture cannot put there is damage.
   *
   * @throws IllegalArgumentException if the picture is not numeric-edited or uses what is not read
   *     ({@code P}, currency signs other than {@code $})
   */
  public static FieldType editedDecimal(String picture, String charsetName) {
    EditedPicture e = EditedPicture.parseOrNull(picture);
    if (e == null) {
      throw new IllegalArgumentException("PIC " + picture + " is not a numeric-edited picture binfiles reads"
          + " (9 Z * . , + - CR DB $ B 0 / V; at most 38 digits)");
    }
    if (charset(charsetName).newEncoder().maxBytesPerChar() != 1.0f) {
      throw new IllegalArgumentException("edited numbers are in a single-byte charset, not " + charsetName);
    }
    return new FieldType(Kind.EDITED_DECIMAL, e.length(), false, e.scale(), charsetName, null, true, Sign.TRAILING,
        false, false, picture);
  }

  private FieldType(FieldType t, boolean blankWhenZero) {
    this.kind = t.kind;
    this.length = t.length;
    this.bigEndian = t.bigEndian;
    this.scale = t.scale;
    this.charset = t.charset;
    this.trim = t.trim;
    this.ebcdic = t.ebcdic;
    this.signed = t.signed;
    this.sign = t.sign;
    this.lowValuesAsNull = t.lowValuesAsNull;
    this.controlCharsAsSpaces = t.controlCharsAsSpaces;
    this.picture = t.picture;
    this.blankWhenZero = blankWhenZero;
  }

  /**
   * COBOL {@code BLANK WHEN ZERO}, for zoned and edited decimals: a field of all spaces decodes to
   * zero, and zero is written as spaces.
   */
  public FieldType withBlankWhenZero() {
    if (kind != Kind.ZONED_DECIMAL && kind != Kind.EDITED_DECIMAL) {
      throw new IllegalArgumentException("BLANK WHEN ZERO is for DISPLAY numbers, not " + this);
    }
    return new FieldType(this, true);
  }

  /** The compiled picture of an edited decimal. */
  EditedPicture edited() {
    if (edited == null) {
      edited = EditedPicture.parseOrNull(picture);
    }
    return edited;
  }

  /** For edited decimals: the COBOL picture; else null. */
  public String picture() {
    return picture;
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

  /**
   * The charset of that name: a JDK charset, or one of Cobrix's EBCDIC tables ({@code
   * cobrix-common}, {@code cobrix-cp037}); an unknown one is an error that says what is expected.
   */
  static Charset charset(String name) {
    Charset cobrix = CobrixCodePage.named(Objects.requireNonNull(name, "charset"));
    if (cobrix != null) {
      return cobrix;
    }
    try {
      return Charset.forName(name);
    } catch (java.nio.charset.IllegalCharsetNameException | java.nio.charset.UnsupportedCharsetException e) {
      throw new IllegalArgumentException("unknown charset " + name
          + " (use a charset this JDK knows, e.g. US-ASCII, UTF-8, ISO-8859-1, IBM037, IBM1047; or Cobrix's"
          + " tables cobrix-common, cobrix-cp037)", e);
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

  /** For binary numbers and IEEE floats: whether the most significant byte comes first. */
  public boolean isBigEndian() {
    return bigEndian;
  }

  /** For text and zoned decimals: the charset's name; else null. */
  public String charset() {
    return charset;
  }

  /** For decimals: the digits right of the (implied) decimal point. */
  public int scale() {
    return scale;
  }

  /** For zoned decimals: where the sign is kept. */
  public Sign sign() {
    return sign;
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
      case BINARY_DECIMAL:
      case EDITED_DECIMAL:
        return Schema.FieldType.DECIMAL;
      case IBM_FLOAT:
        return length == 4 ? Schema.FieldType.FLOAT : Schema.FieldType.DOUBLE;
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
    return kind == Kind.PACKED_DECIMAL || kind == Kind.ZONED_DECIMAL || kind == Kind.BOOLEAN
        || kind == Kind.EDITED_DECIMAL;
  }

  /** Whether decoded values can be null: low-values fields. */
  boolean nullable() {
    return lowValuesAsNull;
  }

  /** Digits a decimal field holds. */
  int digits() {
    switch (kind) {
      case PACKED_DECIMAL:
        return 2 * length - 1;
      case ZONED_DECIMAL:
        return sign == Sign.TRAILING_SEPARATE || sign == Sign.LEADING_SEPARATE ? length - 1 : length;
      case EDITED_DECIMAL:
        return edited().digits();
      default:
        return 0;
    }
  }

  /** Largest magnitude a decimal field can hold, for encode checks. */
  BigDecimal maxDecimal() {
    return BigDecimal.TEN.pow(digits()).subtract(BigDecimal.ONE).movePointLeft(scale);
  }

  @Override
  public String toString() {
    switch (kind) {
      case INT:
      case UINT:
      case FLOAT:
        return kind.name().toLowerCase(java.util.Locale.ROOT) + (length * 8) + (bigEndian ? " big-endian" : " little-endian");
      case TEXT:
        return "text(" + length + ", " + charset + ", trim " + trim + (controlCharsAsSpaces ? ", control as spaces" : "") + ")";
      case PACKED_DECIMAL:
        return "packed_decimal(" + length + ", scale " + scale + ")" + (lowValuesAsNull ? " low-values null" : "");
      case ZONED_DECIMAL:
        return "zoned_decimal(" + length + ", scale " + scale + (sign == Sign.TRAILING ? "" : ", sign " + sign) + ")"
            + (lowValuesAsNull ? " low-values null" : "") + (blankWhenZero ? " blank when zero" : "");
      case BINARY_DECIMAL:
        return (signed ? "binary" : "unsigned binary") + "(" + length + ", scale " + scale + ")"
            + (bigEndian ? "" : " little-endian");
      case IBM_FLOAT:
        return "ibm-float" + (length * 8);
      case EDITED_DECIMAL:
        return "edited(PIC " + picture + ", " + charset + ")" + (lowValuesAsNull ? " low-values null" : "")
            + (blankWhenZero ? " blank when zero" : "");
      default:
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + length + ")";
    }
  }
}
