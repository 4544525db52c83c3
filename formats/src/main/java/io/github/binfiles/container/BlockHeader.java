package io.github.binfiles.container;

import static io.github.binfiles.container.ContainerFormat.BLOCK_HEADER_CRC_OFFSET;
import static io.github.binfiles.container.ContainerFormat.SYNC_SIZE;

import io.github.binfiles.io.LittleEndian;
import io.github.binfiles.io.OutputBuffer;
import java.util.zip.CRC32C;

/** The 36 bytes after a block's sync marker (FORMAT.md section 4). */
final class BlockHeader {
  int kind;
  int codecId;
  int framing;
  long recordCount;
  long firstOrdinal;
  long storedSize;
  long rawSize;
  long recordLength;
  int payloadCrc;

  /** Appends marker + header for a block whose fields are set. */
  void writeTo(OutputBuffer out, byte[] sync) {
    int start = out.size();
    out.write(sync);
    out.writeByte(kind).writeByte(codecId).writeByte(framing).writeByte(0);
    out.writeIntLE((int) recordCount);
    out.writeLongLE(firstOrdinal);
    out.writeIntLE((int) storedSize);
    out.writeIntLE((int) rawSize);
    out.writeIntLE((int) recordLength);
    out.writeIntLE(payloadCrc);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), start + SYNC_SIZE, BLOCK_HEADER_CRC_OFFSET - SYNC_SIZE);
    out.writeIntLE((int) crc.getValue());
  }

  /**
   * Parses the header of the block starting at {@code b[at]} (its sync marker): {@link Check#OK},
   * or damaged with what is wrong (CRC mismatch, reserved byte set); then nothing else is trusted.
   */
  static Check parse(byte[] b, int at, BlockHeader into, CRC32C crc) {
    crc.reset();
    crc.update(b, at + SYNC_SIZE, BLOCK_HEADER_CRC_OFFSET - SYNC_SIZE);
    int stored = LittleEndian.getInt(b, at + BLOCK_HEADER_CRC_OFFSET);
    if ((int) crc.getValue() != stored) {
      return Check.damaged("block header CRC32C mismatch");
    }
    into.kind = b[at + 16] & 0xFF;
    into.codecId = b[at + 17] & 0xFF;
    into.framing = b[at + 18] & 0xFF;
    if (b[at + 19] != 0) {
      return Check.damaged("reserved block header byte is " + (b[at + 19] & 0xFF));
    }
    into.recordCount = LittleEndian.getUnsignedInt(b, at + 20);
    into.firstOrdinal = LittleEndian.getLong(b, at + 24);
    into.storedSize = LittleEndian.getUnsignedInt(b, at + 32);
    into.rawSize = LittleEndian.getUnsignedInt(b, at + 36);
    into.recordLength = LittleEndian.getUnsignedInt(b, at + 40);
    into.payloadCrc = LittleEndian.getInt(b, at + 44);
    return Check.OK;
  }
}
