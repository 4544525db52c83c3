package io.github.binfiles.container;

import static io.github.binfiles.container.ContainerFormat.FRAMING_FIXED;
import static io.github.binfiles.container.ContainerFormat.FRAMING_VARINT;
import static io.github.binfiles.container.ContainerFormat.INDEX_ENTRY_SIZE;
import static io.github.binfiles.container.ContainerFormat.KIND_DATA;
import static io.github.binfiles.container.ContainerFormat.KIND_INDEX;

import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.codec.Compressor;
import io.github.binfiles.io.OutputBuffer;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Writes one container file to a channel (FORMAT.md): the header at once, a block whenever the raw
 * records reach the target block size, and the last block, the index block and the trailer on
 * {@link #finish()}. If the writer dies before {@code finish()}, the file is still readable up to its
 * last complete block.
 */
public final class ContainerFileWriter<T> implements RecordFileWriter<T> {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int FLUSH_BYTES = 1 << 20;

  private final WritableByteChannel channel;
  private final ContainerOptions options;
  private final RecordEncoder<T> encoder;
  private final String description;
  private final byte[] sync = new byte[ContainerFormat.SYNC_SIZE];
  private final Compressor compressor;
  private final CRC32C crc = new CRC32C();
  private final BlockHeader header = new BlockHeader();
  private final OutputBuffer raw;
  private final OutputBuffer scratch = new OutputBuffer(256);
  private final OutputBuffer compressed;
  private final OutputBuffer out = new OutputBuffer(FLUSH_BYTES + 4096);

  private long fileOffset;
  private int blockRecords;
  private long records;
  private long[] indexOffsets = new long[64];
  private long[] indexOrdinals = new long[64];
  private int[] indexCounts = new int[64];
  private int blocks;
  private boolean finished;

  public ContainerFileWriter(
      WritableByteChannel channel,
      ContainerOptions options,
      RecordEncoder<T> encoder,
      String description)
      throws IOException {
    this.channel = channel;
    this.options = options;
    this.encoder = encoder;
    this.description = description;
    this.compressor = options.codec().hasLevels() ? options.codec().newCompressor(options.codecLevel())
        : options.codec().newCompressor();
    this.raw = new OutputBuffer(Math.min(options.targetBlockBytes(), 1 << 20) + 1024);
    this.compressed = new OutputBuffer(options.codec() == Codec.NONE ? 16 : raw.array().length);
    RANDOM.nextBytes(sync);
    byte[] fileHeader = FileHeader.encode(sync, options.headerMetadata());
    out.write(fileHeader);
    fileOffset = fileHeader.length;
  }

  @Override
  public void write(T value) throws IOException {
    int before = raw.size();
    int fixed = options.recordLength();
    try {
      if (fixed > 0) {
        if (before + fixed > ContainerFormat.DEFAULT_MAX_BLOCK_BYTES && blockRecords > 0) {
          flushBlock();
          before = 0;
        }
        encoder.encode(value, raw);
        int written = raw.size() - before;
        if (written != fixed) {
          raw.truncate(before);
          throw new IllegalArgumentException(
              "record " + records + " of " + description + " is " + written
                  + " bytes, but this container holds records of exactly " + fixed + " bytes");
        }
      } else {
        scratch.reset();
        encoder.encode(value, scratch);
        long framed = OutputBuffer.varintSize(scratch.size()) + (long) scratch.size();
        if (framed > ContainerFormat.DEFAULT_MAX_BLOCK_BYTES) {
          throw new IllegalArgumentException(
              "record " + records + " of " + description + " is " + scratch.size()
                  + " bytes; a block, and so a record, holds at most "
                  + ContainerFormat.DEFAULT_MAX_BLOCK_BYTES + " bytes");
        }
        if (before + framed > ContainerFormat.DEFAULT_MAX_BLOCK_BYTES && blockRecords > 0) {
          flushBlock();
          before = 0;
        }
        raw.writeVarint(scratch.size()).write(scratch.array(), 0, scratch.size());
      }
    } catch (IOException | RuntimeException e) {
      raw.truncate(before);
      throw e;
    } catch (Exception e) {
      raw.truncate(before);
      throw new IOException("encoder failed on record " + records + " of " + description, e);
    }
    blockRecords++;
    records++;
    if (raw.size() >= options.targetBlockBytes()) {
      flushBlock();
    }
  }

  /** Records written so far. */
  public long records() {
    return records;
  }

  /** Data blocks written so far. */
  public int blocks() {
    return blocks;
  }

  /** Writes the last block, the index block and the trailer, and flushes. Keeps the channel open. */
  @Override
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    flushBlock();
    long indexOffset = fileOffset;
    OutputBuffer index = new OutputBuffer(blocks * INDEX_ENTRY_SIZE + 16);
    for (int b = 0; b < blocks; b++) {
      index.writeLongLE(indexOffsets[b]).writeLongLE(indexOrdinals[b]).writeIntLE(indexCounts[b]);
    }
    writeBlock(KIND_INDEX, Codec.NONE.id(), FRAMING_FIXED, blocks, records, INDEX_ENTRY_SIZE, index, index.size());
    Trailer.writeTo(out, indexOffset, records, blocks);
    fileOffset += ContainerFormat.TRAILER_SIZE;
    out.drainTo(channel);
  }

  private void flushBlock() throws IOException {
    if (blockRecords == 0) {
      return;
    }
    if (blocks == indexOffsets.length) {
      indexOffsets = Arrays.copyOf(indexOffsets, blocks * 2);
      indexOrdinals = Arrays.copyOf(indexOrdinals, blocks * 2);
      indexCounts = Arrays.copyOf(indexCounts, blocks * 2);
    }
    indexOffsets[blocks] = fileOffset;
    indexOrdinals[blocks] = records - blockRecords;
    indexCounts[blocks] = blockRecords;
    blocks++;
    OutputBuffer payload = raw;
    if (options.codec() != Codec.NONE) {
      compressed.reset();
      compressor.compress(raw.array(), 0, raw.size(), compressed);
      payload = compressed;
      if (payload.size() > ContainerFormat.DEFAULT_MAX_BLOCK_BYTES) {
        throw new IOException("a block of " + raw.size() + " bytes compresses to " + payload.size()
            + " with " + options.codec().codecName() + ", more than the " + ContainerFormat.DEFAULT_MAX_BLOCK_BYTES
            + "-byte maximum block size readers accept: lower the target block size of " + description);
      }
    }
    int framing = options.recordLength() > 0 ? FRAMING_FIXED : FRAMING_VARINT;
    writeBlock(KIND_DATA, options.codec().id(), framing, blockRecords, records - blockRecords,
        options.recordLength(), payload, raw.size());
    raw.reset();
    blockRecords = 0;
    if (out.size() >= FLUSH_BYTES) {
      out.drainTo(channel);
    }
  }

  private void writeBlock(
      int kind, int codecId, int framing, int count, long firstOrdinal, int recordLength,
      OutputBuffer payload, int rawSize) {
    crc.reset();
    crc.update(payload.array(), 0, payload.size());
    header.kind = kind;
    header.codecId = codecId;
    header.framing = framing;
    header.recordCount = count;
    header.firstOrdinal = firstOrdinal;
    header.storedSize = payload.size();
    header.rawSize = rawSize;
    header.recordLength = recordLength;
    header.payloadCrc = (int) crc.getValue();
    header.writeTo(out, sync);
    out.write(payload.array(), 0, payload.size());
    fileOffset += ContainerFormat.BLOCK_OVERHEAD + payload.size();
  }
}
