package io.github.binfiles.container;


import io.github.binfiles.codec.Codec;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a container file is written: codec, target block size, record framing (fixed length or
 * varint length-prefixed) and user metadata. Immutable and validated on construction.
 */
public final class ContainerOptions implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Codec codec;
  private final int targetBlockBytes;
  /** 0 for varint-prefixed records. */
  private final int recordLength;
  private final LinkedHashMap<String, byte[]> userMetadata;
  /** The codec's level, or -1 for its default. */
  private final int level;
  /** Threads a writer compresses blocks on besides the caller's; 0: the caller's only. */
  private final int backgroundThreads;

  private ContainerOptions(
      Codec codec, int targetBlockBytes, int recordLength, LinkedHashMap<String, byte[]> metadata) {
    this(codec, targetBlockBytes, recordLength, metadata, -1);
  }

  private ContainerOptions(
      Codec codec, int targetBlockBytes, int recordLength, LinkedHashMap<String, byte[]> metadata, int level) {
    this(codec, targetBlockBytes, recordLength, metadata, level, 0);
  }

  private ContainerOptions(Codec codec, int targetBlockBytes, int recordLength,
      LinkedHashMap<String, byte[]> metadata, int level, int backgroundThreads) {
    this.backgroundThreads = backgroundThreads;
    this.codec = codec;
    this.targetBlockBytes = targetBlockBytes;
    this.recordLength = recordLength;
    this.userMetadata = metadata;
    this.level = level;
  }

  /** Uncompressed, 1 MiB blocks, varint length-prefixed records, no user metadata. */
  public static ContainerOptions defaults() {
    return new ContainerOptions(
        Codec.NONE, ContainerFormat.DEFAULT_TARGET_BLOCK_BYTES, 0, new LinkedHashMap<>());
  }

  public ContainerOptions withCodec(Codec c) {
    if (c == null) {
      throw new IllegalArgumentException("codec must not be null");
    }
    if (level >= 0) {
      c.checkLevel(level);
    }
    return new ContainerOptions(c, targetBlockBytes, recordLength, userMetadata, level, backgroundThreads);
  }

  /**
   * The codec's compression level ({@link Codec#checkLevel}: deflate 1-9, zstd 1-19, bzip2 1-9,
   * xz 0-6); checked against the codec now, and again if the codec changes after.
   */
  public ContainerOptions withCodecLevel(int level) {
    codec.checkLevel(level);
    return new ContainerOptions(codec, targetBlockBytes, recordLength, userMetadata, level, backgroundThreads);
  }

  /**
   * Compress blocks on {@code threads} threads of their own while the caller fills the next blocks
   * (ignored without a codec). The file's bytes are the same; what changes is that compression
   * overlaps reading and encoding, at the cost of one more block's buffers and one more compressor
   * per thread (xz at level 6 holds about 94 MB per compressor; zstd and deflate under 1 MB). 0, the
   * default, is what a Beam worker wants: its runner already keeps every core busy with bundles.
   * The local command line uses the cores its tasks leave idle.
   */
  public ContainerOptions withBackgroundThreads(int threads) {
    if (threads < 0 || threads > 64) {
      throw new IllegalArgumentException("background threads must be in [0, 64], was " + threads);
    }
    return new ContainerOptions(codec, targetBlockBytes, recordLength, userMetadata, level, threads);
  }

  /** Threads blocks are compressed on besides the caller's (0: none). */
  public int backgroundThreads() {
    return backgroundThreads;
  }

  /** The level blocks are compressed at: the one given, or the codec's default. */
  public int codecLevel() {
    return level >= 0 ? level : codec.defaultLevel();
  }

  /**
   * Blocks are cut when their raw size reaches this (FORMAT.md section 4); between 1 byte and the
   * {@link ContainerFormat#DEFAULT_MAX_BLOCK_BYTES maximum block size} readers accept, 64 MiB.
   */
  public ContainerOptions withTargetBlockBytes(int bytes) {
    if (bytes <= 0 || bytes > ContainerFormat.DEFAULT_MAX_BLOCK_BYTES) {
      throw new IllegalArgumentException("target block size must be in [1, "
          + ContainerFormat.DEFAULT_MAX_BLOCK_BYTES + "] bytes (the maximum block size readers accept), was "
          + bytes);
    }
    return new ContainerOptions(codec, bytes, recordLength, userMetadata, level, backgroundThreads);
  }

  /** Every record is exactly {@code length} bytes (stored without length prefixes). */
  public ContainerOptions withFixedRecordLength(int length) {
    if (length <= 0 || length > ContainerFormat.DEFAULT_MAX_BLOCK_BYTES) {
      throw new IllegalArgumentException("record length must be in [1, "
          + ContainerFormat.DEFAULT_MAX_BLOCK_BYTES + "] (the maximum block size), was " + length);
    }
    return new ContainerOptions(codec, targetBlockBytes, length, userMetadata, level, backgroundThreads);
  }

  /** Adds a user metadata entry; keys starting with {@code binfiles.} are reserved. */
  public ContainerOptions withMetadata(String key, byte[] value) {
    if (key == null || key.isEmpty() || key.startsWith(ContainerFormat.RESERVED_PREFIX)) {
      throw new IllegalArgumentException(
          "metadata key must be non-empty and not start with 'binfiles.': " + key);
    }
    LinkedHashMap<String, byte[]> m = new LinkedHashMap<>(userMetadata);
    m.put(key, value.clone());
    return new ContainerOptions(codec, targetBlockBytes, recordLength, m, level, backgroundThreads);
  }

  public ContainerOptions withMetadata(String key, String value) {
    return withMetadata(key, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Sets a reserved {@code binfiles.*} key such as the record layout; for library use. */
  public ContainerOptions withReservedMetadata(String key, String value) {
    if (!key.startsWith(ContainerFormat.RESERVED_PREFIX)) {
      throw new IllegalArgumentException("not a reserved key: " + key);
    }
    LinkedHashMap<String, byte[]> m = new LinkedHashMap<>(userMetadata);
    m.put(key, value.getBytes(StandardCharsets.UTF_8));
    return new ContainerOptions(codec, targetBlockBytes, recordLength, m, level, backgroundThreads);
  }

  public Codec codec() {
    return codec;
  }

  public int targetBlockBytes() {
    return targetBlockBytes;
  }

  /** The fixed record length, or 0 for varint length-prefixed records. */
  public int recordLength() {
    return recordLength;
  }

  public Map<String, byte[]> userMetadata() {
    return Collections.unmodifiableMap(userMetadata);
  }

  /** Everything the header stores: reserved keys first, then user keys. */
  Map<String, byte[]> headerMetadata() {
    LinkedHashMap<String, byte[]> m = new LinkedHashMap<>();
    m.put(ContainerFormat.KEY_CODEC, codec.codecName().getBytes(StandardCharsets.UTF_8));
    m.put(
        ContainerFormat.KEY_RECORDS,
        (recordLength > 0 ? "fixed:" + recordLength : "varint-prefixed")
            .getBytes(StandardCharsets.UTF_8));
    m.put(ContainerFormat.KEY_CREATOR, ContainerFormat.CREATOR.getBytes(StandardCharsets.UTF_8));
    m.putAll(userMetadata);
    return m;
  }

  @Override
  public String toString() {
    return "codec "
        + codec.codecName()
        + (codec.hasLevels() ? " level " + codecLevel() : "")
        + ", blocks of "
        + targetBlockBytes
        + " bytes, "
        + (recordLength > 0 ? "fixed records of " + recordLength + " bytes" : "varint-prefixed records");
  }
}
