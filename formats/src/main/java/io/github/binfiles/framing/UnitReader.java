package io.github.binfiles.framing;

import java.io.IOException;

/**
 * The units one range of one file owns, in file order: records, blocks of records, and damage as
 * values. Made by {@link Framing#open}; knows nothing of Beam or of output types. The caller (the
 * Beam adapter, or {@link RecordReader}) decides what damage does (fail or skip) and turns records
 * into elements.
 *
 * <p>Every unit reported has a {@link #claimOffset()}: the offset at which the range that owns it
 * claims it. Claim offsets never decrease. A unit whose claim offset lies at or past the range's
 * end is not the range's: the caller stops there. A record is a split point claimed at its own
 * first byte, {@code record().fileOffset()}, which is also its claim offset: callers on the
 * per-record path read it from the view (one class, so the call inlines whatever readers share the
 * JVM) rather than from this interface. Records that are not split points come in blocks: the
 * records of a block after its first, and, in formats whose ranges find their first unit by a
 * search ({@link Framing#searchesForRangeStarts()}), units such a search would not find (the few
 * before damage), delivered as blocks that are not split points.
 */
public interface UnitReader {
  /** What {@link #next()} found. */
  enum Unit {
    /** One record: see {@link #record()}. */
    RECORD,
    /** A block of records, the first not yet reached: see {@link #block()}. */
    BLOCK,
    /** A damaged or unaccounted byte range: see {@link #damage()}. */
    DAMAGE,
    /** Nothing more in this range. */
    END
  }

  Unit next() throws IOException;

  /**
   * After {@link Unit#RECORD}: the record, valid until the next call to {@link #next()}. The same
   * view object for the reader's life, moved from record to record.
   */
  RecordView record();

  /** After {@link Unit#BLOCK}: the block, valid until the next call to {@link #next()}. */
  RecordBlock block();

  /** After {@link Unit#DAMAGE}: what was lost. */
  Damage damage();

  /** The offset the current unit is claimed at (a record's or block's first byte, damage's start). */
  long claimOffset();

  /**
   * Whether the current unit is a split point: claimed only by the range holding its claim offset.
   * A unit that is not (damage a format reports right after the record before it) is reported by
   * the reader that read that record, wherever the damage starts. Every record is; a block is
   * unless its format searches for range starts; default: every unit is.
   */
  default boolean isSplitPoint() {
    return true;
  }

  /**
   * True when this reader reads the whole file whatever its range (a compressed file, or a file
   * whose structure cannot be entered in the middle): the caller claims its first unit at the
   * range start and the rest as non-split points, and refuses dynamic splits.
   */
  boolean readsWholeFile();
}
