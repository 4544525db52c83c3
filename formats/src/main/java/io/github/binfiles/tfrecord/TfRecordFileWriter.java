package io.github.binfiles.tfrecord;

import static io.github.binfiles.tfrecord.TfRecordFraming.HEADER;

import io.github.binfiles.io.LittleEndian;
import io.github.binfiles.io.OutputBuffer;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * Writes one TFRecord file: each value is encoded straight into one reusable buffer after room for
 * its 12-byte header, which is filled in once the length is known, followed by the data checksum.
 * Buffered bytes go to the channel in large chunks. A record longer than the maximum readers accept
 * by default fails before any of its bytes reach the channel.
 */
public final class TfRecordFileWriter<T> implements RecordFileWriter<T> {
  private static final int FLUSH_BYTES = 1 << 20;

  private final WritableByteChannel channel;
  private final RecordEncoder<T> encoder;
  private final String description;
  private final int maxRecordBytes;
  private final OutputBuffer buffer = new OutputBuffer(FLUSH_BYTES + 4096);
  private final TfRecordChecksum checksum = new TfRecordChecksum();
  private long records;

  /**
   * @param maxRecordBytes the largest record to write (readers reject larger ones by default)
   * @param description names the output in error messages
   */
  public TfRecordFileWriter(
      WritableByteChannel channel, RecordEncoder<T> encoder, int maxRecordBytes, String description) {
    this.channel = channel;
    this.encoder = encoder;
    this.maxRecordBytes = maxRecordBytes;
    this.description = description;
  }

  @Override
  public void write(T value) throws IOException {
    int start = buffer.reserve(HEADER);
    RecordEncoder.encodeOrRestore(encoder, value, buffer, start, records, description);
    int length = buffer.size() - start - HEADER;
    if (length > maxRecordBytes) {
      buffer.truncate(start);
      throw new IllegalArgumentException("record " + records + " of " + description + " is " + length
          + " bytes, more than the " + maxRecordBytes + " bytes readers accept");
    }
    byte[] b = buffer.array();
    LittleEndian.putLong(b, start, length);
    LittleEndian.putInt(b, start + 8, checksum.masked(b, start, 8));
    buffer.writeIntLE(checksum.masked(buffer.array(), start + HEADER, length));
    records++;
    if (buffer.size() >= FLUSH_BYTES) {
      buffer.drainTo(channel);
    }
  }

  /** Number of records written so far. */
  public long records() {
    return records;
  }

  /** Writes everything buffered. Does not close the channel. */
  @Override
  public void finish() throws IOException {
    buffer.drainTo(channel);
  }
}
