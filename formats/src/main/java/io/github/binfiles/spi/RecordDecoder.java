package io.github.binfiles.spi;

import java.io.Serializable;

/**
 * Turns one record's bytes into a value. The bytes are a view into the reader's buffer, valid only
 * for the duration of the call: a decoder that keeps them must copy. Decoders must be stateless or
 * at least safe to reuse across records, since one instance decodes every record of a split.
 *
 * <p>Decoding must not depend on where the record came from; use {@code withRecordIds()} on the read
 * transform to get each record's file and ordinal.
 */
@FunctionalInterface
public interface RecordDecoder<T> extends Serializable {
  /**
   * @param buffer the reader's buffer
   * @param offset index of the record's first byte in {@code buffer}
   * @param length the record's length in bytes
   */
  T decode(byte[] buffer, int offset, int length) throws Exception;

  /** The decoder that copies each record into its own {@code byte[]}. */
  static RecordDecoder<byte[]> bytes() {
    return ByteArrayDecoder.INSTANCE;
  }
}
