package io.github.binfiles.container;

import io.github.binfiles.Formats;

/** Constants of the container format; see {@code formats/FORMAT.md}, the normative spec. */
public final class ContainerFormat {
  private ContainerFormat() {}

  public static final byte[] MAGIC = {(byte) 0x89, 'B', 'F', 'C', '\r', '\n', 0x1A, '\n'};
  public static final byte[] END_MAGIC = {'B', 'F', 'C', 'I', 'N', 'D', 'E', 'X'};
  public static final int MAJOR_VERSION = 1;
  public static final int MINOR_VERSION = 0;
  public static final int SYNC_SIZE = 16;
  /** Magic, versions, metadata length, sync marker. */
  public static final int HEADER_FIXED_SIZE = 32;
  public static final int MAX_METADATA_BYTES = 16 << 20;
  /** Sync marker plus the 36-byte block header. */
  public static final int BLOCK_OVERHEAD = 52;
  public static final int BLOCK_HEADER_CRC_OFFSET = 48;
  public static final int TRAILER_SIZE = 32;
  public static final int INDEX_ENTRY_SIZE = 20;

  public static final int KIND_DATA = 1;
  public static final int KIND_INDEX = 2;
  public static final int FRAMING_FIXED = 0;
  public static final int FRAMING_VARINT = 1;

  /**
   * Largest stored or raw block: writers never write a larger one, and readers treat a larger size
   * as damage unless raised with {@link #MAX_BLOCK_OPTION} (for files of other writers).
   */
  public static final int DEFAULT_MAX_BLOCK_BYTES = 64 << 20;
  /** How a user raises a reader's maximum block size, for error messages. */
  public static final String MAX_BLOCK_OPTION =
      "withMaxBlockBytes(...) on Formats.container(), --max-block-bytes in the CLI";
  /** Hard ceiling for the configurable maximum. */
  public static final int MAX_BLOCK_BYTES_LIMIT = 1 << 30;
  public static final int DEFAULT_TARGET_BLOCK_BYTES = 1 << 20;

  /** Returns {@code maxBlockBytes} if it is a valid reader maximum, else fails saying the range. */
  public static int checkMaxBlockBytes(int maxBlockBytes) {
    if (maxBlockBytes <= 0 || maxBlockBytes > MAX_BLOCK_BYTES_LIMIT) {
      throw new IllegalArgumentException(
          "maximum block size must be in [1, " + MAX_BLOCK_BYTES_LIMIT + "], was " + maxBlockBytes);
    }
    return maxBlockBytes;
  }

  public static final String KEY_CODEC = "binfiles.codec";
  public static final String KEY_RECORDS = "binfiles.records";
  public static final String KEY_CREATOR = "binfiles.creator";
  public static final String KEY_LAYOUT = "binfiles.layout";
  public static final String KEY_SCHEMA = "binfiles.schema";
  public static final String RESERVED_PREFIX = "binfiles.";
  public static final String CREATOR = "binfiles 0.1.0";
}
