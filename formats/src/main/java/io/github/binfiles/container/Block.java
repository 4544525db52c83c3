package io.github.binfiles.container;

import io.github.binfiles.codec.Codec;
import io.github.binfiles.framing.Damage;
import io.github.binfiles.framing.RecordBlock;
import io.github.binfiles.framing.RecordView;

/**
 * A view of one intact data block: where it is, its ordinals, and its records, reached in order
 * with {@link #nextRecord()} as (buffer, offset, length) slices of the raw payload. No per-record
 * arrays: memory is the raw payload only, whatever the record count. Reused from block to block;
 * valid until the cursor that produced it moves.
 */
public final class Block implements RecordBlock {
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
  /** Index of the current record within the block, -1 before the first. */
  private int index = -1;
  /** Where the next record's framing begins in {@link #data}. */
  private int next;
  private final RecordView view = new RecordView();

  /** Rewinds the record iteration; called by the cursor once the block is verified. */
  void resetRecords() {
    index = -1;
    next = dataStart;
  }

  /** Offset of the block's sync marker. */
  @Override
  public long offset() {
    return offset;
  }

  /** Offset just past the block's payload. */
  @Override
  public long end() {
    return end;
  }

  public long firstOrdinal() {
    return firstOrdinal;
  }

  @Override
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

  /**
   * Moves to the next record of the block; false after the last. The block was verified whole
   * before it was handed out (FORMAT.md section 4, rule 7), so the framing read here cannot fail.
   */
  @Override
  public boolean nextRecord() {
    if (index + 1 >= count) {
      return false;
    }
    index++;
    int start;
    int length;
    if (framing == ContainerFormat.FRAMING_FIXED) {
      start = next;
      length = recordLength;
    } else {
      int p = next;
      length = 0;
      int shift = 0;
      int x;
      do {
        x = data[p++];
        length |= (x & 0x7F) << shift;
        shift += 7;
      } while ((x & 0x80) != 0);
      start = p;
    }
    next = start + length;
    // Records sit inside (possibly compressed) blocks: no file offset of their own; errors name the block.
    view.onArray(data, start, length);
    view.at(firstOrdinal + index, Damage.UNKNOWN, Damage.UNKNOWN, offset);
    return true;
  }

  /** Index of the current record within the block (0-based). */
  @Override
  public int recordIndex() {
    return index;
  }

  @Override
  public RecordView record() {
    return view;
  }
}
