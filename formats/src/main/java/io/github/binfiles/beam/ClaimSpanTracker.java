package io.github.binfiles.beam;

import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;

/**
 * An {@link OffsetRangeTracker} whose successful claim of offset {@code i} covers {@code [i, i +
 * span)}: a split never lands below {@code i + span} (nor below the range end the claim was made
 * in), so the reader may deliver every unit that starts in that span without claiming each. {@link
 * SplittableReadFn} claims a split point only when it lies past the span of its last claim: one
 * claim (the SDK harness's lock and a boxed offset) per {@code span} bytes of fixed records instead
 * of one per record. With a span of 1 it is an {@code OffsetRangeTracker}.
 *
 * <p>Guarantee: after {@code tryClaim(i)} returns true, every offset in {@code [i, min(i + span,
 * end at the claim))} stays in the primary restriction, whatever splits follow.
 */
public final class ClaimSpanTracker extends OffsetRangeTracker {
  private final long span;
  /** One past the last offset covered by the last successful claim; splits land at or after it. */
  private long coveredEnd = Long.MIN_VALUE;

  /** @param span bytes a claim covers, at least 1 */
  public ClaimSpanTracker(OffsetRange range, long span) {
    super(range);
    if (span < 1) {
      throw new IllegalArgumentException("a claim must cover at least 1 byte, was " + span);
    }
    this.span = span;
  }

  /** The bytes a claim covers. */
  public long span() {
    return span;
  }

  @Override
  public boolean tryClaim(Long i) {
    if (!super.tryClaim(i)) {
      return false;
    }
    coveredEnd = Math.min(range.getTo(), i > Long.MAX_VALUE - span ? Long.MAX_VALUE : i + span);
    return true;
  }

  /**
   * As {@link OffsetRangeTracker#trySplit}, except that the split position is at least the end of
   * the last claim's span: null when that leaves nothing to split off.
   */
  @Override
  public SplitResult<OffsetRange> trySplit(double fractionOfRemainder) {
    OffsetRange before = range;
    SplitResult<OffsetRange> split = super.trySplit(fractionOfRemainder);
    if (split == null || split.getResidual().getFrom() >= coveredEnd) {
      return split;
    }
    // Beam's position lies inside the last claim's span: split at the span's end, or not at all.
    if (coveredEnd >= before.getTo()) {
      range = before;
      return null;
    }
    range = new OffsetRange(before.getFrom(), coveredEnd);
    return SplitResult.of(range, new OffsetRange(coveredEnd, before.getTo()));
  }
}
