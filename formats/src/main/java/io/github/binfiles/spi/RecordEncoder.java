package io.github.binfiles.spi;

import io.github.binfiles.io.OutputBuffer;
import java.io.Serializable;

/**
 * Appends one value's bytes to the writer's buffer. The writer checks what was appended: a
 * fixed-record writer fails unless it is exactly one record length. Encoders must be reusable
 * across values.
 */
@FunctionalInterface
public interface RecordEncoder<T> extends Serializable {
  void encode(T value, OutputBuffer out) throws Exception;

  /** Writes each {@code byte[]} as it is. */
  static RecordEncoder<byte[]> bytes() {
    return ByteArrayEncoder.INSTANCE;
  }
}
