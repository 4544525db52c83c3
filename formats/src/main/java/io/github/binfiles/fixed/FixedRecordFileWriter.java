package io.github.binfiles.fixed;

import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import io.github.binfiles.io.OutputBuffer;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * Writes one fixed-record file to a channel: the header, records of exactly {@code recordLength}
 * bytes, and the trailer on {@link #finish()}. Records are encoded straight into one reusable buffer
 * that is written to the channel in large chunks.
 *
 * <p>A value whose encoding is not exactly one record long fails with an {@link
 * IllegalArgumentException} before any of its bytes reach the channel.
 */
public final class FixedRecordFileWriter<T> implements RecordFileWriter<T> {
  private static final int FLUSH_BYTES = 1 << 20;

  private final WritableByteChannel channel;
  private final RecordEncoder<T> encoder;
  private final int recordLength;
  private final byte[] trailer;
  private final String description;
  private final OutputBuffer buffer;
  private long records;

  /**
   * @param description names the output in error messages (for example the file name)
   */
  public FixedRecordFileWriter(
      WritableByteChannel channel,
      int recordLength,
      byte[] header,
      byte[] trailer,
      RecordEncoder<T> encoder,
      String description)
      throws IOException {
    FixedRecordFraming.of(recordLength, header.length, trailer.length);
    this.channel = channel;
    this.encoder = encoder;
    this.recordLength = recordLength;
    this.trailer = trailer.clone();
    this.description = description;
    this.buffer = new OutputBuffer(FLUSH_BYTES + recordLength);
    buffer.write(header);
  }

  @Override
  public void write(T value) throws IOException {
    int before = buffer.size();
    RecordEncoder.encodeOrRestore(encoder, value, buffer, before, records, description);
    int written = buffer.size() - before;
    if (written != recordLength) {
      buffer.truncate(before);
      throw new IllegalArgumentException(
          "record "
              + records
              + " of "
              + description
              + " is "
              + written
              + " bytes, but this file holds records of exactly "
              + recordLength
              + " bytes");
    }
    records++;
    if (buffer.size() >= FLUSH_BYTES) {
      buffer.drainTo(channel);
    }
  }

  /** Number of records written so far. */
  public long records() {
    return records;
  }

  /** Writes the trailer and everything buffered. Does not close the channel. */
  @Override
  public void finish() throws IOException {
    buffer.write(trailer);
    buffer.drainTo(channel);
  }
}
