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

  /**
   * Encodes {@code value} at the end of {@code out} for a writer, or truncates {@code out} back to
   * {@code restoreTo} and throws: unchecked exceptions and IOExceptions as they are, other checked
   * ones as an IOException naming record {@code record} of {@code file}. Nothing of a failed value
   * is ever left in the writer's buffer, and nothing is allocated unless it fails.
   */
  static <T> void encodeOrRestore(RecordEncoder<T> encoder, T value, OutputBuffer out, int restoreTo,
      long record, String file) throws java.io.IOException {
    try {
      encoder.encode(value, out);
    } catch (IllegalArgumentException e) {
      // A value its encoder refuses (a layout field it does not fit): name the record and the output.
      out.truncate(restoreTo);
      throw new IllegalArgumentException("record " + record + " of " + file + ": " + e.getMessage(), e);
    } catch (java.io.IOException | RuntimeException e) {
      out.truncate(restoreTo);
      throw e;
    } catch (Exception e) {
      out.truncate(restoreTo);
      throw new java.io.IOException("encoder failed on record " + record + " of " + file, e);
    }
  }

  /** Writes each {@code byte[]} as it is. */
  static RecordEncoder<byte[]> bytes() {
    return ByteArrayEncoder.INSTANCE;
  }
}
