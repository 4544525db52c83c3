package io.github.binfiles.container;

import static io.github.binfiles.container.ContainerFormat.BLOCK_OVERHEAD;
import static io.github.binfiles.container.ContainerFormat.FRAMING_FIXED;
import static io.github.binfiles.container.ContainerFormat.FRAMING_VARINT;
import static io.github.binfiles.container.ContainerFormat.INDEX_ENTRY_SIZE;
import static io.github.binfiles.container.ContainerFormat.KIND_DATA;
import static io.github.binfiles.container.ContainerFormat.KIND_INDEX;
import static io.github.binfiles.container.ContainerFormat.SYNC_SIZE;

import io.github.binfiles.SkippedRegion;
import io.github.binfiles.io.LittleEndian;
import io.github.binfiles.io.PositionedInput;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Walks the blocks of one byte range of a container file: the only code that knows where a range's
 * first block is, whether a block is intact, and what a damaged region spans (FORMAT.md sections 7
 * and 8).
 *
 * <ul>
 *   <li>A range that starts at 0 expects its first block right after the file header.
 *   <li>Any other range searches from its start for the first intact block, trying every occurrence
 *       of the sync marker, and never reports what it skips while searching: those bytes are the
 *       tail of a block, or damage that the reader of the preceding block reports.
 *   <li>After each intact block, the next block must begin exactly where it ends. If it does not, the
 *       bytes up to the next intact block (or end of file) are one damaged region, reported by this
 *       cursor with the ordinals it lost.
 * </ul>
 *
 * <p>A block is returned only when every check of FORMAT.md section 4 passed, so no record of a
 * damaged block ever reaches a caller.
 */
public final class BlockCursor {
  /** What {@link #next()} found. */
  public enum Event {
    /** An intact data block: see {@link #block()}. */
    BLOCK,
    /** A damaged region: see {@link #skipped()}. */
    SKIPPED,
    /** No more blocks in this range. */
    END
  }

  private enum Mode {
    SEARCH,
    EXPECT,
    DONE
  }

  private final PositionedInput input;
  private final String file;
  private final byte[] sync;
  private final int maxBlockBytes;
  private final CRC32C crc = new CRC32C();
  private final BlockHeader header = new BlockHeader();
  private final Block block = new Block();
  private final Map<Codec, Codec.Decompressor> decompressors = new EnumMap<>(Codec.class);
  private byte[] rawBuffer = new byte[0];

  private Mode mode;
  private long expectAt;
  private long searchLimit = Long.MAX_VALUE;
  /** Ordinal the next data block should start at; known after the header or an intact block. */
  private long nextOrdinal;
  private boolean pendingBlock;
  private boolean footerSeen;
  private String problem;
  private SkippedRegion skipped;
  /** Kind of the last intact block found, and its first-ordinal field. */
  private int foundKind;

  /**
   * @param input positioned at {@code rangeStart}
   * @param rangeStart the start of the range this cursor reads
   */
  public BlockCursor(
      PositionedInput input, FileHeader fileHeader, String file, long rangeStart, int maxBlockBytes) {
    this.input = input;
    this.file = file;
    this.sync = fileHeader.syncMarkerShared();
    this.maxBlockBytes = maxBlockBytes;
    if (rangeStart == 0) {
      mode = Mode.EXPECT;
      expectAt = fileHeader.length();
      nextOrdinal = 0;
    } else {
      mode = Mode.SEARCH;
      expectAt = Math.max(rangeStart, fileHeader.length());
    }
  }

  /**
   * A cursor that expects an intact block at {@code offset} whose first record has ordinal {@code
   * firstOrdinal} (known from the index), and reports damage from there on like a chained reader.
   */
  public static BlockCursor expectingBlockAt(
      PositionedInput input, FileHeader fileHeader, String file, long offset, long firstOrdinal,
      int maxBlockBytes) {
    BlockCursor c = new BlockCursor(input, fileHeader, file, 0, maxBlockBytes);
    c.expectAt = offset;
    c.nextOrdinal = firstOrdinal;
    return c;
  }

  /** Blocks whose marker starts at or after {@code limit} are not searched for (range end). */
  public void setSearchLimit(long limit) {
    this.searchLimit = limit;
  }

  /** The current block, after {@link Event#BLOCK}. */
  public Block block() {
    return block;
  }

  /** The damaged region, after {@link Event#SKIPPED}. */
  public SkippedRegion skipped() {
    return skipped;
  }

  /** Whether the index block was reached (the file was closed by its writer). */
  public boolean footerSeen() {
    return footerSeen;
  }

  public Event next() throws IOException {
    if (pendingBlock) {
      pendingBlock = false;
      return Event.BLOCK;
    }
    switch (mode) {
      case SEARCH:
        skipTo(expectAt);
        if (!searchIntact(searchLimit)) {
          mode = Mode.DONE;
          return Event.END;
        }
        return afterFound();
      case EXPECT:
        return expect();
      default:
        return Event.END;
    }
  }

  private Event expect() throws IOException {
    skipTo(expectAt);
    long at = expectAt;
    if (tryBlock()) {
      if (foundKind == KIND_INDEX) {
        String footerProblem = checkFooter(nextOrdinal);
        if (footerProblem != null) {
          mode = Mode.DONE;
          long eof = input.position() + input.buffered();
          long endLost = header.firstOrdinal == nextOrdinal ? nextOrdinal : SkippedRegion.UNKNOWN;
          skipped = new SkippedRegion(file, at, eof, nextOrdinal, endLost, footerProblem);
          return Event.SKIPPED;
        }
      }
      return afterFound();
    }
    if (problem == null) {
      // Clean end of file right after an intact block: the writer never wrote the footer.
      mode = Mode.DONE;
      skipped =
          new SkippedRegion(
              file,
              at,
              at,
              nextOrdinal,
              SkippedRegion.UNKNOWN,
              "file ends at byte "
                  + at
                  + " without its index footer: the writer did not finish, so records from ordinal "
                  + nextOrdinal
                  + " on, if any were written, are missing");
      return Event.SKIPPED;
    }
    String reason = problem;
    input.consume(1);
    boolean found = searchIntact(Long.MAX_VALUE);
    long regionEnd = found ? block.offset : input.position() + input.buffered();
    long endLost = SkippedRegion.UNKNOWN;
    if (found) {
      endLost = foundKind == KIND_DATA ? block.firstOrdinal : header.firstOrdinal;
      if (foundKind == KIND_INDEX) {
        String footerProblem = checkFooter(header.firstOrdinal);
        if (footerProblem != null) {
          // One region from the damage to the end of the file.
          found = false;
          reason = reason + "; and " + footerProblem;
          regionEnd = input.position() + input.buffered();
          endLost = SkippedRegion.UNKNOWN;
        }
      }
    }
    skipped = new SkippedRegion(file, at, regionEnd, nextOrdinal, endLost, reason);
    if (!found) {
      mode = Mode.DONE;
    } else if (afterFound() == Event.BLOCK) {
      pendingBlock = true;
    }
    return Event.SKIPPED;
  }

  /** Moves past an intact block just found; returns BLOCK for data, END for the index. */
  private Event afterFound() {
    if (foundKind == KIND_INDEX) {
      footerSeen = true;
      mode = Mode.DONE;
      return Event.END;
    }
    mode = Mode.EXPECT;
    expectAt = block.end;
    nextOrdinal = block.firstOrdinal + block.count;
    return Event.BLOCK;
  }

  private void skipTo(long offset) throws IOException {
    long gap = offset - input.position();
    if (gap > 0) {
      input.skip(gap);
    }
  }

  /** Finds the first intact block whose marker starts before {@code limit}, leaving input on it. */
  private boolean searchIntact(long limit) throws IOException {
    while (true) {
      long candidate = input.indexOf(sync, limit);
      if (candidate < 0) {
        return false;
      }
      if (tryBlock()) {
        return true;
      }
      input.consume(1);
    }
  }

  /**
   * Checks the block at the input's position against every rule of FORMAT.md section 4. On success
   * fills {@link #block} and returns true; otherwise sets {@link #problem} (null for a clean end of
   * file) and returns false. Never moves the input's position.
   */
  private boolean tryBlock() throws IOException {
    long at = input.position();
    problem = null;
    if (!input.request(BLOCK_OVERHEAD)) {
      int left = input.buffered();
      if (left > 0) {
        problem = "file ends " + left + " bytes into a block header (" + BLOCK_OVERHEAD + " bytes)";
      }
      return false;
    }
    byte[] b = input.buffer();
    int i = input.bufferIndex();
    for (int k = 0; k < SYNC_SIZE; k++) {
      if (b[i + k] != sync[k]) {
        problem = "expected the sync marker " + FileHeader.hex(sync) + " here";
        return false;
      }
    }
    problem = BlockHeader.parse(b, i, header, crc);
    if (problem != null) {
      return false;
    }
    problem = checkHeader(at);
    if (problem != null) {
      return false;
    }
    int stored = (int) header.storedSize;
    input.ensureCapacity(BLOCK_OVERHEAD + stored);
    if (!input.request(BLOCK_OVERHEAD + stored)) {
      problem =
          "file ends inside a block: "
              + (BLOCK_OVERHEAD + stored)
              + " bytes needed, "
              + input.buffered()
              + " remain";
      return false;
    }
    b = input.buffer();
    i = input.bufferIndex();
    crc.reset();
    crc.update(b, i + BLOCK_OVERHEAD, stored);
    if ((int) crc.getValue() != header.payloadCrc) {
      problem = "payload CRC32C mismatch";
      return false;
    }
    Codec codec = Codec.byId(header.codecId);
    int raw = (int) header.rawSize;
    if (codec == Codec.NONE) {
      block.data = b;
      block.dataStart = i + BLOCK_OVERHEAD;
    } else {
      if (rawBuffer.length < raw) {
        rawBuffer = new byte[raw];
      }
      try {
        decompressors.computeIfAbsent(codec, Codec::newDecompressor)
            .decompress(b, i + BLOCK_OVERHEAD, stored, rawBuffer, raw);
      } catch (Codec.DamagedPayloadException e) {
        problem = "payload does not decompress: " + e.getMessage();
        return false;
      }
      block.data = rawBuffer;
      block.dataStart = 0;
    }
    int count = (int) header.recordCount;
    if (header.framing == FRAMING_VARINT) {
      problem = parseVarintRecords(block.data, block.dataStart, raw, count);
      if (problem != null) {
        return false;
      }
    }
    foundKind = header.kind;
    block.offset = at;
    block.end = at + BLOCK_OVERHEAD + stored;
    block.firstOrdinal = header.firstOrdinal;
    block.count = count;
    block.framing = header.framing;
    block.recordLength = (int) header.recordLength;
    block.codec = codec;
    block.storedSize = stored;
    block.rawSize = raw;
    return true;
  }

  /**
   * With the input on an intact index block, checks that the trailer follows it and ends the file,
   * and that both agree with the block and with {@code expectedTotal} records. Returns the problem,
   * or null. Leaves the input's position on the index block; afterwards {@code position() +
   * buffered()} is the end of the file if a problem was found.
   */
  private String checkFooter(long expectedTotal) throws IOException {
    long indexOffset = block.offset;
    int blockBytes = (int) (block.end - block.offset);
    int need = blockBytes + ContainerFormat.TRAILER_SIZE;
    input.ensureCapacity(need + 1);
    if (input.request(need + 1)) {
      input.skipToEnd();
      return "bytes follow the trailer (" + ContainerFormat.TRAILER_SIZE + " bytes after the index block)";
    }
    if (input.buffered() < need) {
      return "file ends " + (input.buffered() - blockBytes) + " bytes into the "
          + ContainerFormat.TRAILER_SIZE + "-byte trailer";
    }
    byte[] b = input.buffer();
    int t = input.bufferIndex() + blockBytes;
    for (int k = 0; k < ContainerFormat.END_MAGIC.length; k++) {
      if (b[t + 24 + k] != ContainerFormat.END_MAGIC[k]) {
        return "trailer end magic is not BFCINDEX";
      }
    }
    crc.reset();
    crc.update(b, t, 20);
    if ((int) crc.getValue() != LittleEndian.getInt(b, t + 20)) {
      return "trailer CRC32C mismatch";
    }
    long trailerIndex = LittleEndian.getLong(b, t);
    long trailerTotal = LittleEndian.getLong(b, t + 8);
    long trailerBlocks = LittleEndian.getUnsignedInt(b, t + 16);
    if (trailerIndex != indexOffset || trailerTotal != header.firstOrdinal
        || trailerBlocks != header.recordCount) {
      return "trailer (index at " + trailerIndex + ", " + trailerTotal + " records, " + trailerBlocks
          + " blocks) disagrees with the index block at " + indexOffset;
    }
    if (header.firstOrdinal != expectedTotal) {
      return "index says " + header.firstOrdinal + " records but the blocks before it hold "
          + expectedTotal;
    }
    return null;
  }

  private String checkHeader(long at) {
    BlockHeader h = header;
    if (h.kind != KIND_DATA && h.kind != KIND_INDEX) {
      return "unknown block kind " + h.kind;
    }
    Codec codec = Codec.byId(h.codecId);
    if (codec == null) {
      return "unknown codec id " + h.codecId;
    }
    if (h.framing != FRAMING_FIXED && h.framing != FRAMING_VARINT) {
      return "unknown record framing " + h.framing;
    }
    if (h.storedSize > maxBlockBytes || h.rawSize > maxBlockBytes) {
      return "block sizes (stored "
          + h.storedSize
          + ", raw "
          + h.rawSize
          + ") exceed the maximum block size "
          + maxBlockBytes;
    }
    if (codec == Codec.NONE && h.storedSize != h.rawSize) {
      return "uncompressed block with stored size " + h.storedSize + " != raw size " + h.rawSize;
    }
    if (h.framing == FRAMING_FIXED) {
      if (h.recordLength == 0 || h.recordCount * h.recordLength != h.rawSize) {
        return h.recordCount + " fixed records of " + h.recordLength + " bytes do not make raw size " + h.rawSize;
      }
    } else if (h.recordLength != 0 || h.recordCount > h.rawSize) {
      return "varint block with record length " + h.recordLength + " or more records (" + h.recordCount + ") than bytes";
    }
    if (h.firstOrdinal < 0) {
      return "negative first ordinal " + h.firstOrdinal;
    }
    if (h.kind == KIND_DATA && h.recordCount == 0) {
      return "empty data block";
    }
    if (h.kind == KIND_INDEX
        && (codec != Codec.NONE
            || h.framing != FRAMING_FIXED
            || h.recordLength != INDEX_ENTRY_SIZE)) {
      return "index block must be uncompressed fixed entries of " + INDEX_ENTRY_SIZE + " bytes";
    }
    return null;
  }

  /** Parses {@code count} varint-prefixed records filling exactly {@code raw} bytes. */
  private String parseVarintRecords(byte[] d, int start, int raw, int count) {
    if (block.starts.length < count) {
      block.starts = new int[count];
      block.lengths = new int[count];
    }
    int p = start;
    int end = start + raw;
    for (int r = 0; r < count; r++) {
      long length = 0;
      int shift = 0;
      while (true) {
        if (p >= end) {
          return "record " + r + " of " + count + ": length runs past the block";
        }
        if (shift > 63) {
          return "record " + r + ": length varint longer than 10 bytes";
        }
        int x = d[p++];
        length |= (long) (x & 0x7F) << shift;
        shift += 7;
        if ((x & 0x80) == 0) {
          break;
        }
      }
      if (length > end - p) {
        return "record " + r + " of " + count + ": length " + length + " runs past the block";
      }
      block.starts[r] = p;
      block.lengths[r] = (int) length;
      p += (int) length;
    }
    if (p != end) {
      return (end - p) + " stray bytes after the last of " + count + " records";
    }
    return null;
  }
}
