package io.github.binfiles.testing;

import io.github.binfiles.container.ContainerFile;
import io.github.binfiles.container.ContainerIndex;
import io.github.binfiles.io.LittleEndian;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Structural edits of an intact container file, as misdirected, repeated or lost writes and
 * careless copies make them: blocks duplicated, overwritten, swapped, cut out or spliced in from
 * another file, files concatenated, and crafted (checksum-valid) index footers.
 */
public final class ContainerSurgery {
  private final byte[] bytes;
  private final long[] blockOffsets;
  private final long indexOffset;

  private ContainerSurgery(byte[] bytes, long[] blockOffsets, long indexOffset) {
    this.bytes = bytes;
    this.blockOffsets = blockOffsets;
    this.indexOffset = indexOffset;
  }

  public static ContainerSurgery of(Path intactFile) throws IOException {
    try (ContainerFile f = ContainerFile.open(intactFile.toString())) {
      ContainerIndex index = f.index().orElseThrow(() -> new IOException("test file has no index"));
      long[] offsets = new long[index.blockCount()];
      for (int i = 0; i < offsets.length; i++) {
        offsets[i] = index.blockOffset(i);
      }
      return new ContainerSurgery(Files.readAllBytes(intactFile), offsets, index.indexOffset());
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public int blockCount() {
    return blockOffsets.length;
  }

  public int blockStart(int k) {
    return (int) blockOffsets[k];
  }

  public int blockEnd(int k) {
    return (int) (k + 1 < blockOffsets.length ? blockOffsets[k + 1] : indexOffset);
  }

  public byte[] block(int k) {
    return Arrays.copyOfRange(bytes, blockStart(k), blockEnd(k));
  }

  /** Block {@code k} written twice in a row. */
  public byte[] duplicated(int k) {
    return splice(blockEnd(k), blockEnd(k), block(k));
  }

  /** Block {@code from}'s bytes written over block {@code to}'s place (the file keeps its size). */
  public byte[] overwritten(int from, int to) {
    byte[] out = bytes.clone();
    byte[] b = block(from);
    System.arraycopy(b, 0, out, blockStart(to), Math.min(b.length, out.length - blockStart(to)));
    return out;
  }

  /** Blocks {@code k} and {@code k + 1} in the other order (the file keeps its size). */
  public byte[] swapped(int k) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, blockStart(k));
    out.writeBytes(block(k + 1));
    out.writeBytes(block(k));
    out.write(bytes, blockEnd(k + 1), bytes.length - blockEnd(k + 1));
    return out.toByteArray();
  }

  /** Block {@code k} removed. */
  public byte[] cutOut(int k) {
    return splice(blockStart(k), blockEnd(k), new byte[0]);
  }

  /** Block {@code k} replaced by {@code foreign} (a block of another file, with its own marker). */
  public byte[] replaced(int k, byte[] foreign) {
    return splice(blockStart(k), blockEnd(k), foreign);
  }

  /** The file followed by its first {@code prefix} bytes ({@code bytes.length}: a whole copy). */
  public byte[] followedByOwnPrefix(int prefix) {
    return splice(bytes.length, bytes.length, Arrays.copyOf(bytes, prefix));
  }

  /**
   * The index entries {@code i} and {@code j} exchanged, with every checksum recomputed: a
   * "reordered index" that only the entries' consistency can reveal.
   */
  public byte[] indexEntriesSwapped(int i, int j) {
    byte[] out = bytes.clone();
    int entries = (int) indexOffset + 52;
    byte[] a = Arrays.copyOfRange(out, entries + 20 * i, entries + 20 * i + 20);
    System.arraycopy(out, entries + 20 * j, out, entries + 20 * i, 20);
    System.arraycopy(a, 0, out, entries + 20 * j, 20);
    resealIndex(out);
    return out;
  }

  /** One field of index entry {@code i} set to {@code value} (8-byte fields at 0 and 8, count at 16), resealed. */
  public byte[] indexEntryField(int i, int fieldOffset, long value) {
    byte[] out = bytes.clone();
    int at = (int) indexOffset + 52 + 20 * i + fieldOffset;
    if (fieldOffset == 16) {
      LittleEndian.putInt(out, at, (int) value);
    } else {
      LittleEndian.putLong(out, at, value);
    }
    resealIndex(out);
    return out;
  }

  /** A trailer field (index offset at 0, total at 8, block count at 16 as u32) set, CRC recomputed. */
  public byte[] trailerField(int fieldOffset, long value) {
    byte[] out = bytes.clone();
    int t = out.length - 32;
    if (fieldOffset == 16) {
      LittleEndian.putInt(out, t + 16, (int) value);
    } else {
      LittleEndian.putLong(out, t + fieldOffset, value);
    }
    LittleEndian.putInt(out, t + 20, crc(out, t, 20));
    return out;
  }

  private void resealIndex(byte[] out) {
    int at = (int) indexOffset;
    int n = blockOffsets.length;
    LittleEndian.putInt(out, at + 44, crc(out, at + 52, 20 * n));
    LittleEndian.putInt(out, at + 48, crc(out, at + 16, 32));
  }

  /** Rewrites block header fields of the block at {@code at} in {@code file} and reseals its header CRC. */
  public static void resealBlockHeader(byte[] file, int at) {
    LittleEndian.putInt(file, at + 48, crc(file, at + 16, 32));
  }

  public static int crc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  private byte[] splice(int from, int to, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, from);
    out.writeBytes(insert);
    out.write(bytes, to, bytes.length - to);
    return out.toByteArray();
  }
}
