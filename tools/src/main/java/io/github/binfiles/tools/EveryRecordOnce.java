package io.github.binfiles.tools;

import io.github.binfiles.io.LittleEndian;
import io.github.binfiles.sample.SampleRecords;
import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Checks that sample records 0..n-1 came back exactly once and unaltered: a bitmap of ids seen,
 * plus counts of duplicates and of records whose bytes are not the sample record for their id.
 */
final class EveryRecordOnce extends Combine.CombineFn<byte[], EveryRecordOnce.Tally, EveryRecordOnce.Tally> {
  private final int recordSize;

  EveryRecordOnce(int recordSize) {
    this.recordSize = recordSize;
  }

  /** What was seen. */
  static final class Tally implements Serializable {
    private static final long serialVersionUID = 1L;
    BitSet seen = new BitSet();
    long records;
    long duplicates;
    long altered;

    boolean isExactly(long n) {
      return records == n && duplicates == 0 && altered == 0 && seen.cardinality() == n
          && (n == 0 || seen.nextSetBit((int) n) < 0);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Tally && ((Tally) o).seen.equals(seen) && ((Tally) o).records == records
          && ((Tally) o).duplicates == duplicates && ((Tally) o).altered == altered;
    }

    @Override
    public int hashCode() {
      return seen.hashCode() * 31 + Long.hashCode(records);
    }

    @Override
    public String toString() {
      return records + " records, " + seen.cardinality() + " distinct ids, " + duplicates
          + " duplicates, " + altered + " altered";
    }
  }

  @Override
  public Tally createAccumulator() {
    return new Tally();
  }

  @Override
  public Tally addInput(Tally t, byte[] record) {
    t.records++;
    long id = LittleEndian.getLong(record, 0);
    if (record.length != recordSize || id < 0 || id >= Integer.MAX_VALUE
        || !Arrays.equals(record, SampleRecords.record(id, recordSize))) {
      t.altered++;
      return t;
    }
    if (t.seen.get((int) id)) {
      t.duplicates++;
    }
    t.seen.set((int) id);
    return t;
  }

  @Override
  public Tally mergeAccumulators(Iterable<Tally> tallies) {
    Tally out = new Tally();
    for (Tally t : tallies) {
      BitSet both = (BitSet) out.seen.clone();
      both.and(t.seen);
      out.duplicates += t.duplicates + both.cardinality();
      out.seen.or(t.seen);
      out.records += t.records;
      out.altered += t.altered;
    }
    return out;
  }

  @Override
  public Tally extractOutput(Tally t) {
    return t;
  }

  @Override
  public Coder<Tally> getAccumulatorCoder(CoderRegistry registry, Coder<byte[]> inputCoder) {
    return SerializableCoder.of(Tally.class);
  }

  @Override
  public Coder<Tally> getDefaultOutputCoder(CoderRegistry registry, Coder<byte[]> inputCoder) {
    return SerializableCoder.of(Tally.class);
  }
}
