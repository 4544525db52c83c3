package io.github.binfiles.testing;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.beam.ReadItem;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.values.KV;

/**
 * The promise of a SKIP read, checked: every delivered record is byte-identical to the original with
 * its ordinal, no ordinal is delivered twice, no ordinal is reported lost twice or both lost and
 * delivered, and the missing ordinals are exactly the union of the reported lost ranges.
 */
public final class Exactness {
  private Exactness() {}

  /** What a read returned, split into records and regions. */
  public static final class Outcome {
    public final TreeSet<Long> delivered = new TreeSet<>();
    public final TreeSet<Long> lost = new TreeSet<>();
    public final List<SkippedRegion> regions = new ArrayList<>();
  }

  /** Checks items of a whole-file read (ordinals from {@code from} on) against {@code originals}. */
  public static Outcome check(
      List<ReadItem<KV<RecordId, byte[]>>> items, List<byte[]> originals, long from, String what) {
    Outcome o = new Outcome();
    for (ReadItem<KV<RecordId, byte[]>> item : items) {
      if (item.isRecord()) {
        addRecord(o, item.getRecord().getKey().getOrdinal(), item.getRecord().getValue(), originals, what);
      } else {
        addRegion(o, item.getSkipped(), originals.size(), what);
      }
    }
    assertComplete(o, originals.size(), from, what);
    return o;
  }

  public static void addRecord(Outcome o, long ordinal, byte[] bytes, List<byte[]> originals, String what) {
    assertTrue(what + ": invented ordinal " + ordinal, ordinal >= 0 && ordinal < originals.size());
    assertTrue(what + ": ordinal " + ordinal + " delivered twice", o.delivered.add(ordinal));
    assertArrayEquals(what + ": wrong bytes for record " + ordinal, originals.get((int) ordinal), bytes);
  }

  public static void addRegion(Outcome o, SkippedRegion r, int total, String what) {
    o.regions.add(r);
    assertTrue(what + ": lost ordinals unknown in " + r, r.getFirstLostOrdinal() >= 0);
    long end = r.getEndLostOrdinal() == SkippedRegion.UNKNOWN ? total : r.getEndLostOrdinal();
    assertTrue(what + ": lost range runs backwards in " + r, end >= r.getFirstLostOrdinal());
    for (long x = r.getFirstLostOrdinal(); x < Math.min(end, total); x++) {
      assertTrue(what + ": ordinal " + x + " reported lost twice (" + o.regions + ")", o.lost.add(x));
    }
  }

  /** Every ordinal in {@code [from, total)} was delivered or reported lost, never both. */
  public static void assertComplete(Outcome o, int total, long from, String what) {
    List<Long> unaccounted = new ArrayList<>();
    for (long x = from; x < total; x++) {
      boolean d = o.delivered.contains(x);
      boolean l = o.lost.contains(x);
      assertTrue(what + ": ordinal " + x + " both delivered and reported lost: " + o.regions, !(d && l));
      if (!d && !l) {
        unaccounted.add(x);
      }
    }
    assertEquals(what + ": missing ordinals not in any reported lost range " + o.regions,
        List.of(), unaccounted);
  }
}
