package io.github.binfiles.framing;

/**
 * An intact block of records a {@link UnitReader} delivers as one unit: its place in the file and
 * its records, reached in order with {@link #nextRecord()}. The block is the unit of ownership and
 * the split point; its records are shown one at a time by its {@link #record()} view.
 */
public interface RecordBlock {
  /** Offset of the block's first byte: the offset that decides which range owns it. */
  long offset();

  /** Offset just past the block. */
  long end();

  int recordCount();

  /** Moves to the block's next record; false after the last. */
  boolean nextRecord();

  /** Index of the current record within the block, 0-based. */
  int recordIndex();

  /** The current record (after {@link #nextRecord()} returned true): the same view, moved. */
  RecordView record();
}
