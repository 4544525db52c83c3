package io.github.binfiles.report;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Where a record came from: its file, its 0-based ordinal among the file's records, and its byte
 * offset in the file, each {@link #UNKNOWN} when the format cannot tell. For fixed-length files both
 * are known (the ordinal is {@code (offset - headerBytes) / recordLength}); container files store
 * ordinals in each block header (records inside compressed blocks have no offset of their own);
 * formats that number nothing (TFRecord) give the offset only. Where ordinals are known they are
 * dense: a file's records are numbered 0, 1, 2, ... with no gaps, so a gap means lost records.
 */
@DefaultCoder(RecordIdCoder.class)
public final class RecordId implements Serializable, Comparable<RecordId> {
  private static final long serialVersionUID = 1L;
  public static final long UNKNOWN = -1;

  private final String file;
  private final long ordinal;
  private final long offset;

  public RecordId(String file, long ordinal) {
    this(file, ordinal, UNKNOWN);
  }

  public RecordId(String file, long ordinal, long offset) {
    this.file = Objects.requireNonNull(file, "file");
    this.ordinal = ordinal;
    this.offset = offset;
  }

  public String getFile() {
    return file;
  }

  /** The record's 0-based ordinal in its file, or {@link #UNKNOWN}. */
  public long getOrdinal() {
    return ordinal;
  }

  /** The record's byte offset in its file (decompressed bytes for compressed files), or {@link #UNKNOWN}. */
  public long getOffset() {
    return offset;
  }

  @Override
  public int compareTo(RecordId o) {
    int c = file.compareTo(o.file);
    if (c != 0) {
      return c;
    }
    c = Long.compare(ordinal, o.ordinal);
    return c != 0 ? c : Long.compare(offset, o.offset);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordId
        && ((RecordId) o).ordinal == ordinal
        && ((RecordId) o).offset == offset
        && ((RecordId) o).file.equals(file);
  }

  @Override
  public int hashCode() {
    return (file.hashCode() * 31 + Long.hashCode(ordinal)) * 31 + Long.hashCode(offset);
  }

  @Override
  public String toString() {
    return ordinal != UNKNOWN ? file + "#" + ordinal : file + "@" + offset;
  }
}
