package io.github.binfiles.tfrecord;

import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.Framing;
import io.github.binfiles.framing.UnitReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The framing of TFRecord files (formats/TFRECORD.md): records of {@code uint64 length},
 * {@code uint32 masked_crc32c(length)}, {@code length} bytes of data, {@code uint32
 * masked_crc32c(data)}, little-endian, with no file header and no sync marker. This is the one place
 * that knows where a TFRecord starts: a position is a record start when its length checksum matches,
 * its length is at most {@link #maxRecordBytes()} and fits the file, and its data checksum matches
 * ({@link TfRecordUnits}). A range that starts at 0 follows the chain of records; any other range
 * starts at the first record start at or after its first byte. Built {@linkplain #wholeFiles()
 * unsplittable}, every file is read whole, following the chain from byte 0.
 */
public final class TfRecordFraming implements Framing {
  private static final long serialVersionUID = 1L;
  /** Length field, its checksum, and the data checksum. */
  static final int OVERHEAD = 16;
  static final int HEADER = 12;
  public static final int DEFAULT_MAX_RECORD_BYTES = 256 << 20;
  private static final int MAX_MAX_RECORD_BYTES = Integer.MAX_VALUE - 64;

  private final int maxRecordBytes;
  private final boolean splittable;

  private TfRecordFraming(int maxRecordBytes, boolean splittable) {
    this.maxRecordBytes = maxRecordBytes;
    this.splittable = splittable;
  }

  /**
   * @param maxRecordBytes the largest record a reader accepts: a length field claiming more is
   *     damage, checked before any allocation
   */
  public static TfRecordFraming of(int maxRecordBytes) {
    if (maxRecordBytes <= 0 || maxRecordBytes > MAX_MAX_RECORD_BYTES) {
      throw new IllegalArgumentException("maximum record size must be 1 to " + MAX_MAX_RECORD_BYTES
          + " bytes, was " + maxRecordBytes);
    }
    return new TfRecordFraming(maxRecordBytes, true);
  }

  /**
   * This framing reading each file whole on one reader, from byte 0 along the chain of records:
   * for files whose records themselves hold TFRecord bytes, which a search from the middle of a
   * file could take for records (TFRECORD.md, "Known limit").
   */
  public TfRecordFraming wholeFiles() {
    return new TfRecordFraming(maxRecordBytes, false);
  }

  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  @Override
  public boolean splittable() {
    return splittable;
  }

  /**
   * Ranges other than the first start by a search, which records holding TFRecord bytes can
   * mislead: every boundary is confirmed (RangeBoundary), so such a split fails instead of
   * returning the embedded records (TFRECORD.md section 5).
   */
  @Override
  public boolean searchesForRangeStarts() {
    return splittable;
  }

  @Override
  public UnitReader open(FileRange range) throws IOException {
    return TfRecordUnits.open(range, maxRecordBytes);
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("maxRecordBytes", maxRecordBytes);
    m.put("splitBy", splittable ? "offset" : "file");
    return m;
  }
}
