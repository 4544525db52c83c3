package io.github.binfiles.container;

/**
 * A view of one intact data block: where it is, its ordinals, and its records as (buffer, offset,
 * length). Reused from block to block; valid until the cursor moves.
 */
public final class Block {
  long offset;
  long end;
  long firstOrdinal;
  int count;
  int framing;
  int recordLength;
  Codec codec;
  long storedSize;
  long rawSize;
  byte[] data;
  int dataStart;
  int[] starts = new int[0];
  int[] lengths = new int[0];

  /** Offset of the block's sync marker. */
  public long offset() {
    return offset;
  }

  /** Offset just past the block's payload. */
  public long end() {
    return end;
  }

  public long firstOrdinal() {
    return firstOrdinal;
  }

  public int recordCount() {
    return count;
  }

  public Codec codec() {
    return codec;
  }

  public long storedSize() {
    return storedSize;
  }

  public long rawSize() {
    return rawSize;
  }

  /** The array holding record bytes. */
  public byte[] data() {
    return data;
  }

  /** Index in {@link #data()} of record {@code i} (0-based within the block). */
  public int recordStart(int i) {
    return framing == ContainerFormat.FRAMING_FIXED ? dataStart + i * recordLength : starts[i];
  }

  public int recordLength(int i) {
    return framing == ContainerFormat.FRAMING_FIXED ? recordLength : lengths[i];
  }
}
