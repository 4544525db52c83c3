package io.github.binfiles.report;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A byte range a reader dropped under {@link CorruptionPolicy#SKIP}: the file, the half-open range
 * {@code [startOffset, endOffset)}, the ordinals of the records lost in it when the format can tell
 * ({@code [firstLostOrdinal, endLostOrdinal)}, or -1 for unknown), and the reason.
 *
 * <p>Each damaged range is reported by exactly one reader: the one whose split contains {@code
 * startOffset}, the same rule that assigns records to splits.
 */
@DefaultCoder(SkippedRegionCoder.class)
public final class SkippedRegion implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final long UNKNOWN = -1;

  private final String file;
  private final long startOffset;
  private final long endOffset;
  private final long firstLostOrdinal;
  private final long endLostOrdinal;
  private final String reason;
  /** The bytes of a record its decoder rejected, at most {@link #MAX_BYTES}; empty otherwise. */
  private final byte[] bytes;
  /** The most bytes of a rejected record a region carries. */
  public static final int MAX_BYTES = 64 << 10;

  public SkippedRegion(
      String file,
      long startOffset,
      long endOffset,
      long firstLostOrdinal,
      long endLostOrdinal,
      String reason) {
    this(file, startOffset, endOffset, firstLostOrdinal, endLostOrdinal, reason, new byte[0]);
  }

  /** A region with the bytes of the record it lost ({@code bytes} is copied, at most {@link #MAX_BYTES}). */
  public SkippedRegion(
      String file,
      long startOffset,
      long endOffset,
      long firstLostOrdinal,
      long endLostOrdinal,
      String reason,
      byte[] bytes) {
    if (endOffset < startOffset) {
      throw new IllegalArgumentException(
          "skipped region ends before it starts: [" + startOffset + ", " + endOffset + ")");
    }
    this.file = Objects.requireNonNull(file, "file");
    this.startOffset = startOffset;
    this.endOffset = endOffset;
    this.firstLostOrdinal = firstLostOrdinal;
    this.endLostOrdinal = endLostOrdinal;
    this.reason = Objects.requireNonNull(reason, "reason");
    this.bytes = java.util.Arrays.copyOf(bytes, Math.min(bytes.length, MAX_BYTES));
  }

  /**
   * The bytes of the record a decoder rejected (the first {@link #MAX_BYTES} of them); empty for
   * damage, whose bytes are not a record.
   */
  public byte[] getBytes() {
    return bytes.clone();
  }

  public String getFile() {
    return file;
  }

  public long getStartOffset() {
    return startOffset;
  }

  public long getEndOffset() {
    return endOffset;
  }

  public long getLength() {
    return endOffset - startOffset;
  }

  /** Ordinal of the first lost record, or {@link #UNKNOWN}. */
  public long getFirstLostOrdinal() {
    return firstLostOrdinal;
  }

  /** One past the ordinal of the last lost record, or {@link #UNKNOWN}. */
  public long getEndLostOrdinal() {
    return endLostOrdinal;
  }

  /** Number of records lost, or {@link #UNKNOWN} when the format cannot tell. */
  public long getLostRecords() {
    return firstLostOrdinal < 0 || endLostOrdinal < 0 ? UNKNOWN : endLostOrdinal - firstLostOrdinal;
  }

  public String getReason() {
    return reason;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SkippedRegion)) {
      return false;
    }
    SkippedRegion that = (SkippedRegion) o;
    return startOffset == that.startOffset
        && endOffset == that.endOffset
        && firstLostOrdinal == that.firstLostOrdinal
        && endLostOrdinal == that.endLostOrdinal
        && file.equals(that.file)
        && reason.equals(that.reason)
        && java.util.Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, startOffset, endOffset, firstLostOrdinal, endLostOrdinal, reason);
  }

  @Override
  public String toString() {
    String lost =
        firstLostOrdinal < 0
            ? "lost records unknown"
            : endLostOrdinal < 0
                ? "lost records from " + firstLostOrdinal + " on (end unknown)"
                : "lost records [" + firstLostOrdinal + ", " + endLostOrdinal + ")";
    return file + " bytes [" + startOffset + ", " + endOffset + "): " + reason + "; " + lost;
  }
}
