package io.github.binfiles.variable;

import static io.github.binfiles.variable.Descriptors.SIZE;

import io.github.binfiles.framing.Damage;
import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.RecordBlock;
import io.github.binfiles.framing.RecordView;
import io.github.binfiles.framing.UnitReader;
import io.github.binfiles.io.PositionedInput;
import io.github.binfiles.report.BinaryFileException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Map;

/**
 * The units one range of a variable-length file owns (formats/VARIABLE.md §4): records of a V
 * file, blocks of a VB file. This class is where a split finds its first unit.
 *
 * <p>A unit is <em>intact</em> when its descriptor is well formed and it fits the data (a block's
 * RDW records fill it exactly). A position is a <em>sync point</em> when an intact unit starts there
 * and the chain it begins holds {@link VariableFraming#chainUnits()} intact units, or fewer that
 * end exactly at the end of the data; whether a position is one depends only on the bytes from it
 * on. The range that holds the first data byte follows the chain from there; every other range
 * starts at the first sync point at or after its first byte. A unit on the chain is a split point
 * exactly when it is a sync point (or is its range's first unit); units that are not (the few
 * before damage) come as non-split blocks, so they belong to the reader that read the unit before
 * them, and so does damage. A false sync point, bytes inside a record that look like a chain, is
 * caught by the reader before the boundary ({@code RangeBoundary}), which fails the read.
 */
final class VariableUnits implements UnitReader {
  /** Codes of {@link #unitAt} beyond {@link Descriptors}' own. */
  private static final int END_OF_DATA = -10;
  private static final int SHORT_DESCRIPTOR = -11;
  private static final int PAST_END = -12;
  private static final int NOT_FILLED = -13;
  /** An RDW inside a block is wrong: this minus the RDW's own code. */
  private static final int RDW_IN_BLOCK = -20;

  private final VariableFraming framing;
  private final boolean diagnose;
  private final Descriptors d;
  private final boolean blocked;
  /** Bytes before a record's data: its RDW (4), or none when records hold a length field. */
  private final int rdw;
  /** Bytes of a unit needed to know its length. */
  private final int head;
  private final FileRange range;
  private final int chain;
  private final long dataStart;
  /** End of the data (the trailer's first byte), or Long.MAX_VALUE for a stream. */
  private final long dataEnd;
  private PositionedInput input;
  /** The range's first unit, found while entering the chain and not yet returned; or null. */
  private Unit primed;
  private Damage pending;
  private boolean done;
  private boolean returnedAny;
  /** Bytes of the current unit, consumed by the next call to next(); 0 when on no unit. */
  private int unitLength;
  private long at;
  private boolean splitPoint;
  private Damage damage;
  private final RecordView view = new RecordView();
  private final UnitBlock block;
  // The chain checked ahead of the current unit: aheadUnits intact units from it up to aheadPos,
  // their lengths and record counts in a ring from aheadHead (so no unit is parsed twice);
  // aheadStopped when the chain cannot go on (aheadEnded: it reached the end of the data).
  private long aheadPos = -1;
  private int aheadUnits;
  private int aheadHead;
  private final int[] aheadLengths;
  private final int[] aheadCounts;
  /** Records in the block {@link #checkFill} last passed. */
  private int filledCount;
  private boolean aheadStopped;
  private boolean aheadEnded;
  /** Why the chain ahead stopped (a code of {@link #unitAt}), when it did. */
  private int aheadStop;

  private VariableUnits(VariableFraming framing, FileRange range, boolean diagnose) {
    this.diagnose = diagnose;
    this.framing = framing;
    this.d = framing.descriptors();
    this.blocked = framing.blocked();
    this.rdw = d.lengthField == null ? SIZE : 0;
    this.head = blocked ? SIZE : d.lengthBytes();
    this.range = range;
    this.chain = framing.chainUnits();
    this.dataStart = framing.headerBytes();
    this.dataEnd = range.decompressed() ? Long.MAX_VALUE : range.size() - framing.trailerBytes();
    this.block = new UnitBlock(d, blocked, rdw, view);
    this.aheadLengths = new int[chain];
    this.aheadCounts = new int[chain];
  }

  static UnitReader open(VariableFraming framing, FileRange range) throws IOException {
    return open(framing, range, true);
  }

  /**
   * @param diagnose false for probes of other settings ({@link #settingsThatFit}): they neither
   *     diagnose nor search past damage
   */
  private static UnitReader open(VariableFraming framing, FileRange range, boolean diagnose) throws IOException {
    VariableUnits units = new VariableUnits(framing, range, diagnose);
    units.start();
    return units;
  }

  private void start() throws IOException {
    long start = range.decompressed() ? 0 : range.start();
    if (!range.decompressed() && range.size() < dataStart + framing.trailerBytes()) {
      if (start == 0) {
        pending = new Damage(0, range.size(), Damage.UNKNOWN, Damage.UNKNOWN, "file is " + range.size()
            + " bytes, shorter than its " + dataStart + "-byte header and " + framing.trailerBytes()
            + "-byte trailer (--header-bytes, --trailer-bytes)");
      } else {
        done = true;
      }
      return;
    }
    // A range that starts past the data's first byte enters the chain some way before its start
    // (the look-behind) and follows it to its first split point: a false sync point found by the
    // search (bytes inside a record that look like descriptors) almost always rejoins the true
    // chain within a few units, long before the range start. VARIABLE.md §5.
    long from = start <= dataStart ? dataStart : Math.max(dataStart, start - framing.lookBehind());
    int bufferSize = PositionedInput.DEFAULT_BUFFER_SIZE;
    if (!range.decompressed()) {
      // Small ranges get small buffers (exhaustive split tests open thousands); they grow on demand.
      bufferSize = (int) Math.min(bufferSize, Math.max(4096, range.end() - from + 64));
      ((SeekableByteChannel) range.channel()).position(from);
      input = new PositionedInput(range.channel(), from, bufferSize);
    } else {
      input = new PositionedInput(range.channel(), 0, bufferSize);
      long skipped;
      try {
        skipped = input.skip(dataStart);
      } catch (IOException e) {
        skipped = -1;
      }
      if (skipped < dataStart) {
        pending = new Damage(0, Math.max(0, skipped), Damage.UNKNOWN, Damage.UNKNOWN,
            "the stream ends inside its " + dataStart + "-byte header (--header-bytes)");
      }
      return;
    }
    if (from > dataStart && search(from) < 0) {
      done = true;
      return;
    }
    if (start > dataStart) {
      returnedAny = true; // the chain is entered, not started: only sync points are split points
      for (Unit u = step(); u != Unit.END; u = step()) {
        if (u != Unit.DAMAGE && splitPoint && at >= start) {
          primed = u;
          return;
        }
      }
    }
  }

  @Override
  public Unit next() throws IOException {
    if (primed != null) {
      Unit u = primed;
      primed = null;
      return u;
    }
    return step();
  }

  /** The next unit along the chain. */
  private Unit step() throws IOException {
    if (done) {
      return Unit.END;
    }
    if (pending != null) {
      done = true;
      damage = pending;
      at = 0;
      splitPoint = true;
      return Unit.DAMAGE;
    }
    if (unitLength > 0) {
      input.consume(unitLength);
      unitLength = 0;
      aheadUnits--;
      aheadHead = aheadHead + 1 == chain ? 0 : aheadHead + 1;
    }
    at = input.position();
    int length;
    int count;
    boolean sync;
    try {
      if (aheadUnits > 0 && aheadPos > at) {
        // Checked already, as part of the chain ahead of the unit before.
        length = aheadLengths[aheadHead];
        count = aheadCounts[aheadHead];
      } else {
        length = unitAt(at);
        if (length == END_OF_DATA) {
          done = true;
          return Unit.END;
        }
        if (length < 0) {
          return notAUnit(length);
        }
        count = filledCount;
      }
      sync = isSyncPoint(at, length, count);
      if (!sync && !isConfirmed()) {
        return unconfirmed(length);
      }
    } catch (IOException e) {
      return failed(e);
    }
    if (!blocked && rdw > 0 && at == dataStart && !returnedAny) {
      refuseBlocksReadAsRecords(length);
    }
    splitPoint = sync || !returnedAny;
    returnedAny = true;
    unitLength = length;
    byte[] b = input.buffer();
    int i = input.bufferIndex();
    if (!blocked && splitPoint) {
      view.onArray(b, i + rdw + d.recordStart, length - rdw - d.recordStart - d.recordEnd);
      view.at(Damage.UNKNOWN, at, at + length, at); // V files number nothing
      return Unit.RECORD;
    }
    block.reset(b, i, length, at, count);
    return Unit.BLOCK;
  }

  /**
   * Whether the current unit, intact but not a sync point, is delivered: a block always (its records
   * fill it exactly, which confirms its length); a record when the unit after it is intact too, or
   * the data ends at or inside it. Otherwise a record's own length may be what is wrong (a damaged
   * length sends the chain into the middle of other bytes), so it is not delivered.
   */
  private boolean isConfirmed() {
    return blocked || aheadUnits >= 2 || aheadEnded || aheadStop == PAST_END || aheadStop == SHORT_DESCRIPTOR;
  }

  private Unit unconfirmed(int length) throws IOException {
    String reason = "the " + (blocked ? "block" : "record") + " of " + length + " bytes at " + at
        + " is followed by no intact descriptor at " + aheadPos + " (" + whyNot(aheadStop, aheadPos)
        + "), so its own length may be wrong: it is not delivered" + firstUnitHint();
    return resync(reason);
  }

  /** The chain met a position where no intact unit starts: a damage unit up to the next sync point. */
  private Unit notAUnit(int code) throws IOException {
    return resync(whyNot(code, at) + firstUnitHint());
  }

  /**
   * A VB file read as V reads as a chain of intact records, each a whole block (a BDW looks like an
   * RDW): every record would be wrong. When the first two records' data are each exactly filled by
   * RDW records, the read fails, naming the setting.
   */
  private void refuseBlocksReadAsRecords(int length) throws IOException {
    byte[] b = input.buffer();
    int i = input.bufferIndex();
    if (!filledByRecords(b, i + SIZE, length - SIZE)) {
      return;
    }
    int next = aheadUnits >= 2 ? aheadLengths[aheadHead + 1 == chain ? 0 : aheadHead + 1] : -1;
    if (aheadUnits >= 2 && !filledByRecords(b, i + length + SIZE, next - SIZE)) {
      return;
    }
    throw new BinaryFileException(range.file(), at, "this looks like a VB file: the data of the first "
        + (aheadUnits >= 2 ? "two records are" : "record is") + " exactly a chain of RDW records, as a"
        + " block's are; read as V, every record would be a whole block. Give --recfm VB"
        + " (VariableFormat.blocked())");
  }

  /** Whether {@code b[from, from + n)} is exactly one or more intact RDW records. */
  private boolean filledByRecords(byte[] b, int from, int n) {
    return recordsFilling(b, from, from + n) > 0;
  }

  /** For damage at the first unit of the file: which settings are likely wrong; else "". */
  private String firstUnitHint() throws IOException {
    if (at != dataStart) {
      return "";
    }
    String fits = settingsThatFit();
    return "; this is the first unit of the file: " + (fits != null
        ? "the file reads as a chain of intact units with " + fits
        : "check the header length (--header-bytes), the descriptors' byte order (--rdw-byte-order),"
            + " the RDW adjustment (--rdw-adjustment) and V vs VB (--recfm)");
  }

  /**
   * The options under which the file's data starts with a chain of intact units (the settings a
   * user most likely got wrong), or null. Reads the start of the file through the same channel and
   * puts it back where it was.
   */
  private String settingsThatFit() throws IOException {
    if (!diagnose || range.decompressed()) {
      return null;
    }
    SeekableByteChannel channel = range.seekable();
    long position = channel.position();
    try {
      for (Map.Entry<String, VariableFraming> alternative : framing.alternatives().entrySet()) {
        UnitReader other = open(alternative.getValue(),
            FileRange.of(range.file(), range.size(), 0, range.size(), channel, false), false);
        int intact = 0;
        Unit u = other.next();
        while (intact < chain && (u == Unit.RECORD || u == Unit.BLOCK)) {
          intact++;
          u = other.next();
        }
        if (intact == chain || (intact > 0 && u == Unit.END)) {
          return alternative.getKey();
        }
      }
      return null;
    } finally {
      channel.position(position);
    }
  }

  private Unit resync(String reason) throws IOException {
    long start = at;
    if (rdw == 0 || !diagnose) {
      // Nothing but the lengths themselves marks a record: no search could tell one from bytes.
      // (A probe of other settings, !diagnose, only needs to know that the file starts badly.)
      done = true;
      long end = dataEnd == Long.MAX_VALUE ? input.position() + input.buffered() : range.size();
      return damage(start, Math.max(start, end), reason + "; records that hold their own length"
          + " cannot be found again after damage: the rest of the file is not read");
    }
    long next = search(start + 1);
    if (next < 0) {
      done = true;
      // To the end of the file: in a file cut short, the bytes taken for the trailer are data.
      long end = dataEnd == Long.MAX_VALUE ? input.position() + input.buffered() : range.size();
      return damage(start, Math.max(start, end), reason + "; no intact chain of units follows");
    }
    return damage(start, next, reason + "; the next chain of " + chain + " intact units starts at " + next);
  }

  private Unit failed(IOException e) throws IOException {
    if (!range.decompressed() || e instanceof BinaryFileException) {
      throw e;
    }
    done = true;
    unitLength = 0;
    long p = input.position();
    return damage(p, p, range.brokenStreamReason(p, e));
  }

  private Unit damage(long start, long end, String reason) {
    damage = new Damage(start, end, Damage.UNKNOWN, Damage.UNKNOWN, reason);
    at = start;
    // Reported by the reader that read the unit before it (not a split point), or first in its range.
    splitPoint = !returnedAny;
    returnedAny = true;
    return Unit.DAMAGE;
  }

  /**
   * Moves the input to the first sync point at or after {@code from} and returns it; or -1, with
   * the input at the end of the data, when there is none.
   */
  private long search(long from) throws IOException {
    input.skip(from - input.position());
    while (true) {
      long q = input.position();
      if (q + head > dataEnd || !input.request(head)) {
        input.skip(Math.max(0, Math.min(dataEnd, q + input.buffered()) - q));
        return -1;
      }
      if (mayStartUnit(input.buffer(), input.bufferIndex())) {
        aheadPos = -1;
        int length = unitAt(q);
        if (length > 0 && isSyncPoint(q, length, filledCount)) {
          return q;
        }
      }
      input.consume(1);
    }
  }

  /** A cheap first test of the search: the descriptor's flag half is zero (or, for a BDW, extended). */
  private boolean mayStartUnit(byte[] b, int i) {
    if (rdw == 0) {
      return true; // a length field can hold anything: unitAt decides
    }
    int flags = d.littleEndian ? i : i + 2;
    if (b[flags] == 0 && b[flags + 1] == 0) {
      return true;
    }
    return blocked && b[d.littleEndian ? i + 3 : i] < 0;
  }

  /**
   * Whether the intact unit of {@code length} bytes at {@code p} (the current unit, or a search
   * candidate) is a sync point, extending the chain checked ahead as far as needed.
   */
  private boolean isSyncPoint(long p, int length, int count) throws IOException {
    if (aheadPos <= p) {
      aheadPos = p + length;
      aheadUnits = 1;
      aheadHead = 0;
      aheadLengths[0] = length;
      aheadCounts[0] = count;
      aheadStopped = false;
      aheadEnded = false;
      aheadStop = 0;
    }
    while (!aheadStopped && aheadUnits < chain) {
      int next = unitAt(aheadPos);
      if (next > 0) {
        int slot = aheadHead + aheadUnits < chain ? aheadHead + aheadUnits : aheadHead + aheadUnits - chain;
        aheadLengths[slot] = next;
        aheadCounts[slot] = filledCount;
        aheadPos += next;
        aheadUnits++;
      } else {
        aheadStopped = true;
        aheadEnded = next == END_OF_DATA;
        aheadStop = next;
      }
    }
    return aheadUnits >= chain || aheadEnded;
  }

  /**
   * The length of the intact unit at {@code pos} (at or after the input's position), with all its
   * bytes buffered; or a negative code saying why there is none.
   */
  private int unitAt(long pos) throws IOException {
    if (pos == dataEnd) {
      return END_OF_DATA;
    }
    if (pos + head > dataEnd) {
      return SHORT_DESCRIPTOR;
    }
    if (!buffered(pos + head)) {
      return pos == input.position() + input.buffered() ? END_OF_DATA : SHORT_DESCRIPTOR;
    }
    byte[] b = input.buffer();
    int i = index(pos);
    int length;
    if (blocked) {
      length = d.blockLength(b, i);
    } else if (rdw == 0) {
      length = d.fieldRecordLength(b, i);
    } else {
      int data = d.recordData(b, i);
      length = data < 0 ? data : SIZE + data;
    }
    if (length < 0) {
      return length;
    }
    if (pos + length > dataEnd || !buffered(pos + length)) {
      return PAST_END;
    }
    if (!blocked) {
      filledCount = 1;
      return length;
    }
    return checkFill(input.buffer(), index(pos), length);
  }

  /**
   * {@code length} when the RDW records of the block at {@code b[i..]} fill it exactly (their
   * number in {@link #filledCount}), else a code.
   */
  private int checkFill(byte[] b, int i, int length) {
    int records = recordsFilling(b, i + SIZE, i + length);
    if (records < 0) {
      return records;
    }
    filledCount = records;
    return length;
  }

  /**
   * The number of intact RDW records that exactly fill {@code b[from, end)}, or a negative code:
   * {@link #NOT_FILLED}, or {@link #RDW_IN_BLOCK} minus the code of the first bad RDW.
   */
  private int recordsFilling(byte[] b, int from, int end) {
    int r = from;
    int records = 0;
    while (r < end) {
      records++;
      if (end - r < SIZE) {
        return NOT_FILLED;
      }
      int data = d.recordData(b, r);
      if (data < 0) {
        return RDW_IN_BLOCK + data;
      }
      if (data > end - r - SIZE) {
        return NOT_FILLED;
      }
      r += SIZE + data;
    }
    return records;
  }

  /** Buffers every byte from the input's position up to {@code upTo}; false if the stream ends first. */
  private boolean buffered(long upTo) throws IOException {
    long n = upTo - input.position();
    if (n <= input.buffered()) {
      return true;
    }
    if (n > input.capacity()) {
      // Bounded by the options: the chain ahead holds at most chainUnits() units of at most
      // largestUnit() bytes. Doubling keeps growth linear.
      input.ensureCapacity((int) Math.max(n, Math.min(2L * input.capacity(), Integer.MAX_VALUE - 16)));
    }
    return input.request((int) n);
  }

  private int index(long pos) {
    return input.bufferIndex() + (int) (pos - input.position());
  }

  /** The message for {@link #unitAt}'s negative {@code code} at {@code pos}, its bytes still buffered. */
  private String whyNot(int code, long pos) throws IOException {
    String unit = blocked ? "block" : "record";
    long left = (dataEnd == Long.MAX_VALUE ? input.position() + input.buffered() : dataEnd) - pos;
    String before = framing.trailerBytes() > 0 ? " before the " + framing.trailerBytes() + "-byte trailer" : "";
    if (code == SHORT_DESCRIPTOR) {
      return "the data ends " + left + " bytes into " + (rdw == 0 ? "a record's first " + head
          + " bytes, which hold its length field" : "a " + SIZE + "-byte descriptor") + before
          + " (a file cut short, or a wrong --trailer-bytes)";
    }
    buffered(pos + head);
    byte[] b = input.buffer();
    int i = index(pos);
    if (rdw == 0 && !blocked && code != PAST_END) {
      return d.whyNotField(code, b, i);
    }
    if (code == PAST_END) {
      int length = blocked ? d.blockLength(b, i) : rdw == 0 ? d.fieldRecordLength(b, i) : SIZE + d.recordData(b, i);
      return "a " + unit + " of " + length + " bytes (descriptor included) runs past the end of the data, "
          + left + " bytes left" + before + " (a file cut short, or a wrong descriptor)";
    }
    if (code == NOT_FILLED) {
      return "the RDW records of the " + d.blockLength(b, i) + "-byte block do not fill it exactly";
    }
    if (code <= RDW_IN_BLOCK) {
      int r = i + SIZE;
      while (d.recordData(b, r) > 0) {
        r += SIZE + d.recordData(b, r);
      }
      long where = pos + (r - i);
      return "in the block, the " + d.whyNot(code - RDW_IN_BLOCK, false, b, r) + " at byte " + where;
    }
    return d.whyNot(code, blocked, b, i);
  }

  @Override
  public RecordView record() {
    return view;
  }

  @Override
  public RecordBlock block() {
    return block;
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
  public boolean isSplitPoint() {
    return splitPoint;
  }

  @Override
  public boolean readsWholeFile() {
    return range.decompressed();
  }

  /** A unit's records in order: the RDW records of a block, or the one record of a V unit. */
  static final class UnitBlock implements RecordBlock {
    private final Descriptors d;
    private final boolean blocked;
    private final int rdw;
    private final RecordView view;
    private byte[] bytes;
    private int first;
    private int cursor;
    private long offset;
    private int length;
    private int count;
    private int index;

    UnitBlock(Descriptors d, boolean blocked, int rdw, RecordView view) {
      this.d = d;
      this.blocked = blocked;
      this.rdw = rdw;
      this.view = view;
    }

    /**
     * Shows the intact unit of {@code length} bytes and {@code records} records at {@code
     * bytes[i..]}, file offset {@code offset}.
     */
    void reset(byte[] bytes, int i, int length, long offset, int records) {
      this.bytes = bytes;
      this.offset = offset;
      this.length = length;
      this.first = blocked ? i + SIZE : i;
      this.count = records;
      this.cursor = first;
      this.index = -1;
    }

    @Override
    public long offset() {
      return offset;
    }

    @Override
    public long end() {
      return offset + length;
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
      if (!blocked) {
        // A unit of V records, or of records holding a length field, is one record.
        view.onArray(bytes, first + rdw + d.recordStart, length - rdw - d.recordStart - d.recordEnd);
        view.at(Damage.UNKNOWN, offset, offset + length, offset);
        return true;
      }
      int data = d.recordData(bytes, cursor);
      long at = offset + (cursor - first) + (blocked ? SIZE : 0);
      view.onArray(bytes, cursor + SIZE + d.recordStart, data - d.recordStart - d.recordEnd);
      view.at(Damage.UNKNOWN, at, at + SIZE + data, at);
      cursor += SIZE + data;
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
  }
}
