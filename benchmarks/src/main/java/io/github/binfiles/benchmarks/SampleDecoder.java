package io.github.binfiles.benchmarks;

import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.io.LittleEndian;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;

/** Decodes the 64-byte sample record into a user type, straight from the reader's buffer. */
final class SampleDecoder implements RecordDecoder<SampleDecoder.Sample> {
  static final Coder<Sample> CODER = SerializableCoder.of(Sample.class);

  /** The user type. */
  static final class Sample implements Serializable {
    final long id;
    final int a;
    final int b;
    final double value;
    final String name;

    Sample(long id, int a, int b, double value, String name) {
      this.id = id;
      this.a = a;
      this.b = b;
      this.value = value;
      this.name = name;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id) ^ a ^ b;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sample && ((Sample) o).id == id;
    }
  }

  @Override
  public Sample decode(byte[] buf, int off, int len) {
    return new Sample(
        LittleEndian.getLong(buf, off),
        LittleEndian.getInt(buf, off + 8),
        LittleEndian.getInt(buf, off + 12),
        Double.longBitsToDouble(LittleEndian.getLong(buf, off + 16)),
        new String(buf, off + 24, 16, StandardCharsets.ISO_8859_1));
  }
}
