package io.github.binfiles.framing;

import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.SkippedRegion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The records of one range of one file through any {@link Framing}, outside Beam: what tools, the
 * CLI and {@code ContainerFile} iterate. The same units, the same damage and the same errors as a
 * pipeline read of that range: under {@link CorruptionPolicy#FAIL} damage throws the typed error;
 * under {@link CorruptionPolicy#SKIP} it is collected in {@link #skipped()} and reading goes on.
 *
 * <pre>{@code
 * RecordReader r = RecordReader.open(framing, FileRange.of(name, size, 0, size, channel, false),
 *     CorruptionPolicy.FAIL, 0);
 * while (r.next()) { use(r.record()); }
 * }</pre>
 *
 * The caller owns the channel.
 */
public final class RecordReader {
  private final Framing framing;
  private final UnitReader units;
  private final FileRange range;
  private final boolean skip;
  private final long from;
  private final List<SkippedRegion> skipped = new ArrayList<>();
  private RecordBlock block;
  /**
   * The offset at which the current block's records stop being this range's: the range end for a
   * run whose records are split points ({@link RecordBlock#recordsAreSplitPoints()}), else never.
   */
  private long blockStop = Long.MAX_VALUE;
  private RecordView current;
  private boolean done;
  /** Records seen so far: the position of a record in reading order, for formats that number none. */
  private long seen;

  private RecordReader(Framing framing, FileRange range, boolean skip, long from) throws IOException {
    this.framing = framing;
    this.units = framing.open(range);
    this.range = range;
    this.skip = skip;
    this.from = from;
  }

  /**
   * Reads the records {@code range} owns, passing over those with ordinals below {@code
   * fromOrdinal} (damage before them is still reported). For formats that number nothing, the
   * first {@code fromOrdinal} records read are passed over.
   */
  public static RecordReader open(
      Framing framing, FileRange range, CorruptionPolicy policy, long fromOrdinal) throws IOException {
    if (fromOrdinal < 0) {
      throw new IllegalArgumentException("record ordinal must be >= 0, was " + fromOrdinal);
    }
    if (policy == CorruptionPolicy.FAIL && !range.decompressed()) {
      Damage wrongSize = framing.sizeProblem(range.size());
      if (wrongSize != null) {
        throw wrongSize.toException(range.file());
      }
    }
    return new RecordReader(framing, range, policy == CorruptionPolicy.SKIP, fromOrdinal);
  }

  /** Moves to the next record; false at the end of the range. */
  public boolean next() throws IOException {
    while (!done) {
      if (block != null) {
        if (block.nextRecord()) {
          long at = block.record().fileOffset();
          if (at >= blockStop) {
            // A run's record past the range: the next range's, as a record unit would be.
            confirmBoundary(at);
            break;
          }
          if (isWanted(block.record())) {
            current = block.record();
            return true;
          }
          continue;
        }
        block = null;
      }
      UnitReader.Unit unit = units.next();
      if (unit == UnitReader.Unit.END) {
        confirmBoundary(-1);
        break;
      }
      if (!units.readsWholeFile() && units.isSplitPoint() && units.claimOffset() >= range.end()) {
        confirmBoundary(units.claimOffset());
        break;
      }
      switch (unit) {
        case RECORD:
          if (isWanted(units.record())) {
            current = units.record();
            return true;
          }
          break;
        case BLOCK:
          block = units.block();
          blockStop = block.recordsAreSplitPoints() && !units.readsWholeFile() ? range.end() : Long.MAX_VALUE;
          break;
        default:
          Damage d = units.damage();
          if (!skip) {
            throw d.toException(range.file());
          }
          skipped.add(d.toRegion(range.file()));
      }
    }
    done = true;
    current = null;
    return false;
  }

  /** See {@link RangeBoundary}: where this range ends, the next must begin with {@code expected}. */
  private void confirmBoundary(long expected) throws IOException {
    if (framing.searchesForRangeStarts() && !units.readsWholeFile() && range.end() < range.size()) {
      RangeBoundary.confirm(framing, range.file(), range.size(), range.seekable(), range.end(), expected);
    }
  }

  /**
   * Whether {@code r} is at or after the first wanted record: by its ordinal, or, for formats that
   * number nothing, by how many records this reader has passed (so {@code fromOrdinal} counts
   * records read from the range start).
   */
  private boolean isWanted(RecordView r) {
    long position = r.ordinal() >= 0 ? r.ordinal() : seen;
    seen++;
    return position >= from;
  }

  /** The current record; valid until the next call to {@link #next()}. */
  public RecordView record() {
    if (current == null) {
      throw new IllegalStateException("no current record");
    }
    return current;
  }

  public String file() {
    return range.file();
  }

  /** Regions skipped so far (skip policy), in file order. */
  public List<SkippedRegion> skipped() {
    return Collections.unmodifiableList(skipped);
  }
}
