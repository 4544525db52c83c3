package io.github.binfiles.testing;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * An order-independent fingerprint of a multiset of records: the count and two sums of independent
 * 64-bit hashes. Equal multisets give equal fingerprints; a lost, repeated or changed record changes
 * the count or both sums (up to hash collisions at 2^-128).
 */
public final class Fingerprint implements Serializable {
  private static final long serialVersionUID = 1L;
  public long count;
  public long sum1;
  public long sum2;

  public void add(byte[] record) {
    count++;
    sum1 += hash(record, 0x9E3779B97F4A7C15L);
    sum2 += hash(record, 0xC2B2AE3D27D4EB4FL);
  }

  public void merge(Fingerprint other) {
    count += other.count;
    sum1 += other.sum1;
    sum2 += other.sum2;
  }

  public static Fingerprint of(Iterable<byte[]> records) {
    Fingerprint f = new Fingerprint();
    for (byte[] r : records) {
      f.add(r);
    }
    return f;
  }

  static long hash(byte[] b, long seed) {
    long h = seed ^ b.length;
    for (byte x : b) {
      h = (h ^ (x & 0xFF)) * 0x100000001B3L;
      h ^= h >>> 29;
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint
        && ((Fingerprint) o).count == count
        && ((Fingerprint) o).sum1 == sum1
        && ((Fingerprint) o).sum2 == sum2;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new long[] {count, sum1, sum2});
  }

  @Override
  public String toString() {
    return "Fingerprint{count=" + count + ", " + Long.toHexString(sum1) + ", " + Long.toHexString(sum2) + "}";
  }

  /** Combines a {@code PCollection<byte[]>} into its fingerprint. */
  public static Combine.Globally<byte[], Fingerprint> globally() {
    return Combine.globally(new Fn());
  }

  /** The combiner behind {@link #globally()}. */
  public static final class Fn extends Combine.CombineFn<byte[], Fingerprint, Fingerprint> {
    @Override
    public Fingerprint createAccumulator() {
      return new Fingerprint();
    }

    @Override
    public Fingerprint addInput(Fingerprint acc, byte[] input) {
      acc.add(input);
      return acc;
    }

    @Override
    public Fingerprint mergeAccumulators(Iterable<Fingerprint> accs) {
      Fingerprint out = new Fingerprint();
      for (Fingerprint a : accs) {
        out.merge(a);
      }
      return out;
    }

    @Override
    public Fingerprint extractOutput(Fingerprint acc) {
      return acc;
    }

    @Override
    public Coder<Fingerprint> getAccumulatorCoder(CoderRegistry registry, Coder<byte[]> in) {
      return SerializableCoder.of(Fingerprint.class);
    }

    @Override
    public Coder<Fingerprint> getDefaultOutputCoder(CoderRegistry registry, Coder<byte[]> in) {
      return SerializableCoder.of(Fingerprint.class);
    }
  }
}
