package io.github.binfiles.framing;

/**
 * An intact block of records a {@link UnitReader} delivers as one unit: its place in the file and
 * its records, reached in order with {@link #nextRecord()}. The block is the unit of ownership and
 * the split point, unless it is a run ({@link #recordsAreSplitPoints()}); its records are shown one
 * at a time by its {@link #record()} view.
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

  /**
   * Whether this is a run of records rather than a block: each record is then a split point at its
   * own offset ({@link RecordView#fileOffset()}, increasing; the first is the unit's claim offset),
   * owned by the range holding its first byte as a record unit would be. A reader delivers a run to
   * save a call per record; consumers claim its records one by one and stop at the first one past
   * their range, as they would at a record unit. False by default.
   */
  default boolean recordsAreSplitPoints() {
    return false;
  }
}
