package io.github.binfiles.container;

import static io.github.binfiles.container.ContainerFormat.BLOCK_OVERHEAD;
import static io.github.binfiles.container.ContainerFormat.FRAMING_FIXED;
import static io.github.binfiles.container.ContainerFormat.FRAMING_VARINT;
import static io.github.binfiles.container.ContainerFormat.INDEX_ENTRY_SIZE;
import static io.github.binfiles.container.ContainerFormat.KIND_DATA;
import static io.github.binfiles.container.ContainerFormat.KIND_INDEX;
import static io.github.binfiles.container.ContainerFormat.SYNC_SIZE;

import io.github.binfiles.codec.Codec;
import io.github.binfiles.codec.DamagedPayloadException;
import io.github.binfiles.codec.Decompressor;
import io.github.binfiles.io.PositionedInput;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Checks one block at an input's position against every rule of FORMAT.md section 4, in two steps
 * so that a resync can reject a candidate from its 52 header bytes alone: {@link #readHeader} (sync
 * marker, header CRC, field rules, the claimed extent fits the file) and {@link #readPayload}
 * (payload CRC, decompression to exactly the raw size, record framing). Neither moves the input's
 * position. Allocates at most the checked raw size (one reusable buffer), never per record.
 */
final class BlockReader {
  private final byte[] sync;
  private final long fileSize;
  private final int maxBlockBytes;
  private final CRC32C crc = new CRC32C();
  private final BlockHeader header = new BlockHeader();
  private final Block block = new Block();
  private final Map<Codec, Decompressor> decompressors = new EnumMap<>(Codec.class);
  private byte[] rawBuffer = new byte[0];

  BlockReader(byte[] sync, long fileSize, int maxBlockBytes) {
    this.sync = sync;
    this.fileSize = fileSize;
    this.maxBlockBytes = maxBlockBytes;
  }

  BlockHeader header() {
    return header;
  }

  /** The block, after {@link #readPayload} found it intact. */
  Block block() {
    return block;
  }

  /** Offset just past the block whose header was read last. */
  long claimedEnd(long at) {
    return at + BLOCK_OVERHEAD + header.storedSize;
  }

  /** Header checks and payload checks of the block at the input's position. */
  Check read(PositionedInput input) throws IOException {
    Check header = readHeader(input);
    return header.isOk() ? readPayload(input) : header;
  }

  /**
   * Checks the sync marker, the header CRC, the header's field rules, and that the block it claims
   * ends within the file. Reads 52 bytes at most. {@link Check#END_OF_FILE} when no byte is left.
   */
  Check readHeader(PositionedInput input) throws IOException {
    if (!input.request(BLOCK_OVERHEAD)) {
      int left = input.buffered();
      return left == 0 ? Check.END_OF_FILE
          : Check.damaged("file ends " + left + " bytes into a block header (" + BLOCK_OVERHEAD + " bytes)");
    }
    byte[] b = input.buffer();
    int i = input.bufferIndex();
    for (int k = 0; k < SYNC_SIZE; k++) {
      if (b[i + k] != sync[k]) {
        return Check.damaged("expected the sync marker " + FileHeader.hex(sync) + " here");
      }
    }
    Check parsed = BlockHeader.parse(b, i, header, crc);
    if (!parsed.isOk()) {
      return parsed;
    }
    Check fields = checkHeader();
    if (!fields.isOk()) {
      return fields;
    }
    if (claimedEnd(input.position()) > fileSize) {
      return Check.damaged("file ends inside a block: the block header says " + (BLOCK_OVERHEAD + header.storedSize)
          + " bytes, " + (fileSize - input.position()) + " remain");
    }
    return Check.OK;
  }

  /** After {@link #readHeader}: payload CRC, decompression and record framing. */
  Check readPayload(PositionedInput input) throws IOException {
    long at = input.position();
    int stored = (int) header.storedSize;
    input.ensureCapacity(BLOCK_OVERHEAD + stored);
    if (!input.request(BLOCK_OVERHEAD + stored)) {
      return Check.damaged("file ends inside a block: " + (BLOCK_OVERHEAD + stored) + " bytes needed, "
          + input.buffered() + " remain");
    }
    byte[] b = input.buffer();
    int i = input.bufferIndex();
    crc.reset();
    crc.update(b, i + BLOCK_OVERHEAD, stored);
    if ((int) crc.getValue() != header.payloadCrc) {
      return Check.damaged("payload CRC32C mismatch");
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
      } catch (DamagedPayloadException e) {
        return Check.damaged("payload does not decompress: " + e.getMessage());
      }
      block.data = rawBuffer;
      block.dataStart = 0;
    }
    int count = (int) header.recordCount;
    if (header.framing == FRAMING_VARINT) {
      Check records = checkVarintRecords(block.data, block.dataStart, raw, count);
      if (!records.isOk()) {
        return records;
      }
    }
    block.offset = at;
    block.end = at + BLOCK_OVERHEAD + stored;
    block.firstOrdinal = header.firstOrdinal;
    block.count = count;
    block.framing = header.framing;
    block.recordLength = (int) header.recordLength;
    block.codec = codec;
    block.storedSize = stored;
    block.rawSize = raw;
    block.resetRecords();
    return Check.OK;
  }

  private Check checkHeader() {
    BlockHeader h = header;
    if (h.kind != KIND_DATA && h.kind != KIND_INDEX) {
      return Check.damaged("unknown block kind " + h.kind);
    }
    Codec codec = Codec.byId(h.codecId);
    if (codec == null) {
      return Check.damaged("unknown codec id " + h.codecId);
    }
    if (h.framing != FRAMING_FIXED && h.framing != FRAMING_VARINT) {
      return Check.damaged("unknown record framing " + h.framing);
    }
    if (h.storedSize > maxBlockBytes || h.rawSize > maxBlockBytes) {
      return Check.damaged("block sizes (stored " + h.storedSize + ", raw " + h.rawSize
          + ") exceed the maximum block size " + maxBlockBytes + " (" + ContainerFormat.MAX_BLOCK_OPTION
          + " raises it, if the writer really wrote blocks this large)");
    }
    if (codec == Codec.NONE && h.storedSize != h.rawSize) {
      return Check.damaged("uncompressed block with stored size " + h.storedSize + " != raw size " + h.rawSize);
    }
    if (h.framing == FRAMING_FIXED) {
      if (h.recordLength == 0 || h.recordCount * h.recordLength != h.rawSize) {
        return Check.damaged(h.recordCount + " fixed records of " + h.recordLength + " bytes do not make raw size "
            + h.rawSize);
      }
    } else if (h.recordLength != 0 || h.recordCount > h.rawSize) {
      return Check.damaged("varint block with record length " + h.recordLength + " or more records ("
          + h.recordCount + ") than bytes");
    }
    if (h.firstOrdinal < 0) {
      return Check.damaged("negative first ordinal " + h.firstOrdinal);
    }
    if (h.kind == KIND_DATA && h.recordCount == 0) {
      return Check.damaged("empty data block");
    }
    if (h.kind == KIND_DATA && h.firstOrdinal > Long.MAX_VALUE - h.recordCount) {
      return Check.damaged("first ordinal " + h.firstOrdinal + " plus " + h.recordCount + " records overflows");
    }
    if (h.kind == KIND_INDEX
        && (codec != Codec.NONE || h.framing != FRAMING_FIXED || h.recordLength != INDEX_ENTRY_SIZE)) {
      return Check.damaged("index block must be uncompressed fixed entries of " + INDEX_ENTRY_SIZE + " bytes");
    }
    return Check.OK;
  }

  /**
   * Checks that {@code count} varint-prefixed records fill exactly {@code raw} bytes, in one pass and
   * without storing anything per record (the block's records are re-read in order later).
   */
  private static Check checkVarintRecords(byte[] d, int start, int raw, int count) {
    int p = start;
    int end = start + raw;
    for (int r = 0; r < count; r++) {
      long length = 0;
      int shift = 0;
      while (true) {
        if (p >= end) {
          return Check.damaged("record " + r + " of " + count + ": length runs past the block");
        }
        if (shift > 63) {
          return Check.damaged("record " + r + ": length varint longer than 10 bytes");
        }
        int x = d[p++];
        if (shift > 28 && (x & 0x7F) != 0) {
          return Check.damaged("record " + r + " of " + count + ": length varint exceeds 2^35, past any block");
        }
        length |= (long) (x & 0x7F) << shift;
        shift += 7;
        if ((x & 0x80) == 0) {
          break;
        }
      }
      if (length > end - p) {
        return Check.damaged("record " + r + " of " + count + ": length " + length + " runs past the block");
      }
      p += (int) length;
    }
    if (p != end) {
      return Check.damaged((end - p) + " stray bytes after the last of " + count + " records");
    }
    return Check.OK;
  }
}
