package io.github.binfiles.layout;

/**
 * IBM System/360 hexadecimal floating point (COBOL COMP-1, COMP-2 on z/OS): a sign bit, a 7-bit
 * exponent of 16 in excess-64, and a 24-bit (short) or 56-bit (long) fraction, value = fraction
 * x 16^(exponent - 64) with the fraction in [1/16, 1) when normalized.
 *
 * <p>Short to float is exact within float's range (24 bits hold any 6 hex digits; values beyond
 * float's range become infinity, as in Cobrix). Long to double rounds 56 bits to 53, nearest-even.
 * Encoding normalizes; a double fits the long form exactly, a float the short form to within its
 * hex rounding (up to 3 low bits, as on the mainframe). Values outside the IBM range fail.
 */
final class IbmFloat {
  private IbmFloat() {}

  static double toDouble(long bits) {
    long fraction = bits & 0x00FF_FFFF_FFFF_FFFFL;
    int exponent = (int) ((bits >>> 56) & 0x7F) - 64;
    double magnitude = Math.scalb((double) fraction, 4 * exponent - 56);
    return bits < 0 ? -magnitude : magnitude;
  }

  static float toFloat(long bits) {
    int b = (int) bits;
    int fraction = b & 0x00FF_FFFF;
    int exponent = ((b >>> 24) & 0x7F) - 64;
    double magnitude = Math.scalb((double) fraction, 4 * exponent - 24);
    return (float) (b < 0 ? -magnitude : magnitude);
  }

  static long fromDouble(double d, String name) {
    return encode(d, 56, name);
  }

  static long fromFloat(float f, String name) {
    return encode(f, 24, name);
  }

  /** The IBM bits of {@code d} with a {@code fractionBits}-bit fraction, rounded to nearest-even. */
  private static long encode(double d, int fractionBits, String name) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("field " + name + ": " + d + " has no IBM float form");
    }
    long sign = (Double.doubleToRawLongBits(d) < 0 ? 1L : 0L) << (fractionBits + 7);
    double a = Math.abs(d);
    if (a == 0) {
      return sign;
    }
    int exponent = Math.floorDiv(Math.getExponent(a), 4) + 1; // a / 16^exponent in [1/16, 1)
    long fraction = (long) Math.rint(Math.scalb(a, fractionBits - 4 * exponent));
    if (fraction == 1L << fractionBits) { // rounding carried into a new hex digit
      fraction >>>= 4;
      exponent++;
    }
    if (exponent + 64 < 0 || exponent + 64 > 127) {
      throw new IllegalArgumentException("field " + name + ": " + d + " is outside the IBM float range");
    }
    return sign | ((long) (exponent + 64) << fractionBits) | fraction;
  }
}
