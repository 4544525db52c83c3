package io.github.binfiles;

import io.github.binfiles.container.ContainerFileFormat;
import io.github.binfiles.fixed.FixedRecordFormat;
import io.github.binfiles.layout.RecordLayout;
import io.github.binfiles.tfrecord.TfRecordFormat;

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

  /** binfiles container files (options: codec, block size, metadata, maximum block size). */
  public static ContainerFileFormat container() {
    return ContainerFileFormat.defaults();
  }
}
