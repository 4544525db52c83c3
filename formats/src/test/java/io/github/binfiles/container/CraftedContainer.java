package io.github.binfiles.container;

import io.github.binfiles.codec.Codec;
import io.github.binfiles.io.OutputBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Builds container files byte by byte, with checksums that are all valid, for hostile-input tests:
 * any header field, any payload, with or without a footer that agrees with the blocks.
 */
final class CraftedContainer {
  private final byte[] sync = new byte[16];
  private final OutputBuffer out = new OutputBuffer(1 << 16);
  private final List<long[]> entries = new ArrayList<>();
  private long records;

  CraftedContainer() {
    Arrays.fill(sync, (byte) 0x5A);
    out.write(FileHeader.encode(sync, new LinkedHashMap<>()));
  }

  /** Appends raw bytes (damage, filler). */
  CraftedContainer bytes(byte[] b) {
    out.write(b);
    return this;
  }

  /** Appends a data block with these header fields and this stored payload; CRCs are computed. */
  CraftedContainer block(Codec codec, int framing, long count, long firstOrdinal, long rawSize,
      int recordLength, byte[] payload) {
    entries.add(new long[] {out.size(), firstOrdinal, count});
    records = firstOrdinal + count;
    writeBlock(ContainerFormat.KIND_DATA, codec.id(), framing, count, firstOrdinal, payload.length,
        rawSize, recordLength, payload, crc(payload));
    return this;
  }

  /** Appends just a block header claiming {@code storedSize} payload bytes (none follow). */
  CraftedContainer headerOnly(long storedSize) {
    writeBlock(ContainerFormat.KIND_DATA, Codec.NONE.id(), ContainerFormat.FRAMING_FIXED, 1, 0,
        storedSize, storedSize, (int) storedSize, new byte[0], 0);
    return this;
  }

  /** Appends the index block and trailer for the blocks appended so far. */
  CraftedContainer footer() {
    long indexOffset = out.size();
    OutputBuffer index = new OutputBuffer(entries.size() * 20 + 16);
    for (long[] e : entries) {
      index.writeLongLE(e[0]).writeLongLE(e[1]).writeIntLE((int) e[2]);
    }
    byte[] payload = Arrays.copyOf(index.array(), index.size());
    writeBlock(ContainerFormat.KIND_INDEX, Codec.NONE.id(), ContainerFormat.FRAMING_FIXED,
        entries.size(), records, payload.length, payload.length, 20, payload, crc(payload));
    int t = out.size();
    out.writeLongLE(indexOffset).writeLongLE(records).writeIntLE(entries.size());
    out.writeIntLE(crc(Arrays.copyOfRange(out.array(), t, t + 20)));
    out.write(ContainerFormat.END_MAGIC);
    return this;
  }

  byte[] toBytes() {
    return Arrays.copyOf(out.array(), out.size());
  }

  private void writeBlock(int kind, int codecId, int framing, long count, long firstOrdinal,
      long storedSize, long rawSize, int recordLength, byte[] payload, int payloadCrc) {
    BlockHeader h = new BlockHeader();
    h.kind = kind;
    h.codecId = codecId;
    h.framing = framing;
    h.recordCount = count;
    h.firstOrdinal = firstOrdinal;
    h.storedSize = storedSize;
    h.rawSize = rawSize;
    h.recordLength = recordLength;
    h.payloadCrc = payloadCrc;
    h.writeTo(out, sync);
    out.write(payload);
  }

  static int crc(byte[] b) {
    CRC32C c = new CRC32C();
    c.update(b, 0, b.length);
    return (int) c.getValue();
  }
}
