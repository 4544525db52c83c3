package io.github.binfiles.container;

import io.github.binfiles.report.SkippedRegion;
import static io.github.binfiles.container.ContainerFormat.BLOCK_OVERHEAD;
import static io.github.binfiles.container.ContainerFormat.INDEX_ENTRY_SIZE;
import static io.github.binfiles.container.ContainerFormat.TRAILER_SIZE;

import io.github.binfiles.codec.Codec;
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

  /** The first block whose sync marker starts at or after {@code offset}; {@link #blockCount()} if none. */
  public int firstBlockAtOrAfter(long offset) {
    int i = Arrays.binarySearch(offsets, offset);
    return i >= 0 ? i : -i - 1;
  }

  /** Offset just past block {@code block}: where the next block, or the index, starts. */
  public long blockEnd(int block) {
    return block + 1 < offsets.length ? offsets[block + 1] : indexOffset;
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
   * Reads the trailer and the index block of a file of {@code size} bytes and checks that they
   * describe a possible file: the trailer ends the file and locates an intact index block right
   * before it; the entries start right after the file header, their offsets increase by at least
   * one block header and at most one maximum block, the last block ends where the index starts,
   * ordinals are dense from 0, every count is positive and the counts add up to the total. Throws
   * an IOException saying what is wrong when there is no such footer (for example: the writer did
   * not finish). Whether each block agrees with its entry is checked when the block is read.
   */
  static Lookup read(SeekableByteChannel ch, long size, FileHeader header, int maxBlockBytes)
      throws IOException {
    if (size < header.length() + TRAILER_SIZE + BLOCK_OVERHEAD) {
      return Lookup.missing("file too short to hold an index footer");
    }
    Trailer trailer = new Trailer();
    byte[] trailerBytes = readAt(ch, size - TRAILER_SIZE, TRAILER_SIZE);
    if (trailerBytes == null) {
      return Lookup.missing("file ends before its trailer");
    }
    Check parsedTrailer = Trailer.parse(trailerBytes, 0, trailer);
    if (!parsedTrailer.isOk()) {
      return Lookup.missing(parsedTrailer.problem());
    }
    long indexOffset = trailer.indexOffset;
    long total = trailer.totalRecords;
    long blocks = trailer.blockCount;
    long indexBytes = blocks * INDEX_ENTRY_SIZE;
    if (indexBytes > maxBlockBytes
        || indexOffset != size - TRAILER_SIZE - BLOCK_OVERHEAD - indexBytes
        || indexOffset < header.length()) {
      return Lookup.missing("trailer (index at " + indexOffset + ", " + blocks
          + " blocks) points to an index block that does not end where the trailer starts, at "
          + (size - TRAILER_SIZE) + " (bytes added or removed after the file was closed?)");
    }
    byte[] block = readAt(ch, indexOffset, (int) (BLOCK_OVERHEAD + indexBytes));
    if (block == null) {
      return Lookup.missing("file ends inside its index block");
    }
    BlockHeader h = new BlockHeader();
    byte[] sync = header.syncMarkerShared();
    if (!Arrays.equals(Arrays.copyOf(block, sync.length), sync)) {
      return Lookup.missing("index block at " + indexOffset + " does not start with the sync marker");
    }
    CRC32C crc = new CRC32C();
    Check parsed = BlockHeader.parse(block, 0, h, crc);
    if (!parsed.isOk()) {
      return Lookup.missing("index block at " + indexOffset + ": " + parsed.problem());
    }
    crc.reset();
    crc.update(block, BLOCK_OVERHEAD, (int) indexBytes);
    if (h.kind != ContainerFormat.KIND_INDEX || !trailer.agreesWith(indexOffset, h)
        || h.storedSize != indexBytes || h.rawSize != indexBytes
        || h.recordLength != INDEX_ENTRY_SIZE || h.codecId != Codec.NONE.id()
        || h.framing != ContainerFormat.FRAMING_FIXED || (int) crc.getValue() != h.payloadCrc) {
      return Lookup.missing("index block at " + indexOffset + " is damaged or disagrees with the trailer");
    }
    int n = (int) blocks;
    long[] offsets = new long[n];
    long[] ordinals = new long[n];
    int[] counts = new int[n];
    long expectOffset = header.length();
    long expectOrdinal = 0;
    for (int i = 0; i < n; i++) {
      int at = BLOCK_OVERHEAD + i * INDEX_ENTRY_SIZE;
      offsets[i] = LittleEndian.getLong(block, at);
      ordinals[i] = LittleEndian.getLong(block, at + 8);
      counts[i] = LittleEndian.getInt(block, at + 16);
      String entryProblem = null;
      if (i == 0 && offsets[0] != expectOffset) {
        entryProblem = "offset " + offsets[0] + ", but the first block starts after the "
            + expectOffset + "-byte file header";
      } else if (i > 0 && !fits(offsets[i] - offsets[i - 1], maxBlockBytes)) {
        entryProblem = "offset " + offsets[i] + " after a block at " + offsets[i - 1]
            + " (a block is " + (BLOCK_OVERHEAD + 1) + " to " + (BLOCK_OVERHEAD + (long) maxBlockBytes)
            + " bytes)";
      } else if (ordinals[i] != expectOrdinal) {
        entryProblem = "first ordinal " + ordinals[i] + ", but the entries before it hold "
            + expectOrdinal + " records";
      } else if (counts[i] <= 0) {
        entryProblem = "record count " + Integer.toUnsignedString(counts[i]);
      }
      if (entryProblem != null) {
        return Lookup.missing("index entry " + i + " of the index at " + indexOffset + ": " + entryProblem);
      }
      expectOrdinal += counts[i];
    }
    if (n > 0 && !fits(indexOffset - offsets[n - 1], maxBlockBytes)) {
      return Lookup.missing("the index at " + indexOffset + " does not follow its last block at "
          + offsets[n - 1] + " within one block");
    }
    if (n == 0 && indexOffset != header.length()) {
      return Lookup.missing("an empty index at " + indexOffset + " must follow the file header");
    }
    if (total != expectOrdinal) {
      return Lookup.missing("the index at " + indexOffset + " says " + total
          + " records but its entries hold " + expectOrdinal);
    }
    return Lookup.found(new ContainerIndex(indexOffset, total, offsets, ordinals, counts));
  }

  private static boolean fits(long blockBytes, int maxBlockBytes) {
    return blockBytes > BLOCK_OVERHEAD && blockBytes <= BLOCK_OVERHEAD + (long) maxBlockBytes;
  }

  /**
   * The total record count from the file's last 32 bytes when they are an intact trailer (end magic
   * and CRC) that locates an index block header of this file (its sync marker, an intact header CRC,
   * kind index, agreeing with the trailer), even if the index's entries are damaged; else {@link
   * io.github.binfiles.report.SkippedRegion#UNKNOWN}. Bounds the ordinals lost at the end of a file whose
   * index is not valid, and never trusts a trailer that another file's bytes put there.
   */
  static long trailerTotal(SeekableByteChannel ch, long size, FileHeader header) throws IOException {
    long unknown = io.github.binfiles.report.SkippedRegion.UNKNOWN;
    if (size < header.length() + TRAILER_SIZE + BLOCK_OVERHEAD) {
      return unknown;
    }
    Trailer t = new Trailer();
    byte[] tb = readAt(ch, size - TRAILER_SIZE, TRAILER_SIZE);
    if (tb == null || !Trailer.parse(tb, 0, t).isOk()
        || t.totalRecords < 0 || t.indexOffset < header.length()
        || t.indexOffset > size - TRAILER_SIZE - BLOCK_OVERHEAD) {
      return unknown;
    }
    byte[] b = readAt(ch, t.indexOffset, BLOCK_OVERHEAD);
    BlockHeader h = new BlockHeader();
    byte[] sync = header.syncMarkerShared();
    boolean ours = b != null && Arrays.equals(b, 0, sync.length, sync, 0, sync.length)
        && BlockHeader.parse(b, 0, h, new CRC32C()).isOk()
        && h.kind == ContainerFormat.KIND_INDEX
        && t.agreesWith(t.indexOffset, h);
    return ours ? t.totalRecords : unknown;
  }

  /** The outcome of looking for a file's index footer: the index, or why the file has no usable one. */
  record Lookup(ContainerIndex index, String problem) {
    static Lookup found(ContainerIndex index) {
      return new Lookup(index, null);
    }

    static Lookup missing(String problem) {
      return new Lookup(null, problem);
    }

    /** The index, or null when there is none (then {@link #problem()} says why). */
    ContainerIndex orNull() {
      return index;
    }
  }

  /** {@code n} bytes at {@code offset}, or null when the file ends before them. */
  private static byte[] readAt(SeekableByteChannel ch, long offset, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    ch.position(offset);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        return null;
      }
    }
    return b.array();
  }
}
