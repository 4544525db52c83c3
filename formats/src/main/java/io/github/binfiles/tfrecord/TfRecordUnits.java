package io.github.binfiles.tfrecord;

import static io.github.binfiles.tfrecord.TfRecordFraming.HEADER;
import static io.github.binfiles.tfrecord.TfRecordFraming.OVERHEAD;

import io.github.binfiles.framing.Damage;
import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.RecordBlock;
import io.github.binfiles.framing.RecordView;
import io.github.binfiles.framing.UnitReader;
import io.github.binfiles.io.LittleEndian;
import io.github.binfiles.io.PositionedInput;
import io.github.binfiles.report.BinaryFileException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/**
 * The records one range of a TFRecord file owns (FORMAT: formats/TFRECORD.md). A position is a
 * <em>record start</em> when the record there is whole: its length checksum matches, its length is
 * at most the maximum and fits the file, and its data checksum matches. The range at offset 0
 * follows the chain from byte 0; any other range starts at the first record start at or after its
 * first byte. Both see the same record starts, because inside an intact record no other position
 * passes both checksums (false positives: about 2^-64 per position for random data; a payload that
 * itself holds TFRecord bytes is the known exception).
 *
 * <p>Damage is where the chain meets a position that is not a record start: the region runs to the
 * next record start (or the end of the file). It is reported by the reader that read the record
 * before it, as a unit that is not a split point (or, at byte 0, by the range at 0), so exactly one
 * split reports it whatever the splits, while the next record start stays a split point.
 */
final class TfRecordUnits implements UnitReader {
  private final FileRange range;
  private final int maxRecordBytes;
  private final long fileSize;
  private final TfRecordChecksum checksum = new TfRecordChecksum();
  private PositionedInput input;
  private boolean done;
  private boolean returnedAny;
  /** Length of the current record's data; -1 when not on a record. */
  private int dataLength = -1;
  private long at;
  private boolean splitPoint;
  private Damage damage;
  private final RecordView view = new RecordView();

  private TfRecordUnits(FileRange range, int maxRecordBytes) {
    this.range = range;
    this.maxRecordBytes = maxRecordBytes;
    this.fileSize = range.decompressed() ? Long.MAX_VALUE : range.size();
  }

  static UnitReader open(FileRange range, int maxRecordBytes) throws IOException {
    TfRecordUnits units = new TfRecordUnits(range, maxRecordBytes);
    units.start();
    return units;
  }

  private void start() throws IOException {
    long start = range.decompressed() ? 0 : range.start();
    int bufferSize = PositionedInput.DEFAULT_BUFFER_SIZE;
    if (!range.decompressed()) {
      long span = range.end() - start;
      // Small ranges get small buffers: exhaustive split tests create thousands of readers.
      bufferSize = (int) Math.min(PositionedInput.DEFAULT_BUFFER_SIZE, Math.max(4096, span + OVERHEAD));
      if (range.channel() instanceof SeekableByteChannel) {
        ((SeekableByteChannel) range.channel()).position(start);
      }
    }
    input = new PositionedInput(range.channel(), start, bufferSize);
    if (start > 0 && !search()) {
      done = true;
    }
  }

  // The per-record path (next, step, recordHere) is kept small so that the JIT inlines it into the
  // Beam adapter whatever order it compiles things in; damage and failures live in methods of their own.
  @Override
  public Unit next() throws IOException {
    if (done) {
      return Unit.END;
    }
    try {
      return step();
    } catch (IOException e) {
      return failed(e);
    }
  }

  private Unit failed(IOException e) throws IOException {
    if (!range.decompressed() || e instanceof BinaryFileException) {
      throw e;
    }
    done = true;
    return damage(input.position(), input.position(), range.brokenStreamReason(input.position(), e));
  }

  private Unit step() throws IOException {
    if (dataLength >= 0) {
      input.consume(OVERHEAD + dataLength);
      dataLength = -1;
    }
    at = input.position();
    if (!input.request(1)) {
      done = true;
      return Unit.END;
    }
    long length = recordHere();
    if (length < 0) {
      return notARecord(length);
    }
    dataLength = (int) length;
    view.onArray(input.buffer(), input.bufferIndex() + HEADER, dataLength);
    view.at(Damage.UNKNOWN, at, at + OVERHEAD + length, at); // TFRecord files number nothing
    splitPoint = true;
    returnedAny = true;
    return Unit.RECORD;
  }

  /** The chain met a position that is not a record start ({@code code} says why): a damage unit. */
  private Unit notARecord(long code) throws IOException {
    long start = at;
    String reason = whyNot(code);
    input.consume(1);
    if (!search()) {
      done = true; // the search stopped at the end of the file
      return damage(start, input.position(), reason + "; no intact record follows");
    }
    return damage(start, input.position(), reason + "; the next intact record starts at " + input.position());
  }

  private Unit damage(long start, long end, String reason) {
    damage = new Damage(start, end, Damage.UNKNOWN, Damage.UNKNOWN, reason);
    at = start;
    // Claimed by the reader that read the record before it (not a split point), or at byte 0.
    splitPoint = !returnedAny;
    returnedAny = true;
    return Unit.DAMAGE;
  }

  /**
   * Moves the input to the first record start at or after its position; false (input at the end)
   * when there is none. Each position costs one 8-byte checksum unless its length checksum matches.
   */
  private boolean search() throws IOException {
    while (input.request(1)) {
      if (recordHere() >= 0) {
        return true;
      }
      input.consume(1);
    }
    return false;
  }

  // Why a position is not a record start: negative results of recordHere, explained by whyNot.
  private static final int SHORT_HEADER = -1;
  private static final int LENGTH_CHECKSUM = -2;
  private static final int TOO_LONG = -3;
  private static final int PAST_FILE_END = -4;
  private static final int PAST_STREAM_END = -5;
  private static final int DATA_CHECKSUM = -6;

  /**
   * The data length of the whole record at the input's position, or a negative code saying why
   * there is none. The hot path of every read and of the search: no strings; {@link #whyNot} turns
   * a code into the message when damage is reported.
   */
  private long recordHere() throws IOException {
    if (input.buffered() < HEADER && !input.request(HEADER)) {
      return SHORT_HEADER;
    }
    byte[] b = input.buffer();
    int i = input.bufferIndex();
    if (checksum.masked(b, i, 8) != LittleEndian.getInt(b, i + 8)) {
      return LENGTH_CHECKSUM;
    }
    long length = LittleEndian.getLong(b, i);
    if (length < 0 || length > maxRecordBytes) {
      return TOO_LONG;
    }
    if (length + OVERHEAD > fileSize - input.position()) {
      return PAST_FILE_END;
    }
    int total = (int) length + OVERHEAD;
    if (input.buffered() < total) {
      if (!buffer(total)) {
        return PAST_STREAM_END;
      }
      b = input.buffer();
      i = input.bufferIndex();
    }
    int data = i + HEADER;
    if (checksum.masked(b, data, (int) length) != LittleEndian.getInt(b, data + (int) length)) {
      return DATA_CHECKSUM;
    }
    return length;
  }

  /** Makes a whole record of {@code total} bytes (bounded by the maximum record size) available. */
  private boolean buffer(int total) throws IOException {
    input.ensureCapacity(total);
    return input.request(total);
  }

  /** The message for {@link #recordHere}'s negative {@code code}, with the position still buffered. */
  private String whyNot(long code) {
    if (code == SHORT_HEADER) {
      return "file ends " + input.buffered() + " bytes into a record header (" + HEADER + " bytes)";
    }
    long length = LittleEndian.getLong(input.buffer(), input.bufferIndex());
    if (code == LENGTH_CHECKSUM) {
      return "length checksum mismatch";
    } else if (code == TOO_LONG) {
      return "record length " + Long.toUnsignedString(length) + " exceeds the maximum record size "
          + maxRecordBytes + " (withMaxRecordBytes raises it, if the writer really wrote records this large)";
    } else if (code == PAST_FILE_END) {
      return "a record of " + length + " bytes runs past the end of the file ("
          + (fileSize - input.position()) + " bytes left)";
    } else if (code == PAST_STREAM_END) {
      return "a record of " + length + " bytes runs past the end of the stream";
    }
    return "data checksum mismatch";
  }

  @Override
  public RecordView record() {
    return view;
  }

  @Override
  public RecordBlock block() {
    throw new IllegalStateException("TFRecord files have no blocks");
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
}
