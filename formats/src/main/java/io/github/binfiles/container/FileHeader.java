package io.github.binfiles.container;

import static io.github.binfiles.container.ContainerFormat.HEADER_FIXED_SIZE;
import static io.github.binfiles.container.ContainerFormat.MAGIC;
import static io.github.binfiles.container.ContainerFormat.MAJOR_VERSION;
import static io.github.binfiles.container.ContainerFormat.MAX_METADATA_BYTES;
import static io.github.binfiles.container.ContainerFormat.SYNC_SIZE;

import io.github.binfiles.io.LittleEndian;
import io.github.binfiles.io.OutputBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/** The parsed file header (FORMAT.md section 3): version, sync marker and metadata. */
public final class FileHeader {
  private final int majorVersion;
  private final int minorVersion;
  private final byte[] syncMarker;
  /** The checked metadata bytes (count, then entries): parsed into a map only when asked for. */
  private final byte[] metadataBytes;
  private final int length;
  private Map<String, byte[]> metadata;

  FileHeader(int major, int minor, byte[] syncMarker, byte[] metadataBytes, int length) {
    this.majorVersion = major;
    this.minorVersion = minor;
    this.syncMarker = syncMarker;
    this.metadataBytes = metadataBytes;
    this.length = length;
  }

  public int majorVersion() {
    return majorVersion;
  }

  public int minorVersion() {
    return minorVersion;
  }

  public byte[] syncMarker() {
    return syncMarker.clone();
  }

  byte[] syncMarkerShared() {
    return syncMarker;
  }

  /** Keys in file order; values are raw bytes. Built on first call. */
  public synchronized Map<String, byte[]> metadata() {
    if (metadata == null) {
      Map<String, byte[]> m = new LinkedHashMap<>();
      for (Entries e = new Entries(); e.next(); ) {
        m.put(new String(metadataBytes, e.keyAt, e.keyLength, StandardCharsets.UTF_8),
            Arrays.copyOfRange(metadataBytes, e.valueAt, e.valueAt + e.valueLength));
      }
      metadata = Collections.unmodifiableMap(m);
    }
    return metadata;
  }

  /** A metadata value as UTF-8 text, or null. Scans the entries; builds nothing per entry. */
  public String metadataString(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    for (Entries e = new Entries(); e.next(); ) {
      if (Arrays.equals(metadataBytes, e.keyAt, e.keyAt + e.keyLength, k, 0, k.length)) {
        return new String(metadataBytes, e.valueAt, e.valueLength, StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** Walks the metadata entries in file order; they were checked when the header was read. */
  private final class Entries {
    private long left = LittleEndian.getUnsignedInt(metadataBytes, 0);
    private int next = 4;
    int keyAt;
    int keyLength;
    int valueAt;
    int valueLength;

    boolean next() {
      if (left == 0) {
        return false;
      }
      left--;
      keyLength = LittleEndian.getUnsignedShort(metadataBytes, next);
      keyAt = next + 2;
      valueLength = LittleEndian.getInt(metadataBytes, keyAt + keyLength);
      valueAt = keyAt + keyLength + 4;
      next = valueAt + valueLength;
      return true;
    }
  }

  /** Size of the header in bytes; the first block starts here. */
  public int length() {
    return length;
  }

  /** Serializes a header with the given marker and metadata. */
  static byte[] encode(byte[] syncMarker, Map<String, byte[]> metadata) {
    OutputBuffer meta = new OutputBuffer(256);
    meta.writeIntLE(metadata.size());
    for (Map.Entry<String, byte[]> e : metadata.entrySet()) {
      byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
      if (key.length > 0xFFFF) {
        throw new IllegalArgumentException("metadata key longer than 65535 bytes: " + e.getKey());
      }
      byte[] k = key;
      meta.writeByte(k.length & 0xFF).writeByte(k.length >>> 8).write(k);
      meta.writeIntLE(e.getValue().length).write(e.getValue());
    }
    if (meta.size() > MAX_METADATA_BYTES) {
      throw new IllegalArgumentException(
          "metadata is " + meta.size() + " bytes; the format allows " + MAX_METADATA_BYTES);
    }
    OutputBuffer out = new OutputBuffer(HEADER_FIXED_SIZE + meta.size() + 4);
    out.write(MAGIC);
    out.writeByte(MAJOR_VERSION).writeByte(0);
    out.writeByte(ContainerFormat.MINOR_VERSION).writeByte(0);
    out.writeIntLE(meta.size());
    out.write(syncMarker);
    out.write(meta.array(), 0, meta.size());
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, out.size());
    out.writeIntLE((int) crc.getValue());
    return Arrays.copyOf(out.array(), out.size());
  }

  /** A parsed header: the header, or where and why it is damaged (or not a container at all). */
  public record Parsed(FileHeader header, long damageOffset, String problem) {
    public boolean isIntact() {
      return header != null;
    }
  }

  /**
   * Reads and checks the header at offset 0 of {@code channel}, leaving the channel's position
   * unchanged: the header, or the first problem found and its offset. An IOException is an I/O
   * error.
   */
  public static Parsed parse(SeekableByteChannel channel) throws IOException {
    try {
      return new Parsed(read(channel), -1, null);
    } catch (HeaderDamageException e) {
      return new Parsed(null, e.offset(), e.getMessage());
    }
  }

  /** As {@link #parse}, for the checks' own use: damage unwinds to {@link #parse} only. */
  private static FileHeader read(SeekableByteChannel channel) throws IOException {
    long saved = channel.position();
    try {
      channel.position(0);
      byte[] fixed = readUpTo(channel, HEADER_FIXED_SIZE);
      if (fixed.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(fixed, MAGIC.length), MAGIC)) {
        throw new HeaderDamageException(
            0,
            fixed.length < MAGIC.length
                ? "file is " + fixed.length + " bytes, too short for the 8-byte container magic"
                : "not a binfiles container: magic is "
                    + hex(Arrays.copyOf(fixed, MAGIC.length))
                    + ", expected "
                    + hex(MAGIC)
                    + (looksTextMangled(fixed) ? " (altered by a text-mode transfer?)" : ""));
      }
      if (fixed.length < HEADER_FIXED_SIZE) {
        throw new HeaderDamageException(
            fixed.length, "file ends inside the " + HEADER_FIXED_SIZE + "-byte fixed header");
      }
      int major = LittleEndian.getUnsignedShort(fixed, 8);
      int minor = LittleEndian.getUnsignedShort(fixed, 10);
      if (major != MAJOR_VERSION) {
        throw new HeaderDamageException(
            8, "unsupported major version " + major + "; this reader knows " + MAJOR_VERSION);
      }
      long metaLength = LittleEndian.getUnsignedInt(fixed, 12);
      if (metaLength > MAX_METADATA_BYTES) {
        throw new HeaderDamageException(
            12, "metadata length " + metaLength + " exceeds the limit of " + MAX_METADATA_BYTES);
      }
      byte[] rest = readUpTo(channel, (int) metaLength + 4);
      if (rest.length < metaLength + 4) {
        throw new HeaderDamageException(
            HEADER_FIXED_SIZE + rest.length,
            "file ends inside the header (metadata of " + metaLength + " bytes plus CRC)");
      }
      CRC32C crc = new CRC32C();
      crc.update(fixed);
      crc.update(rest, 0, (int) metaLength);
      int stored = LittleEndian.getInt(rest, (int) metaLength);
      if ((int) crc.getValue() != stored) {
        throw new HeaderDamageException(
            HEADER_FIXED_SIZE + metaLength,
            "header CRC32C mismatch: stored "
                + Integer.toHexString(stored)
                + ", computed "
                + Integer.toHexString((int) crc.getValue()));
      }
      checkMetadata(rest, (int) metaLength);
      return new FileHeader(
          major,
          minor,
          Arrays.copyOfRange(fixed, 16, 16 + SYNC_SIZE),
          Arrays.copyOf(rest, (int) metaLength),
          HEADER_FIXED_SIZE + (int) metaLength + 4);
    } finally {
      channel.position(saved);
    }
  }

  /**
   * Checks the metadata's structure (FORMAT.md section 3): entries exactly fill it, keys are valid
   * UTF-8 and unique. Builds no object per entry: memory is one long per entry (entries are at least
   * 6 bytes, so at most 4/3 of the checked metadata length), for the duplicate check.
   */
  private static void checkMetadata(byte[] b, int length) throws HeaderDamageException {
    if (length < 4) {
      throw new HeaderDamageException(HEADER_FIXED_SIZE, "metadata shorter than its entry count");
    }
    long count = LittleEndian.getUnsignedInt(b, 0);
    if (count > (length - 4) / 6) {
      throw new HeaderDamageException(HEADER_FIXED_SIZE, "metadata claims " + count
          + " entries, more than " + (length - 4) + " bytes can hold");
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    long[] keys = new long[(int) count];
    int at = 4;
    for (int i = 0; i < count; i++) {
      if (at + 2 > length) {
        throw new HeaderDamageException(HEADER_FIXED_SIZE + at, "metadata entry " + i + " truncated");
      }
      int keyLength = LittleEndian.getUnsignedShort(b, at);
      int keyAt = at + 2;
      if (keyAt + keyLength + 4 > length) {
        throw new HeaderDamageException(HEADER_FIXED_SIZE + at, "metadata key " + i + " truncated");
      }
      try {
        utf8.reset().decode(ByteBuffer.wrap(b, keyAt, keyLength));
      } catch (CharacterCodingException e) {
        throw new HeaderDamageException(HEADER_FIXED_SIZE + keyAt, "metadata key " + i
            + " is not valid UTF-8");
      }
      keys[i] = ((long) keyHash(b, keyAt, keyLength) << 32) | keyAt;
      at = keyAt + keyLength;
      long valueLength = LittleEndian.getUnsignedInt(b, at);
      at += 4;
      if (valueLength > length - at) {
        throw new HeaderDamageException(HEADER_FIXED_SIZE + at, "metadata value of key " + i + " truncated");
      }
      at += (int) valueLength;
    }
    if (at != length) {
      throw new HeaderDamageException(HEADER_FIXED_SIZE + at, (length - at) + " stray bytes after metadata");
    }
    // Equal keys have equal hashes, so after sorting they sit in one run of equal hashes.
    Arrays.sort(keys);
    for (int runStart = 0, i = 1; i < keys.length; i++) {
      if ((keys[i] >>> 32) != (keys[runStart] >>> 32)) {
        runStart = i;
        continue;
      }
      for (int j = runStart; j < i; j++) {
        if (sameKey(b, (int) keys[i], (int) keys[j])) {
          int keyAt = (int) keys[i];
          throw new HeaderDamageException(HEADER_FIXED_SIZE + keyAt, "metadata key '"
              + new String(b, keyAt, LittleEndian.getUnsignedShort(b, keyAt - 2), StandardCharsets.UTF_8)
              + "' appears more than once");
        }
      }
    }
  }

  /** FNV-1a with a final mix: spreads similar keys (binfiles.a, binfiles.b, ...) apart. */
  private static int keyHash(byte[] b, int at, int length) {
    long h = 0xcbf29ce484222325L;
    for (int i = at; i < at + length; i++) {
      h = (h ^ (b[i] & 0xFF)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) h;
  }

  private static boolean sameKey(byte[] b, int keyAt1, int keyAt2) {
    int n1 = LittleEndian.getUnsignedShort(b, keyAt1 - 2);
    int n2 = LittleEndian.getUnsignedShort(b, keyAt2 - 2);
    return Arrays.equals(b, keyAt1, keyAt1 + n1, b, keyAt2, keyAt2 + n2);
  }

  private static byte[] readUpTo(SeekableByteChannel channel, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining() && channel.read(b) >= 0) {}
    return Arrays.copyOf(b.array(), b.position());
  }

  /** The magic's "BFC" is still there but its binary bytes changed: typical of text-mode copies. */
  private static boolean looksTextMangled(byte[] b) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    return s.contains("BFC");
  }

  static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }

  /** Damage found deep in the checks, unwound to {@link #parse}; never leaves this class. */
  private static final class HeaderDamageException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    HeaderDamageException(long offset, String message) {
      super(message);
      this.offset = offset;
    }

    long offset() {
      return offset;
    }
  }
}
