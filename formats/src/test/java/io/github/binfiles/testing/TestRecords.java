package io.github.binfiles.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Deterministic test records and fixed-record files made of them. */
public final class TestRecords {
  private TestRecords() {}

  /** Record {@code i} of length {@code length}: bytes that differ between records and positions. */
  public static byte[] record(long i, int length) {
    byte[] r = new byte[length];
    long x = i * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    for (int j = 0; j < length; j++) {
      x ^= x >>> 29;
      x *= 0xBF58476D1CE4E5B9L;
      r[j] = (byte) (x >>> 56);
    }
    if (length >= 8) {
      // Make every record unique even for short lengths, and self-describing.
      for (int j = 0; j < 8; j++) {
        r[j] = (byte) (i >>> (56 - 8 * j));
      }
    }
    return r;
  }

  public static List<byte[]> records(long count, int length) {
    List<byte[]> out = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      out.add(record(i, length));
    }
    return out;
  }

  /** Writes header ('H' bytes), {@code count} records, a partial record, then trailer ('T'). */
  public static Path writeFixed(
      Path file, int length, long count, int headerBytes, int trailerBytes, int partialBytes)
      throws IOException {
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
      byte[] header = new byte[headerBytes];
      Arrays.fill(header, (byte) 'H');
      out.write(header);
      for (long i = 0; i < count; i++) {
        out.write(record(i, length));
      }
      out.write(Arrays.copyOf(record(count, length), partialBytes));
      byte[] trailer = new byte[trailerBytes];
      Arrays.fill(trailer, (byte) 'T');
      out.write(trailer);
    }
    return file;
  }
}
