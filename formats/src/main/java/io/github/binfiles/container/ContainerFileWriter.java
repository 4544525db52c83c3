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
import java.io.InterruptedIOException;
import java.nio.channels.WritableByteChannel;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Writes one container file to a channel (FORMAT.md): the header at once, a block whenever the raw
 * records reach the target block size, and the last block, the index block and the trailer on
 * {@link #finish()}. If the writer dies before {@code finish()}, the file is still readable up to its
 * last complete block.
 *
 * <p>With {@linkplain ContainerOptions#withBackgroundThreads background threads} a full block is
 * compressed on one of them while the caller fills the next (up to one block in flight per thread,
 * each with its own compressor); blocks are still written in order, by the caller's thread, so the
 * bytes of the file are the same either way. A compression failure surfaces in the next {@link
 * #write} or in {@link #finish()}. The threads are daemons that end a second after their last
 * block, so a writer abandoned without {@code finish()} leaves none behind.
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
  private OutputBuffer raw;
  private final OutputBuffer scratch = new OutputBuffer(256);
  private final OutputBuffer compressed;
  private final OutputBuffer out = new OutputBuffer(FLUSH_BYTES + 4096);
  /** Null when blocks are compressed on the caller's thread. */
  private final ThreadPoolExecutor background;
  /** Blocks being compressed in the background, oldest first; and the slots ready for another. */
  private final ArrayDeque<Slot> inFlight = new ArrayDeque<>();
  private final ArrayDeque<Slot> idle = new ArrayDeque<>();
  /** The failure of a block (compressing or writing it): every later write and finish rethrows it. */
  private Exception failure;

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
    int threads = options.codec() == Codec.NONE ? 0 : options.backgroundThreads();
    this.compressor = threads > 0 ? null : newCompressor(options);
    this.raw = newRawBuffer();
    this.compressed = new OutputBuffer(options.codec() == Codec.NONE || threads > 0 ? 16 : raw.array().length);
    if (threads > 0) {
      background = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "binfiles container compression");
        t.setDaemon(true);
        return t;
      });
      background.allowCoreThreadTimeOut(true);
      for (int i = 0; i < threads; i++) {
        idle.add(new Slot());
      }
    } else {
      background = null;
    }
    RANDOM.nextBytes(sync);
    byte[] fileHeader = FileHeader.encode(sync, options.headerMetadata());
    out.write(fileHeader);
    fileOffset = fileHeader.length;
  }

  @Override
  public void write(T value) throws IOException {
    checkNotFailed();
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
    checkNotFailed();
    if (finished) {
      return;
    }
    finished = true;
    try {
      flushBlock();
      while (!inFlight.isEmpty()) {
        writeCompressed(inFlight.poll());
      }
      writeIndexAndTrailer();
    } catch (IOException | RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      if (background != null) {
        background.shutdownNow();
      }
    }
  }

  private void writeIndexAndTrailer() throws IOException {
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

  private static Compressor newCompressor(ContainerOptions options) {
    return options.codec().hasLevels() ? options.codec().newCompressor(options.codecLevel())
        : options.codec().newCompressor();
  }

  private OutputBuffer newRawBuffer() {
    return new OutputBuffer(Math.min(options.targetBlockBytes(), 1 << 20) + 1024);
  }

  private void checkNotFailed() throws IOException {
    if (failure != null) {
      throw new IOException("an earlier block of " + description + " failed, and nothing was written after it: "
          + failure.getMessage(), failure);
    }
  }

  /**
   * Ends the block being filled: writes it, or hands it to a background thread to compress. A
   * failure here (or of an earlier block, surfacing here) fails the writer for good: the file ends
   * at its last complete block.
   */
  private void flushBlock() throws IOException {
    if (blockRecords == 0) {
      return;
    }
    try {
      endBlock();
    } catch (IOException | RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  private void endBlock() throws IOException {
    int count = blockRecords;
    long first = records - blockRecords;
    if (background == null) {
      writeData(raw.size(), count, first, compress(raw, compressor, compressed));
      raw.reset();
      blockRecords = 0;
      return;
    }
    if (idle.isEmpty()) {
      writeCompressed(inFlight.poll());
    }
    blockRecords = 0;
    Slot slot = idle.poll();
    OutputBuffer block = raw;
    raw = slot.raw == null ? newRawBuffer() : slot.raw;
    raw.reset();
    slot.raw = block;
    slot.count = count;
    slot.first = first;
    slot.payload = background.submit(() -> compress(block, slot.compressor, slot.compressed));
    inFlight.add(slot);
  }

  /** Waits for {@code slot}'s block, writes it and frees the slot. */
  private void writeCompressed(Slot slot) throws IOException {
    OutputBuffer payload;
    try {
      payload = slot.payload.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while a block of " + description + " was compressed");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IOException("compressing a block of " + description + " failed", cause);
    }
    writeData(slot.raw.size(), slot.count, slot.first, payload);
    slot.payload = null;
    idle.add(slot);
  }

  /** The stored payload of {@code block}: itself without a codec, else its compression into {@code into}. */
  private OutputBuffer compress(OutputBuffer block, Compressor with, OutputBuffer into) throws IOException {
    if (options.codec() == Codec.NONE) {
      return block;
    }
    into.reset();
    with.compress(block.array(), 0, block.size(), into);
    if (into.size() > ContainerFormat.DEFAULT_MAX_BLOCK_BYTES) {
      throw new IOException("a block of " + block.size() + " bytes compresses to " + into.size()
          + " with " + options.codec().codecName() + ", more than the " + ContainerFormat.DEFAULT_MAX_BLOCK_BYTES
          + "-byte maximum block size readers accept: lower the target block size of " + description);
    }
    return into;
  }

  /** Writes one data block (and its index entry) of {@code count} records from ordinal {@code first}. */
  private void writeData(int rawSize, int count, long first, OutputBuffer payload) throws IOException {
    if (blocks == indexOffsets.length) {
      indexOffsets = Arrays.copyOf(indexOffsets, blocks * 2);
      indexOrdinals = Arrays.copyOf(indexOrdinals, blocks * 2);
      indexCounts = Arrays.copyOf(indexCounts, blocks * 2);
    }
    indexOffsets[blocks] = fileOffset;
    indexOrdinals[blocks] = first;
    indexCounts[blocks] = count;
    blocks++;
    int framing = options.recordLength() > 0 ? FRAMING_FIXED : FRAMING_VARINT;
    writeBlock(KIND_DATA, options.codec().id(), framing, count, first, options.recordLength(), payload, rawSize);
    if (out.size() >= FLUSH_BYTES) {
      out.drainTo(channel);
    }
  }

  /** One block's buffers and compressor for a background thread. */
  private final class Slot {
    final Compressor compressor = newCompressor(options);
    final OutputBuffer compressed = new OutputBuffer(Math.min(options.targetBlockBytes(), 1 << 20) + 1024);
    OutputBuffer raw;
    int count;
    long first;
    Future<OutputBuffer> payload;
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
