package io.github.binfiles.report;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A field a read set to null under {@link CorruptionPolicy#SKIP} because its bytes are not a valid
 * value of its type (a bad packed-decimal nibble, an invalid sign, a boolean byte other than 0 or
 * 1). The record itself was returned, with that field null.
 *
 * <p>It names the file, the record's ordinal, the record's byte offset in the file ({@link
 * SkippedRegion#UNKNOWN} for container files, whose records sit inside possibly compressed blocks;
 * the ordinal locates them, e.g. with {@code binfiles cat --from-record}), the field, its offset within
 * the record, its bytes and the problem. The record's reader reports it exactly once.
 */
@DefaultCoder(NulledFieldCoder.class)
public final class NulledField implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long recordOrdinal;
  private final long recordOffset;
  private final String field;
  private final int fieldOffset;
  private final byte[] bytes;
  private final String problem;

  public NulledField(
      String file,
      long recordOrdinal,
      long recordOffset,
      String field,
      int fieldOffset,
      byte[] bytes,
      String problem) {
    this.file = Objects.requireNonNull(file, "file");
    this.recordOrdinal = recordOrdinal;
    this.recordOffset = recordOffset;
    this.field = Objects.requireNonNull(field, "field");
    this.fieldOffset = fieldOffset;
    this.bytes = Objects.requireNonNull(bytes, "bytes").clone();
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  public String getFile() {
    return file;
  }

  public long getRecordOrdinal() {
    return recordOrdinal;
  }

  /** The record's first byte in the file, or {@link SkippedRegion#UNKNOWN} in container files. */
  public long getRecordOffset() {
    return recordOffset;
  }

  public String getField() {
    return field;
  }

  /** The field's offset within the record. */
  public int getFieldOffset() {
    return fieldOffset;
  }

  /** A copy of the field's bytes. */
  public byte[] getBytes() {
    return bytes.clone();
  }

  public String getProblem() {
    return problem;
  }

  /** The field's bytes in hex, e.g. {@code 12345f}. */
  public String hexBytes() {
    return java.util.HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NulledField)) {
      return false;
    }
    NulledField that = (NulledField) o;
    return recordOrdinal == that.recordOrdinal
        && recordOffset == that.recordOffset
        && fieldOffset == that.fieldOffset
        && file.equals(that.file)
        && field.equals(that.field)
        && Arrays.equals(bytes, that.bytes)
        && problem.equals(that.problem);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, recordOrdinal, field);
  }

  @Override
  public String toString() {
    String where = recordOffset < 0 ? "" : " at byte " + recordOffset;
    return file + " record " + recordOrdinal + where + ": field " + field + " (record byte "
        + fieldOffset + ") holds " + hexBytes() + ": " + problem + "; set to null";
  }
}
