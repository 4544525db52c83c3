package io.github.binfiles.fixed;

import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import io.github.binfiles.layout.RecordLayout;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.Map;

/**
 * Files of fixed-length records: an optional header, records of exactly {@link #recordLength()}
 * bytes, an optional trailer. Reads need only the lengths ({@link #withHeaderBytes}); writes need
 * the bytes themselves ({@link #withHeader}, which also sets the length).
 *
 * <pre>{@code
 * ReadFromBinaryFiles.of(Formats.fixed(64).withHeaderBytes(128)).from("gs://bucket/in/*.dat")
 * WriteToBinaryFiles.of(Formats.fixed(64).withHeader(header)).to("gs://bucket/out/part")
 * }</pre>
 */
public final class FixedRecordFormat implements FileFormat {
  private static final long serialVersionUID = 1L;
  private final FixedRecordFraming framing;
  /** Bytes writers put before the records, or null when only the length is known. */
  private final byte[] header;
  private final byte[] trailer;

  private FixedRecordFormat(FixedRecordFraming framing, byte[] header, byte[] trailer) {
    this.framing = framing;
    this.header = header;
    this.trailer = trailer;
  }

  /**
   * @throws IllegalArgumentException if {@code recordLength} is not positive
   */
  public static FixedRecordFormat of(int recordLength) {
    return new FixedRecordFormat(FixedRecordFraming.of(recordLength, 0, 0), new byte[0], new byte[0]);
  }

  public int recordLength() {
    return framing.recordLength();
  }

  /** Bytes at the start of every file that are not records (for reading). */
  public FixedRecordFormat withHeaderBytes(long headerBytes) {
    return new FixedRecordFormat(
        FixedRecordFraming.of(framing.recordLength(), headerBytes, framing.trailerBytes()),
        headerBytes == 0 ? new byte[0] : null, trailer);
  }

  /**
   * Checks each file's header before its records are read ({@link HeaderCheck}: e.g. a record count
   * the header holds against the file's size). A problem is damage at the header: the read fails
   * under FAIL, naming the file and the problem; under SKIP it is reported (no record lost) and the
   * records are read. Set the header's length first.
   *
   * <pre>{@code
   * Formats.fixed(64).withHeaderBytes(16).withHeaderCheck((header, size) -> {
   *   long count = ByteBuffer.wrap(header, 8, 8).getLong();
   *   return size < 0 || count == (size - 16) / 64 ? null
   *       : "the header counts " + count + " records, the file holds " + (size - 16) / 64;
   * })
   * }</pre>
   */
  public FixedRecordFormat withHeaderCheck(HeaderCheck check) {
    return new FixedRecordFormat(framing.withHeaderCheck(check), header, trailer);
  }

  /** Bytes at the end of every file that are not records (for reading). */
  public FixedRecordFormat withTrailerBytes(long trailerBytes) {
    return new FixedRecordFormat(
        FixedRecordFraming.of(framing.recordLength(), framing.headerBytes(), trailerBytes)
            .withHeaderCheck(framing.headerCheck()),
        header, trailerBytes == 0 ? new byte[0] : null);
  }

  /** Constant bytes at the start of every file: written by writers, skipped by readers. */
  public FixedRecordFormat withHeader(byte[] bytes) {
    return new FixedRecordFormat(
        FixedRecordFraming.of(framing.recordLength(), bytes.length, framing.trailerBytes()),
        bytes.clone(), trailer);
  }

  /** Constant bytes at the end of every file: written by writers, skipped by readers. */
  public FixedRecordFormat withTrailer(byte[] bytes) {
    return new FixedRecordFormat(
        FixedRecordFraming.of(framing.recordLength(), framing.headerBytes(), bytes.length)
            .withHeaderCheck(framing.headerCheck()),
        header, bytes.clone());
  }

  @Override
  public String name() {
    return "fixed";
  }

  @Override
  public FixedRecordFraming framing() {
    return framing;
  }

  @Override
  public String defaultSuffix() {
    return ".bin";
  }

  @Override
  public void validateForWrite() {
    if (header == null || trailer == null) {
      throw new IllegalStateException("this fixed-record format knows only the length of its "
          + (header == null ? "header" : "trailer") + "; to write files give the bytes with "
          + (header == null ? "withHeader(byte[])" : "withTrailer(byte[])"));
    }
  }

  @Override
  public <T> RecordFileWriter<T> openWriter(
      WritableByteChannel channel, RecordEncoder<T> encoder, String description) throws IOException {
    validateForWrite();
    return new FixedRecordFileWriter<>(channel, framing.recordLength(), header, trailer, encoder, description);
  }

  @Override
  public FixedRecordFormat withLayout(RecordLayout layout) {
    if (layout.recordLength() != framing.recordLength()) {
      throw new IllegalArgumentException("layout describes records of " + layout.recordLength()
          + " bytes but this format has records of " + framing.recordLength());
    }
    return this;
  }

  @Override
  public Map<String, Object> describe() {
    return framing.describe();
  }

  @Override
  public String toString() {
    return "fixed: " + framing;
  }
}
