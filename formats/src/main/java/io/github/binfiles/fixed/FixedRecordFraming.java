package io.github.binfiles.fixed;

import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.Framing;
import io.github.binfiles.framing.UnitReader;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The framing of a fixed-record file: {@code headerBytes} bytes, then records of exactly {@code
 * recordLength} bytes, then {@code trailerBytes} bytes. This is the one place that knows where a
 * fixed-length record starts.
 *
 * <p>Ownership rule (shared by every binfiles format): a record belongs to the byte range that
 * contains its first byte. A reader of {@code [start, end)} therefore starts at {@link
 * #firstRecordAtOrAfter(long) firstRecordAtOrAfter(start)} and reads every record that starts before
 * {@code end}.
 */
public final class FixedRecordFraming implements Framing {
  private static final long serialVersionUID = 1L;

  /**
   * Largest record plus trailer a reader will buffer. Larger records are legal in principle, but a
   * reader holds one record and the trailer in memory at once, so the bound is checked up front.
   */
  public static final int MAX_RECORD_AND_TRAILER_BYTES = 256 << 20;

  private final int recordLength;
  private final long headerBytes;
  private final long trailerBytes;
  /** The user's check of each file's header, or null. */
  private final HeaderCheck headerCheck;

  private FixedRecordFraming(int recordLength, long headerBytes, long trailerBytes, HeaderCheck headerCheck) {
    this.recordLength = recordLength;
    this.headerBytes = headerBytes;
    this.trailerBytes = trailerBytes;
    this.headerCheck = headerCheck;
  }

  /**
   * @throws IllegalArgumentException naming the bad argument when the record length is not
   *     positive, the header or trailer is negative, or one record plus the trailer exceeds {@link
   *     #MAX_RECORD_AND_TRAILER_BYTES}
   */
  public static FixedRecordFraming of(int recordLength, long headerBytes, long trailerBytes) {
    if (recordLength <= 0) {
      throw new IllegalArgumentException(
          "record length must be a positive number of bytes, was " + recordLength);
    }
    if (headerBytes < 0) {
      throw new IllegalArgumentException("header bytes must be >= 0, was " + headerBytes);
    }
    if (trailerBytes < 0) {
      throw new IllegalArgumentException("trailer bytes must be >= 0, was " + trailerBytes);
    }
    if ((long) recordLength + trailerBytes > MAX_RECORD_AND_TRAILER_BYTES) {
      throw new IllegalArgumentException(
          "a record ("
              + recordLength
              + " bytes) plus the trailer ("
              + trailerBytes
              + " bytes) must fit in "
              + MAX_RECORD_AND_TRAILER_BYTES
              + " bytes");
    }
    return new FixedRecordFraming(recordLength, headerBytes, trailerBytes, null);
  }

  /**
   * This framing with {@code check} run on each file's header ({@link HeaderCheck}); the header is
   * at most 16 MiB.
   */
  public FixedRecordFraming withHeaderCheck(HeaderCheck check) {
    if (check != null && (headerBytes == 0 || headerBytes > 16 << 20)) {
      throw new IllegalArgumentException("a header check needs a header of 1 byte to 16 MiB, not " + headerBytes
          + " bytes (set the header first: withHeaderBytes)");
    }
    return new FixedRecordFraming(recordLength, headerBytes, trailerBytes, check);
  }

  /** The user's header check, or null. */
  public HeaderCheck headerCheck() {
    return headerCheck;
  }

  /** The records {@code range} owns; see {@link FixedRecordUnits}. */
  @Override
  public UnitReader open(FileRange range) throws IOException {
    return FixedRecordUnits.open(this, range);
  }

  /** The record's own offset: no reading needed. */
  @Override
  public long startOffsetFor(long ordinal, SeekableByteChannel channel, long size) {
    long records = Math.max(0, size - headerBytes) / recordLength;
    return ordinal > records ? size : Math.min(offsetOf(ordinal), size);
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recordLength", recordLength);
    m.put("headerBytes", headerBytes);
    m.put("trailerBytes", trailerBytes);
    if (headerCheck != null) {
      m.put("headerCheck", headerCheck.getClass().getName());
    }
    return m;
  }

  public int recordLength() {
    return recordLength;
  }

  public long headerBytes() {
    return headerBytes;
  }

  public long trailerBytes() {
    return trailerBytes;
  }

  /** The offset of the first record boundary at or after {@code offset}. */
  public long firstRecordAtOrAfter(long offset) {
    if (offset <= headerBytes) {
      return headerBytes;
    }
    long intoData = offset - headerBytes;
    long records = intoData / recordLength + (intoData % recordLength == 0 ? 0 : 1);
    return headerBytes + records * recordLength;
  }

  /** The 0-based ordinal of the record that starts at {@code recordStart}. */
  public long ordinalAt(long recordStart) {
    return (recordStart - headerBytes) / recordLength;
  }

  /** The offset where record {@code ordinal} starts. */
  public long offsetOf(long ordinal) {
    return headerBytes + ordinal * recordLength;
  }

  /** Number of bytes a reader must see from a record's start to know the record is whole. */
  public int lookahead() {
    return (int) (recordLength + trailerBytes);
  }

  /**
   * Describes how a file of {@code fileSize} bytes fits this framing, for tools and error messages:
   * the number of whole records and the bytes left over between the last record and the trailer.
   */
  public Layout layoutOf(long fileSize) {
    long data = fileSize - headerBytes - trailerBytes;
    if (data < 0) {
      return new Layout(fileSize, 0, -1);
    }
    return new Layout(fileSize, data / recordLength, data % recordLength);
  }

  /**
   * Headers a few records longer or shorter than this one (a header record of the records' length,
   * or a first record taken for a header), with the same trailer; each fits when this one does.
   */
  @Override
  public java.util.List<Framing> alternativesFor(long fileSize) {
    java.util.List<Framing> out = new java.util.ArrayList<>();
    for (long k : new long[] {1, -1, 2, -2, 3}) {
      long h = headerBytes + k * recordLength;
      if (h >= 0 && h + trailerBytes + recordLength <= fileSize) {
        out.add(new FixedRecordFraming(recordLength, h, trailerBytes, null));
      }
    }
    return out;
  }

  /**
   * A file whose size is not header + k records + trailer, with what would fit: a header that takes
   * the bytes left over, and record lengths near this one that divide the data.
   */
  @Override
  public io.github.binfiles.framing.Damage sizeProblem(long fileSize) {
    Layout l = layoutOf(fileSize);
    if (l.isWhole()) {
      return null;
    }
    if (l.partialBytes < 0) {
      return new io.github.binfiles.framing.Damage(0, fileSize, 0, io.github.binfiles.framing.Damage.UNKNOWN,
          "file is " + l + ": check --header-bytes and --trailer-bytes");
    }
    long data = fileSize - headerBytes - trailerBytes;
    StringBuilder fits = new StringBuilder();
    long header = headerBytes + l.partialBytes;
    java.util.List<Long> headers = new java.util.ArrayList<>();
    for (long h = header; h <= fileSize - trailerBytes && headers.size() < 4; h += recordLength) {
      headers.add(h);
    }
    fits.append("a header of ").append(headers.size() == 1 ? String.valueOf(header)
        : headers.toString().replaceAll("[\\[\\]]", "") + " (" + header + " + a multiple of " + recordLength + ")")
        .append(" bytes (--header-bytes) would fit");
    java.util.List<Long> lengths = new java.util.ArrayList<>();
    for (long d = 1; d < (recordLength + 1) / 2 && lengths.size() < 6; d++) {
      for (long candidate : new long[] {recordLength - d, recordLength + d}) {
        if (data % candidate == 0 && lengths.size() < 6) {
          lengths.add(candidate);
        }
      }
    }
    if (!lengths.isEmpty()) {
      fits.append("; so would records of ").append(lengths).append(" bytes");
    }
    long at = headerBytes + l.records * recordLength;
    return new io.github.binfiles.framing.Damage(at, at + l.partialBytes, l.records, io.github.binfiles.framing.Damage.UNKNOWN,
        "the file's size does not fit the settings: " + l + ". Check the record length (--record-length, or"
            + " the layout's) and the header and trailer (--header-bytes / withHeaderBytes, --trailer-bytes /"
            + " withTrailerBytes): " + fits);
  }

  /** How a file of a given size fits the framing. */
  public final class Layout {
    public final long fileSize;
    public final long records;
    /** Bytes of a trailing partial record; -1 when the file is shorter than header plus trailer. */
    public final long partialBytes;

    Layout(long fileSize, long records, long partialBytes) {
      this.fileSize = fileSize;
      this.records = records;
      this.partialBytes = partialBytes;
    }

    public boolean isWhole() {
      return partialBytes == 0;
    }

    @Override
    public String toString() {
      if (partialBytes < 0) {
        return fileSize
            + " bytes, shorter than the "
            + headerBytes
            + "-byte header plus the "
            + trailerBytes
            + "-byte trailer";
      }
      return fileSize
          + " bytes = "
          + headerBytes
          + " header + "
          + records
          + " records of "
          + recordLength
          + " + "
          + partialBytes
          + " partial + "
          + trailerBytes
          + " trailer";
    }
  }

  @Override
  public String toString() {
    return "records of "
        + recordLength
        + " bytes, header "
        + headerBytes
        + " bytes, trailer "
        + trailerBytes
        + " bytes";
  }
}
