package io.github.binfiles.report;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Where a record came from: its file and its 0-based ordinal among the file's records. For
 * fixed-length files the ordinal is {@code (offset - headerBytes) / recordLength}; for container
 * files it is stored in each block header. Ordinals are dense: a file's records are numbered 0, 1,
 * 2, ... with no gaps, so a gap in what a pipeline saw means lost records.
 */
@DefaultCoder(RecordIdCoder.class)
public final class RecordId implements Serializable, Comparable<RecordId> {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long ordinal;

  public RecordId(String file, long ordinal) {
    this.file = Objects.requireNonNull(file, "file");
    this.ordinal = ordinal;
  }

  public String getFile() {
    return file;
  }

  public long getOrdinal() {
    return ordinal;
  }

  @Override
  public int compareTo(RecordId o) {
    int c = file.compareTo(o.file);
    return c != 0 ? c : Long.compare(ordinal, o.ordinal);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordId
        && ((RecordId) o).ordinal == ordinal
        && ((RecordId) o).file.equals(file);
  }

  @Override
  public int hashCode() {
    return file.hashCode() * 31 + Long.hashCode(ordinal);
  }

  @Override
  public String toString() {
    return file + "#" + ordinal;
  }
}
