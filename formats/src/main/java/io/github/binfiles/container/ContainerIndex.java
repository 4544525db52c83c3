package io.github.binfiles.container;

import static io.github.binfiles.container.ContainerFormat.BLOCK_OVERHEAD;
import static io.github.binfiles.container.ContainerFormat.INDEX_ENTRY_SIZE;
import static io.github.binfiles.container.ContainerFormat.TRAILER_SIZE;

import io.github.binfiles.io.LittleEndian;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The index footer of a closed container file (FORMAT.md section 6): where each data block starts,
 * its first ordinal and record count. Lets a reader count records and find record N without
 * scanning.
 */
public final class ContainerIndex {
  private final long indexOffset;
  private final long totalRecords;
  private final long[] offsets;
  private final long[] firstOrdinals;
  private final int[] counts;

  private ContainerIndex(long indexOffset, long totalRecords, long[] offsets, long[] firstOrdinals, int[] counts) {
    this.indexOffset = indexOffset;
    this.totalRecords = totalRecords;
    this.offsets = offsets;
    this.firstOrdinals = firstOrdinals;
    this.counts = counts;
  }

  public long indexOffset() {
    return indexOffset;
  }

  public long totalRecords() {
    return totalRecords;
  }

  public int blockCount() {
    return offsets.length;
  }

  public long blockOffset(int block) {
    return offsets[block];
  }

  public long firstOrdinal(int block) {
    return firstOrdinals[block];
  }

  public int recordCount(int block) {
    return counts[block];
  }

  /** The block holding record {@code ordinal}, or -1 if there is none. */
  public int blockContaining(long ordinal) {
    int i = Arrays.binarySearch(firstOrdinals, ordinal);
    int block = i >= 0 ? i : -i - 2;
    if (block < 0 || block >= counts.length || ordinal >= firstOrdinals[block] + counts[block]) {
      return -1;
    }
    return block;
  }

  /**
   * Reads the trailer and the index block of a file of {@code size} bytes. Throws an IOException
   * saying what is wrong when there is no intact footer (for example: the writer did not finish).
   */
  static ContainerIndex read(SeekableByteChannel ch, long size, FileHeader header, int maxBlockBytes)
      throws IOException {
    if (size < header.length() + TRAILER_SIZE + BLOCK_OVERHEAD) {
      throw new IOException("file too short to hold an index footer");
    }
    byte[] t = readAt(ch, size - TRAILER_SIZE, TRAILER_SIZE);
    if (!Arrays.equals(Arrays.copyOfRange(t, 24, 32), ContainerFormat.END_MAGIC)) {
      throw new IOException("no trailer: the last 8 bytes are not BFCINDEX (file not closed by its writer?)");
    }
    CRC32C crc = new CRC32C();
    crc.update(t, 0, 20);
    if ((int) crc.getValue() != LittleEndian.getInt(t, 20)) {
      throw new IOException("trailer CRC32C mismatch");
    }
    long indexOffset = LittleEndian.getLong(t, 0);
    long total = LittleEndian.getLong(t, 8);
    long blocks = LittleEndian.getUnsignedInt(t, 16);
    long indexBytes = blocks * INDEX_ENTRY_SIZE;
    if (indexBytes > maxBlockBytes
        || indexOffset != size - TRAILER_SIZE - BLOCK_OVERHEAD - indexBytes
        || indexOffset < header.length()) {
      throw new IOException("trailer points to an index block that does not fit the file");
    }
    byte[] block = readAt(ch, indexOffset, (int) (BLOCK_OVERHEAD + indexBytes));
    BlockHeader h = new BlockHeader();
    byte[] sync = header.syncMarkerShared();
    if (!Arrays.equals(Arrays.copyOf(block, sync.length), sync)) {
      throw new IOException("index block at " + indexOffset + " does not start with the sync marker");
    }
    String problem = BlockHeader.parse(block, 0, h, crc);
    if (problem != null) {
      throw new IOException("index block at " + indexOffset + ": " + problem);
    }
    crc.reset();
    crc.update(block, BLOCK_OVERHEAD, (int) indexBytes);
    if (h.kind != ContainerFormat.KIND_INDEX || h.recordCount != blocks || h.firstOrdinal != total
        || h.storedSize != indexBytes || (int) crc.getValue() != h.payloadCrc) {
      throw new IOException("index block at " + indexOffset + " is damaged or disagrees with the trailer");
    }
    int n = (int) blocks;
    long[] offsets = new long[n];
    long[] ordinals = new long[n];
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      int at = BLOCK_OVERHEAD + i * INDEX_ENTRY_SIZE;
      offsets[i] = LittleEndian.getLong(block, at);
      ordinals[i] = LittleEndian.getLong(block, at + 8);
      counts[i] = LittleEndian.getInt(block, at + 16);
    }
    return new ContainerIndex(indexOffset, total, offsets, ordinals, counts);
  }

  private static byte[] readAt(SeekableByteChannel ch, long offset, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    ch.position(offset);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new IOException("file ends before byte " + (offset + n));
      }
    }
    return b.array();
  }
}
