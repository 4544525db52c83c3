package io.github.binfiles;

import io.github.binfiles.container.ContainerFileFormat;
import io.github.binfiles.fixed.FixedRecordFormat;
import io.github.binfiles.layout.RecordLayout;
import io.github.binfiles.tfrecord.TfRecordFormat;
import io.github.binfiles.variable.VariableFormat;

/**
 * The built-in file formats, for {@link ReadFromBinaryFiles#of} and {@code WriteToBinaryFiles.of}.
 * Each returns an immutable value whose {@code withX} methods set the format's own options.
 */
public final class Formats {
  private Formats() {}

  /** Files of {@code recordLength}-byte records (options: header, trailer). */
  public static FixedRecordFormat fixed(int recordLength) {
    return FixedRecordFormat.of(recordLength);
  }

  /** Files of records laid out by {@code layout}: records of its length. */
  public static FixedRecordFormat fixed(RecordLayout layout) {
    return FixedRecordFormat.of(layout.recordLength());
  }

  /** TFRecord files, split by byte offset and resynchronised by checksums (option: maximum record size). */
  public static TfRecordFormat tfRecord() {
    return TfRecordFormat.defaults();
  }

  /**
   * Mainframe variable-length records, {@code RECFM=V}: each behind a 4-byte RDW (options: byte
   * order, RDW adjustment, header, trailer, record offsets; see formats/VARIABLE.md).
   */
  public static VariableFormat variable() {
    return VariableFormat.records();
  }

  /** Mainframe variable-length records in blocks, {@code RECFM=VB}: RDW records behind a BDW. */
  public static VariableFormat variableBlocked() {
    return VariableFormat.blocked();
  }

  /** binfiles container files (options: codec, block size, metadata, maximum block size). */
  public static ContainerFileFormat container() {
    return ContainerFileFormat.defaults();
  }
}
