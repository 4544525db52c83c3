package io.github.binfiles.beam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;
import org.junit.Test;

/** A claim covers its span: no split lands inside it; with a span of 1, Beam's own tracker. */
public class ClaimSpanTrackerTest {
  @Test
  public void aSplitLandsPastTheSpanOfTheLastClaim() {
    ClaimSpanTracker t = new ClaimSpanTracker(new OffsetRange(0, 1000), 50);
    assertTrue(t.tryClaim(100L));
    SplitResult<OffsetRange> s = t.trySplit(0); // a checkpoint: Beam's tracker splits at 101
    assertEquals(new OffsetRange(0, 150), s.getPrimary());
    assertEquals(new OffsetRange(150, 1000), s.getResidual());
    assertEquals(new OffsetRange(0, 150), t.currentRestriction());
  }

  @Test
  public void aSplitPastTheSpanIsBeamsSplit() {
    ClaimSpanTracker t = new ClaimSpanTracker(new OffsetRange(0, 1000), 50);
    assertTrue(t.tryClaim(100L));
    // 100 + (1000 - 100) * 0.5 = 550, past the span: where Beam's tracker splits.
    assertEquals(new OffsetRange(550, 1000), t.trySplit(0.5).getResidual());
  }

  @Test
  public void aSpanReachingTheEndLeavesNothingToSplit() {
    ClaimSpanTracker t = new ClaimSpanTracker(new OffsetRange(0, 1000), 50);
    assertTrue(t.tryClaim(960L));
    assertNull(t.trySplit(0));
    assertNull(t.trySplit(0.5));
    assertFalse(t.tryClaim(1000L));
    t.checkDone();
  }

  @Test
  public void aSpanIsCutAtTheRangeEndItWasClaimedIn() {
    ClaimSpanTracker t = new ClaimSpanTracker(new OffsetRange(0, 1000), 50);
    assertTrue(t.tryClaim(100L));
    assertEquals(new OffsetRange(150, 1000), t.trySplit(0).getResidual());
    assertTrue(t.tryClaim(140L)); // covers [140, 150): the range ends at 150
    assertNull(t.trySplit(0));
    assertFalse(t.tryClaim(150L));
    t.checkDone();
  }

  @Test
  public void withASpanOfOneItSplitsAsBeamsTracker() {
    for (double fraction : new double[] {0, 0.1, 0.5, 0.99}) {
      for (long claim : new long[] {-1, 0, 7, 500, 998}) {
        ClaimSpanTracker ours = new ClaimSpanTracker(new OffsetRange(0, 1000), 1);
        OffsetRangeTracker beams = new OffsetRangeTracker(new OffsetRange(0, 1000));
        if (claim >= 0) {
          assertEquals(beams.tryClaim(claim), ours.tryClaim(claim));
        }
        SplitResult<OffsetRange> a = beams.trySplit(fraction);
        SplitResult<OffsetRange> b = ours.trySplit(fraction);
        assertEquals("claim " + claim + ", fraction " + fraction, String.valueOf(a), String.valueOf(b));
      }
    }
  }

  @Test
  public void aSpanIsAtLeastOneByte() {
    assertThrows(IllegalArgumentException.class, () -> new ClaimSpanTracker(new OffsetRange(0, 10), 0));
  }
}
