package io.github.binfiles.format;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one syntax of every size and count on the command line: a whole number, optionally signed,
 * optionally followed by {@code k}, {@code M}, {@code G} or {@code T} (powers of 1024) and {@code B}
 * or {@code iB}: {@code 100000}, {@code 256k}, {@code 64MB}, {@code 1GiB}, {@code -4}.
 */
public final class ByteCount {
  private static final Pattern SIZE = Pattern.compile("(?i)\\s*([+-]?\\d+)\\s*([kmgt]?)(i?b)?\\s*");

  private ByteCount() {}

  /**
   * @throws IllegalArgumentException with examples of the syntax when {@code text} is not one, or
   *     the number does not fit in a long
   */
  public static long parse(String text) {
    Matcher m = text == null ? null : SIZE.matcher(text);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a whole number or byte count (examples: 1000000,"
          + " 256k, 64MB, 1GiB)");
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    // "kmgt".indexOf("") is 0, not -1: a bare number has no unit (the bug that made --range-size
    // 100000 mean 100000 KiB).
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    int shift = unit.isEmpty() ? 0 : 10 * ("kmgt".indexOf(unit) + 1);
    if (shift > 0 && Math.abs(n) > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    return n << shift;
  }
}
