package io.github.binfiles.framing;

import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.report.SkippedRegion;

/**
 * Damage a framing found, as a value: the half-open byte range {@code [start, end)} that cannot be
 * read, the ordinals lost in it ({@code [firstLost, endLost)}, {@link #UNKNOWN} when the format
 * cannot tell), and why. Under the fail policy it becomes a {@link BinaryFileException} ({@link
 * #toException}); under skip, a {@link SkippedRegion} ({@link #toRegion}). Both conversions live
 * here so every reader reports the same damage the same way.
 *
 * @param errorOffset where a failing read points, normally {@code start}; a damaged file header
 *     reports the byte where its check failed while the region spans the whole file
 */
public record Damage(
    long start, long end, long firstLost, long endLost, String reason, long errorOffset) {
  public static final long UNKNOWN = SkippedRegion.UNKNOWN;

  public Damage {
    if (end < start) {
      throw new IllegalArgumentException("damage ends before it starts: [" + start + ", " + end + ")");
    }
  }

  /** Damage whose error points at its first byte. */
  public Damage(long start, long end, long firstLost, long endLost, String reason) {
    this(start, end, firstLost, endLost, reason, start);
  }

  /** This damage as a region of {@code file}, as reads under the skip policy report it. */
  public SkippedRegion toRegion(String file) {
    return new SkippedRegion(file, start, end, firstLost, endLost, reason);
  }

  /** The error a fail-policy read throws: the file, where, what, and the damaged byte range. */
  public BinaryFileException toException(String file) {
    return new BinaryFileException(
        file, errorOffset, reason + " (damaged bytes [" + start + ", " + end + "))");
  }
}
