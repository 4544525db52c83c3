package io.github.binfiles.fixed;

import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.framing.Damage;
import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.RecordBlock;
import io.github.binfiles.framing.RecordView;
import io.github.binfiles.framing.UnitReader;
import io.github.binfiles.io.PositionedInput;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/**
 * The records one range of a fixed-record file owns ({@link FixedRecordFraming}): it starts at the
 * first record boundary at or after the range start and delivers every record after it, the whole
 * records buffered at each call as one run ({@link RecordBlock#recordsAreSplitPoints()}: each
 * record a split point at its own offset); the caller stops at the range end. Damage is a file that
 * does not fit the framing: shorter than its header, shorter than header plus trailer, ending in a
 * partial record, or (a decompressed stream) a stream that breaks. Each is reported once, by the
 * range that holds its first byte.
 */
final class FixedRecordUnits implements UnitReader {
  private final FixedRecordFraming framing;
  private final FileRange range;
  private final int recordLength;
  private final int lookahead;
  private final boolean direct;
  private PositionedInput input;
  /** Damage found on opening, reported by the first call to {@link #next()}; or null. */
  private Damage pending;
  /** A header the user's check refused: reported first, then the records are read; or null. */
  private Damage headerDamage;
  /** Bytes of the last run, consumed at the next call to {@link #next()}; 0 when none. */
  private int runBytes;
  private boolean done;
  /** Ordinal of the next record once known; avoids a division per record. */
  private long nextOrdinal = -1;
  private long at;
  private Damage damage;
  private final RecordView view = new RecordView();
  private final Run run = new Run();

  private FixedRecordUnits(FixedRecordFraming framing, FileRange range) {
    this.framing = framing;
    this.range = range;
    this.recordLength = framing.recordLength();
    this.lookahead = framing.lookahead();
    this.direct = range.directBuffers();
  }

  static UnitReader open(FixedRecordFraming framing, FileRange range) throws IOException {
    FixedRecordUnits units = new FixedRecordUnits(framing, range);
    units.start();
    return units;
  }

  private void start() throws IOException {
    long rangeStart = range.start();
    int bufferSize;
    if (range.decompressed()) {
      bufferSize = Math.max(lookahead, PositionedInput.DEFAULT_BUFFER_SIZE);
    } else {
      // Small ranges get small buffers: exhaustive split tests create thousands of readers.
      long span = range.end() - rangeStart;
      long wanted = span >= PositionedInput.DEFAULT_BUFFER_SIZE ? PositionedInput.DEFAULT_BUFFER_SIZE : span + lookahead;
      bufferSize = (int) Math.max(lookahead, wanted);
      if (range.channel() instanceof SeekableByteChannel) {
        ((SeekableByteChannel) range.channel()).position(rangeStart);
      }
    }
    input = new PositionedInput(range.channel(), rangeStart, bufferSize, direct);
    if (rangeStart == 0 && framing.headerCheck() != null) {
      checkHeader();
    }
    long gap = framing.firstRecordAtOrAfter(rangeStart) - rangeStart;
    long skipped;
    try {
      skipped = input.skip(gap);
    } catch (IOException e) {
      pending = brokenStream(e);
      return;
    }
    if (skipped < gap) {
      // The file ends before this range's first record boundary. Only the range that holds byte 0
      // reports a file shorter than its header.
      if (rangeStart == 0) {
        long size = input.position();
        pending = new Damage(0, size, 0, Damage.UNKNOWN,
            "file is " + size + " bytes, shorter than its " + framing.headerBytes() + "-byte header");
      } else {
        done = true;
      }
    }
  }

  /** Runs the user's header check; a problem becomes damage at the header, reported first. */
  private void checkHeader() throws IOException {
    int n = (int) framing.headerBytes();
    boolean whole;
    try {
      whole = input.request(n);
    } catch (IOException e) {
      return; // the stream's own damage is reported where the header is skipped
    }
    if (!whole) {
      return; // a file shorter than its header: reported as such below
    }
    byte[] header = new byte[n];
    if (direct) {
      input.byteBuffer().get(input.bufferIndex(), header, 0, n);
    } else {
      System.arraycopy(input.buffer(), input.bufferIndex(), header, 0, n);
    }
    String problem = framing.headerCheck().problem(header, range.decompressed() ? -1 : range.size());
    if (problem != null) {
      headerDamage = new Damage(0, n, 0, 0, "the header check fails: " + problem);
    }
  }

  @Override
  public Unit next() throws IOException {
    if (headerDamage != null) {
      Damage d = headerDamage;
      headerDamage = null;
      return damage(d);
    }
    if (done) {
      return Unit.END;
    }
    if (pending != null) {
      done = true;
      return damage(pending);
    }
    if (runBytes > 0) {
      input.consume(runBytes);
      runBytes = 0;
    }
    at = input.position();
    boolean whole;
    try {
      whole = input.request(lookahead);
    } catch (IOException e) {
      done = true;
      return damage(brokenStream(e));
    }
    if (whole) {
      // Every record whose bytes and the trailer's are buffered is whole: one run of them all.
      long ordinal = nextOrdinal < 0 ? framing.ordinalAt(at) : nextOrdinal;
      int count = (int) ((input.buffered() - framing.trailerBytes()) / recordLength);
      nextOrdinal = ordinal + count;
      runBytes = count * recordLength;
      run.start(ordinal, at, input.bufferIndex(), count);
      return Unit.BLOCK;
    }
    // Fewer than a record plus the trailer remain: whatever happens next is the last unit.
    done = true;
    long left = input.buffered();
    long trailer = framing.trailerBytes();
    if (left > trailer) {
      long partial = left - trailer;
      // The partial record is lost, and any that followed it if the file was cut: end unknown.
      return damage(new Damage(at, at + partial, framing.ordinalAt(at), Damage.UNKNOWN,
          "partial record: " + partial + " bytes where a " + recordLength
              + "-byte record was expected (file is " + framing.layoutOf(at + left) + ")"));
    }
    if (left < trailer && at == framing.headerBytes()) {
      return damage(new Damage(at, at + left, 0, Damage.UNKNOWN, "file is " + framing.layoutOf(at + left)));
    }
    // A clean end, or this range begins past the last record (inside the trailer or after a
    // partial record, which the range holding the partial record's first byte reports).
    return Unit.END;
  }

  private Unit damage(Damage d) {
    damage = d;
    // An empty region at the end of the file (a file that is exactly its header, say) is claimed
    // at the file's last byte: no range contains the end offset itself.
    at = d.start() == d.end() && d.start() > 0 ? d.start() - 1 : d.start();
    return Unit.DAMAGE;
  }

  /**
   * A decompressed stream that fails is damage (a truncated or corrupt compressed file, named with
   * where it broke); any other read failure is an I/O error, rethrown for the runner to retry.
   */
  private Damage brokenStream(IOException e) throws IOException {
    if (!range.decompressed() || e instanceof BinaryFileException) {
      throw e;
    }
    long position = input == null ? 0 : input.position();
    return new Damage(position, position, ordinalAtOrAfter(position), Damage.UNKNOWN,
        range.brokenStreamReason(position, e));
  }

  /** Ordinal of the first record at or after {@code offset}; 0 inside the header. */
  private long ordinalAtOrAfter(long offset) {
    return offset <= framing.headerBytes() ? 0 : framing.ordinalAt(framing.firstRecordAtOrAfter(offset));
  }

  @Override
  public RecordView record() {
    throw new IllegalStateException("fixed-record files deliver runs of records: see block()");
  }

  /** Records are delivered in runs ({@link Run}), never one by one; {@link #block()} is the run. */
  @Override
  public RecordBlock block() {
    return run;
  }

  /**
   * The whole records buffered at one call to {@link #next()}, each a split point at its own
   * offset: a run saves the unit reader's call and checks per record. Offsets are in the
   * decompressed bytes when the file is compressed.
   */
  private final class Run implements RecordBlock {
    private long firstOrdinal;
    private long firstOffset;
    private int firstIndex;
    private int count;
    private int index;

    void start(long ordinal, long offset, int bufferIndex, int records) {
      firstOrdinal = ordinal;
      firstOffset = offset;
      firstIndex = bufferIndex;
      count = records;
      index = -1;
    }

    @Override
    public long offset() {
      return firstOffset;
    }

    @Override
    public long end() {
      return firstOffset + (long) count * recordLength;
    }

    @Override
    public int recordCount() {
      return count;
    }

    @Override
    public boolean nextRecord() {
      if (index + 1 >= count) {
        return false;
      }
      index++;
      int bytes = index * recordLength;
      if (direct) {
        view.onDirect(input.byteBuffer(), firstIndex + bytes, recordLength);
      } else {
        view.onArray(input.buffer(), firstIndex + bytes, recordLength);
      }
      long offset = firstOffset + bytes;
      view.at(firstOrdinal + index, offset, offset + recordLength, offset);
      return true;
    }

    @Override
    public int recordIndex() {
      return index;
    }

    @Override
    public RecordView record() {
      return view;
    }

    @Override
    public boolean recordsAreSplitPoints() {
      return true;
    }
  }

  @Override
  public Damage damage() {
    return damage;
  }

  @Override
  public long claimOffset() {
    return at;
  }

  @Override
  public boolean readsWholeFile() {
    return range.decompressed();
  }
}
