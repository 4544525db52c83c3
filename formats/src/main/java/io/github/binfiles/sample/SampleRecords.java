package io.github.binfiles.sample;

import io.github.binfiles.io.LittleEndian;
import java.nio.charset.StandardCharsets;

/**
 * The sample record of the CLI's {@code generate} and {@code demo} and of the benchmarks: an int64
 * id, two int32, a double and a 16-byte ASCII name (40 bytes, little-endian), padded with zeros to
 * the requested size, or cut to it when shorter. Deterministic: record {@code i} is always the same
 * bytes, so a reader can check what it got back.
 */
public final class SampleRecords {
  private SampleRecords() {}

  public static final int FIELDS_BYTES = 40;
  private static final byte[] NAME_PREFIX = "name-".getBytes(StandardCharsets.US_ASCII);

  /** Record {@code id} at {@code size} bytes, written into {@code out[offset, offset + size)}. */
  public static void write(long id, byte[] out, int offset, int size) {
    byte[] fields = new byte[FIELDS_BYTES];
    LittleEndian.putLong(fields, 0, id);
    LittleEndian.putInt(fields, 8, (int) (id * 31));
    LittleEndian.putInt(fields, 12, (int) (id ^ 0x5bd1e995));
    LittleEndian.putLong(fields, 16, Double.doubleToLongBits(id * 0.25));
    // "name-" and the id's last 11 decimal digits, zero-padded: 16 ASCII bytes.
    System.arraycopy(NAME_PREFIX, 0, fields, 24, NAME_PREFIX.length);
    long digits = Math.floorMod(id, 100_000_000_000L);
    for (int k = 39; k >= 29; k--) {
      fields[k] = (byte) ('0' + digits % 10);
      digits /= 10;
    }
    System.arraycopy(fields, 0, out, offset, Math.min(size, FIELDS_BYTES));
    for (int k = FIELDS_BYTES; k < size; k++) {
      out[offset + k] = (byte) (id + k);
    }
  }

  public static byte[] record(long id, int size) {
    byte[] r = new byte[size];
    write(id, r, 0, size);
    return r;
  }
}
