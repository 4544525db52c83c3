package io.github.binfiles.variable;

import static io.github.binfiles.variable.Descriptors.SIZE;

import io.github.binfiles.io.OutputBuffer;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Writes one variable-length file (formats/VARIABLE.md): the header, each record behind its RDW
 * (V), or records gathered into blocks of at most {@code blockSize} bytes behind a BDW (VB), then
 * the trailer on {@link #finish()}. Records are encoded straight into one reusable buffer after room
 * for their RDW, which is filled in once the length is known. A record that does not fit a block
 * begins the next one: its bytes move by one BDW, once per block. A record with no bytes, longer
 * than the RDW can state, or too long for an empty block fails before any of its bytes reach the
 * channel.
 */
public final class VariableFileWriter<T> implements RecordFileWriter<T> {
  private static final int FLUSH_BYTES = 1 << 20;

  private final WritableByteChannel channel;
  private final RecordEncoder<T> encoder;
  private final Descriptors d;
  private final boolean blocked;
  private final int blockSize;
  private final byte[] trailer;
  private final String description;
  private final OutputBuffer buffer = new OutputBuffer(FLUSH_BYTES + (1 << 16));
  /** Index in the buffer of the open block's BDW, or -1 when no block is open. */
  private int blockStart = -1;
  private long records;

  VariableFileWriter(WritableByteChannel channel, RecordEncoder<T> encoder, VariableFraming framing,
      int blockSize, byte[] header, byte[] trailer, String description) {
    this.channel = channel;
    this.encoder = encoder;
    this.d = framing.descriptors();
    this.blocked = framing.blocked();
    this.blockSize = blockSize;
    this.trailer = trailer.clone();
    this.description = description;
    buffer.write(header);
  }

  @Override
  public void write(T value) throws IOException {
    if (d.lengthField != null) {
      writeHoldingLength(value);
      return;
    }
    int before = buffer.size();
    boolean opens = blocked && blockStart < 0;
    if (opens) {
      buffer.reserve(SIZE);
    }
    int rdw = buffer.reserve(SIZE);
    RecordEncoder.encodeOrRestore(encoder, value, buffer, before, records, description);
    int data = buffer.size() - rdw - SIZE;
    String problem = data < 1 ? "empty (a variable-length record holds at least one byte)"
        : data > d.largestPayload() ? data + " bytes, more than an RDW states with adjustment "
            + d.rdwAdjustment + " or the maximum record size (" + d.largestPayload() + ")"
        : blocked && 2 * SIZE + data > blockSize ? data + " bytes, too long for a block of "
            + blockSize + " bytes with its BDW and RDW (withBlockSize)"
        : null;
    if (problem != null) {
      buffer.truncate(before);
      throw new IllegalArgumentException("record " + records + " of " + description + " is " + problem);
    }
    d.putRdw(buffer.array(), rdw, data);
    records++;
    if (!blocked) {
      if (buffer.size() >= FLUSH_BYTES) {
        buffer.drainTo(channel);
      }
      return;
    }
    if (opens) {
      blockStart = before;
    } else if (buffer.size() - blockStart > blockSize) {
      closeBlock(rdw);
      // The record begins the next block: flush what is complete, then put a BDW before it.
      int length = SIZE + data;
      if (rdw >= FLUSH_BYTES) {
        channel(buffer.array(), rdw);
        System.arraycopy(buffer.array(), rdw, buffer.array(), SIZE, length);
        buffer.truncate(0);
        buffer.reserve(SIZE + length);
        blockStart = 0;
      } else {
        buffer.reserve(SIZE);
        System.arraycopy(buffer.array(), rdw, buffer.array(), rdw + SIZE, length);
        blockStart = rdw;
      }
    }
  }

  /**
   * A record that holds its own length: written as encoded, once its length field is checked to
   * state exactly its length (a record that would read back as another length fails).
   */
  private void writeHoldingLength(T value) throws IOException {
    int start = buffer.size();
    RecordEncoder.encodeOrRestore(encoder, value, buffer, start, records, description);
    int length = buffer.size() - start;
    String problem = null;
    if (length < d.lengthBytes()) {
      problem = length + " bytes, shorter than its " + d.lengthField;
    } else {
      int stated = d.fieldRecordLength(buffer.array(), start);
      if (stated != length) {
        problem = length + " bytes, but its " + d.lengthField + " holds "
            + java.util.HexFormat.of().formatHex(buffer.array(), start + d.lengthField.offset(),
                start + d.lengthField.offset() + d.lengthField.width())
            + (stated < 0 ? ", " + d.whyNotField(stated, buffer.array(), start)
                : ", which with adjustment " + d.rdwAdjustment + " states " + stated + " bytes");
      }
    }
    if (problem != null) {
      buffer.truncate(start);
      throw new IllegalArgumentException("record " + records + " of " + description + " is " + problem);
    }
    records++;
    if (buffer.size() >= FLUSH_BYTES) {
      buffer.drainTo(channel);
    }
  }

  /** Writes the BDW of the open block, which ends just before {@code end}. */
  private void closeBlock(int end) {
    d.putBdw(buffer.array(), blockStart, end - blockStart);
  }

  private void channel(byte[] bytes, int length) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes, 0, length);
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  /** Number of records written so far. */
  public long records() {
    return records;
  }

  /** Closes the last block, writes the trailer and everything buffered. Does not close the channel. */
  @Override
  public void finish() throws IOException {
    if (blockStart >= 0) {
      closeBlock(buffer.size());
      blockStart = -1;
    }
    buffer.write(trailer);
    buffer.drainTo(channel);
  }
}
