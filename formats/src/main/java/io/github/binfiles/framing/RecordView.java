package io.github.binfiles.framing;

import java.nio.ByteBuffer;

/**
 * The record a {@link UnitReader} stands on: its bytes as a slice of a buffer the reader owns, its
 * ordinal and where it is. Valid only until the reader moves; a consumer that keeps the bytes copies
 * them.
 */
public interface RecordView {
  /** 0-based ordinal of the record in its file. */
  long ordinal();

  /** The record's own offset in the file, or {@link Damage#UNKNOWN} (records inside compressed blocks). */
  long fileOffset();

  /** The offset an error about this record names: its own, or its block's. */
  long location();

  /**
   * One past the record's last byte in the file, its framing included, or {@link Damage#UNKNOWN};
   * with {@link #fileOffset()} the bytes a skipped record is reported as.
   */
  default long fileEnd() {
    return fileOffset() < 0 ? Damage.UNKNOWN : fileOffset() + length();
  }

  /** Whether the bytes are in a direct buffer ({@link #directBuffer()}), not an array. */
  boolean isDirect();

  /** The array holding the record, when not {@link #isDirect()}. */
  byte[] array();

  /** The direct buffer holding the record, when {@link #isDirect()}. */
  ByteBuffer directBuffer();

  /** Index of the record's first byte in {@link #array()} or {@link #directBuffer()}. */
  int index();

  int length();
}
