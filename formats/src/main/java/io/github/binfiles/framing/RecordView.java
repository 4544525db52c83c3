package io.github.binfiles.framing;

import java.nio.ByteBuffer;

/**
 * The record a {@link UnitReader} (or a {@link RecordBlock}) stands on: its bytes as a slice of a
 * buffer the reader owns, its ordinal and where it is. Valid only until the reader moves; a
 * consumer that keeps the bytes copies them.
 *
 * <p>A final class, not an interface, on purpose: every format's reader fills the same object, so
 * the per-record accessors the Beam adapter calls stay monomorphic (and inlined) when several
 * formats are read in one JVM. Each reader owns one view and sets it as it moves ({@link #onArray},
 * {@link #onDirect}, {@link #at}); consumers only read it.
 */
public final class RecordView {
  private long ordinal = Damage.UNKNOWN;
  private long fileOffset = Damage.UNKNOWN;
  private long location;
  private long fileEnd = Damage.UNKNOWN;
  private byte[] array;
  private ByteBuffer directBuffer;
  private int index;
  private int length;

  /** For readers: the record is {@code length} bytes of {@code array} from {@code index}. */
  public void onArray(byte[] array, int index, int length) {
    this.array = array;
    this.directBuffer = null;
    this.index = index;
    this.length = length;
  }

  /** For readers: the record is {@code length} bytes of the direct {@code buffer} from {@code index}. */
  public void onDirect(ByteBuffer buffer, int index, int length) {
    this.array = null;
    this.directBuffer = buffer;
    this.index = index;
    this.length = length;
  }

  /**
   * For readers: where the record is. {@code fileOffset} and {@code fileEnd} may be {@link
   * Damage#UNKNOWN} (records inside compressed blocks), and {@code ordinal} too (formats that
   * number nothing).
   */
  public void at(long ordinal, long fileOffset, long fileEnd, long location) {
    this.ordinal = ordinal;
    this.fileOffset = fileOffset;
    this.fileEnd = fileEnd;
    this.location = location;
  }

  /** 0-based ordinal of the record in its file, or {@link Damage#UNKNOWN}. */
  public long ordinal() {
    return ordinal;
  }

  /** The record's own offset in the file, or {@link Damage#UNKNOWN} (records inside compressed blocks). */
  public long fileOffset() {
    return fileOffset;
  }

  /** The offset an error about this record names: its own, or its block's. */
  public long location() {
    return location;
  }

  /**
   * One past the record's last byte in the file, its framing included, or {@link Damage#UNKNOWN};
   * with {@link #fileOffset()} the bytes a skipped record is reported as.
   */
  public long fileEnd() {
    return fileEnd;
  }

  /** Whether the bytes are in a direct buffer ({@link #directBuffer()}), not an array. */
  public boolean isDirect() {
    return directBuffer != null;
  }

  /** The array holding the record, when not {@link #isDirect()}. */
  public byte[] array() {
    if (array == null) {
      throw new IllegalStateException("the record is in a direct buffer: see directBuffer()");
    }
    return array;
  }

  /** The direct buffer holding the record, when {@link #isDirect()}. */
  public ByteBuffer directBuffer() {
    if (directBuffer == null) {
      throw new IllegalStateException("the record is in an array: see array()");
    }
    return directBuffer;
  }

  /** Index of the record's first byte in {@link #array()} or {@link #directBuffer()}. */
  public int index() {
    return index;
  }

  public int length() {
    return length;
  }
}
