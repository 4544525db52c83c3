package io.github.binfiles.testing;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.SkippedRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.beam.sdk.values.KV;

/**
 * {@link Exactness} for formats that number nothing (TFRecord): records are known by their byte
 * offsets. Every delivered record is an original at its original offset, byte for byte, none twice;
 * every original not delivered starts inside a reported region (a region that reaches the end of the
 * damaged file loses everything after its start); none is both.
 */
public final class OffsetExactness {
  private OffsetExactness() {}

  /**
   * @param originals the intact file's records by offset
   * @param fileSize the size of the (damaged) file read
   */
  public static Exactness.Outcome check(List<ReadItem<KV<RecordId, byte[]>>> items,
      Map<Long, byte[]> originals, long fileSize, String what) {
    Exactness.Outcome o = new Exactness.Outcome();
    for (ReadItem<KV<RecordId, byte[]>> item : items) {
      if (item.isRecord()) {
        long at = item.getRecord().getKey().getOffset();
        assertTrue(what + ": invented record at offset " + at, originals.containsKey(at));
        assertTrue(what + ": record at offset " + at + " delivered twice", o.delivered.add(at));
        assertArrayEquals(what + ": wrong bytes for the record at " + at, originals.get(at),
            item.getRecord().getValue());
      } else {
        SkippedRegion r = item.getSkipped();
        o.regions.add(r);
        long end = r.getEndOffset() >= fileSize ? Long.MAX_VALUE : r.getEndOffset();
        for (long at : originals.keySet()) {
          if (at >= r.getStartOffset() && at < end) {
            assertTrue(what + ": record at " + at + " reported lost twice (" + o.regions + ")", o.lost.add(at));
          }
        }
      }
    }
    List<Long> unaccounted = new ArrayList<>();
    for (long at : new TreeSet<>(originals.keySet())) {
      boolean d = o.delivered.contains(at);
      boolean l = o.lost.contains(at);
      assertTrue(what + ": record at " + at + " both delivered and reported lost: " + o.regions, !(d && l));
      if (!d && !l) {
        unaccounted.add(at);
      }
    }
    assertEquals(what + ": missing records not in any reported region " + o.regions, List.of(), unaccounted);
    return o;
  }
}
