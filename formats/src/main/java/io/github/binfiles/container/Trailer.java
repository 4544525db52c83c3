package io.github.binfiles.container;

import static io.github.binfiles.container.ContainerFormat.END_MAGIC;
import static io.github.binfiles.container.ContainerFormat.TRAILER_SIZE;

import io.github.binfiles.io.LittleEndian;
import io.github.binfiles.io.OutputBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** The 32-byte trailer that ends a closed file (FORMAT.md section 6): the one place that parses it. */
final class Trailer {
  /** Offset of the index block's sync marker. */
  long indexOffset;
  long totalRecords;
  /** Number of data blocks (u32). */
  long blockCount;

  /** Appends the trailer for these fields. */
  static void writeTo(OutputBuffer out, long indexOffset, long totalRecords, int blockCount) {
    int start = out.size();
    out.writeLongLE(indexOffset).writeLongLE(totalRecords).writeIntLE(blockCount);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), start, 20);
    out.writeIntLE((int) crc.getValue());
    out.write(END_MAGIC);
  }

  /**
   * Parses the trailer at {@code b[at]} (32 bytes): {@link Check#OK}, or damaged with what is wrong
   * (no end magic, CRC mismatch); then nothing else is trusted.
   */
  static Check parse(byte[] b, int at, Trailer into) {
    if (!Arrays.equals(b, at + 24, at + TRAILER_SIZE, END_MAGIC, 0, END_MAGIC.length)) {
      return Check.damaged("no trailer: the last 8 bytes are not BFCINDEX (file not closed by its writer?)");
    }
    CRC32C crc = new CRC32C();
    crc.update(b, at, 20);
    if ((int) crc.getValue() != LittleEndian.getInt(b, at + 20)) {
      return Check.damaged("trailer CRC32C mismatch");
    }
    into.indexOffset = LittleEndian.getLong(b, at);
    into.totalRecords = LittleEndian.getLong(b, at + 8);
    into.blockCount = LittleEndian.getUnsignedInt(b, at + 16);
    return Check.OK;
  }

  /** Whether this trailer describes the index block whose header is {@code index}, at {@code offset}. */
  boolean agreesWith(long offset, BlockHeader index) {
    return indexOffset == offset && totalRecords == index.firstOrdinal && blockCount == index.recordCount;
  }

  @Override
  public String toString() {
    return "trailer (index at " + indexOffset + ", " + totalRecords + " records, " + blockCount + " blocks)";
  }
}
