package io.github.binfiles.tfrecord;

import io.github.binfiles.layout.RecordLayout;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import java.nio.channels.WritableByteChannel;
import java.util.Map;

/**
 * TFRecord files (TensorFlow's record format, formats/TFRECORD.md), read split by byte offset and
 * resynchronised by checksums after damage. Records are numbered by nothing in the file, so record
 * ids carry byte offsets, not ordinals. Whole-file GZIP or ZLIB (DEFLATE) compression is read by
 * extension and written with the write transform's {@code withCompression}; compressed files are
 * read unsplit, and so is every file after {@link #withoutSplitting()}.
 *
 * <pre>{@code
 * ReadFromBinaryFiles.of(Formats.tfRecord()).from("gs://bucket/train/*.tfrecord")
 * WriteToBinaryFiles.of(Formats.tfRecord()).to("gs://bucket/out/part")
 * }</pre>
 */
public final class TfRecordFormat implements FileFormat {
  private static final long serialVersionUID = 1L;
  private final TfRecordFraming framing;

  private TfRecordFormat(TfRecordFraming framing) {
    this.framing = framing;
  }

  public static TfRecordFormat defaults() {
    return new TfRecordFormat(TfRecordFraming.of(TfRecordFraming.DEFAULT_MAX_RECORD_BYTES));
  }

  /**
   * The largest record readers accept and writers write (default 256 MiB): a length field claiming
   * more is damage, never an allocation.
   */
  public TfRecordFormat withMaxRecordBytes(int maxRecordBytes) {
    TfRecordFraming f = TfRecordFraming.of(maxRecordBytes);
    return new TfRecordFormat(framing.splittable() ? f : f.wholeFiles());
  }

  /**
   * Reads each file whole on one worker, following the chain of records from byte 0, as Beam's
   * {@code TFRecordIO} does: for files whose records themselves hold TFRecord bytes (TFRecord files
   * stored as records), which a split starting inside such a record could take for records.
   * Damage is still skipped and reported under the skip policy.
   */
  public TfRecordFormat withoutSplitting() {
    return new TfRecordFormat(framing.wholeFiles());
  }

  @Override
  public String name() {
    return "tfrecord";
  }

  @Override
  public TfRecordFraming framing() {
    return framing;
  }

  @Override
  public String defaultSuffix() {
    return ".tfrecord";
  }

  @Override
  public <T> RecordFileWriter<T> openWriter(
      WritableByteChannel channel, RecordEncoder<T> encoder, String description) {
    return new TfRecordFileWriter<>(channel, encoder, framing.maxRecordBytes(), description);
  }

  /** Records of any length: every layout fits; none is stored. */
  @Override
  public TfRecordFormat withLayout(RecordLayout layout) {
    return this;
  }

  @Override
  public Map<String, Object> describe() {
    return framing.describe();
  }

  @Override
  public String toString() {
    return "tfrecord: records up to " + framing.maxRecordBytes() + " bytes"
        + (framing.splittable() ? "" : ", whole files");
  }
}
