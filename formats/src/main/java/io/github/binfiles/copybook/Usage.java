package io.github.binfiles.copybook;

/** How an elementary item is stored ({@code USAGE}), with the bytes it takes for a picture. */
public enum Usage {
  DISPLAY,
  /**
   * COMP, COMP-0, COMP-4, BINARY: big-endian two's complement sized by digits (IBM: 1-4 digits 2
   * bytes, 5-9 4 bytes, 10-18 8 bytes; beyond 18 digits see {@link Copybook.WideBinaries});
   * COMP-5 the same, native.
   */
  BINARY,
  /** COMP-3, PACKED-DECIMAL: two digits per byte, sign in the last nibble. */
  PACKED,
  /** COMP-1: a 4-byte float (IBM hexadecimal by default on the mainframe). */
  FLOAT4,
  /** COMP-2: an 8-byte float. */
  FLOAT8;

  /** The usage a copybook word names, or null if the word is not a usage. */
  static Usage of(String word) {
    switch (word.toUpperCase(java.util.Locale.ROOT)) {
      case "DISPLAY":
        return DISPLAY;
      case "COMP": case "COMPUTATIONAL": case "COMP-0": case "COMPUTATIONAL-0":
      case "COMP-4": case "COMPUTATIONAL-4": case "BINARY":
      case "COMP-5": case "COMPUTATIONAL-5":
        return BINARY;
      case "COMP-3": case "COMPUTATIONAL-3": case "PACKED-DECIMAL":
        return PACKED;
      case "COMP-1": case "COMPUTATIONAL-1":
        return FLOAT4;
      case "COMP-2": case "COMPUTATIONAL-2":
        return FLOAT8;
      default:
        return null;
    }
  }

  /** Bytes of one item of this usage with {@code picture} (null for COMP-1/COMP-2). */
  int bytes(Picture picture, boolean signSeparate, Copybook.WideBinaries wide) {
    switch (this) {
      case BINARY:
        int d = picture.digits();
        if (d > 18) {
          return wide.bytes(d);
        }
        return d <= 4 ? 2 : d <= 9 ? 4 : 8;
      case PACKED:
        return picture.digits() / 2 + 1;
      case FLOAT4:
        return 4;
      case FLOAT8:
        return 8;
      default:
        return picture.displayLength() + (signSeparate ? 1 : 0);
    }
  }
}
