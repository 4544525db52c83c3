package io.github.binfiles.variable;

import io.github.binfiles.layout.RecordLayout;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import java.nio.channels.WritableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Variable-length mainframe files (formats/VARIABLE.md): {@code RECFM=V}, each record behind a
 * 4-byte Record Descriptor Word, and {@code RECFM=VB}, records gathered into blocks behind a 4-byte
 * Block Descriptor Word. Read split by byte offset: a range finds its first unit by a chain of
 * intact descriptors and every boundary is confirmed by the reader before it, so a read is exact or
 * fails naming the offset (never a lost, repeated or invented record). Records are numbered by
 * nothing in the file: record ids carry byte offsets. Descriptors are big-endian with RDWs that
 * count themselves, as z/OS writes them, unless told otherwise.
 *
 * <pre>{@code
 * ReadFromBinaryFiles.of(VariableFormat.blocked()).withLayout(copybookLayout).from("gs://bucket/in/*.vb")
 * WriteToBinaryFiles.of(VariableFormat.records().withBlockSize(27998)).to("gs://bucket/out/part")
 * }</pre>
 */
public final class VariableFormat implements FileFormat {
  private static final long serialVersionUID = 1L;
  /** z/OS's largest block for VB data sets on disk. */
  public static final int DEFAULT_BLOCK_SIZE = 32760;
  /**
   * The largest block readers accept by default: z/OS's largest block on disk. Tape files of large
   * blocks (extended BDWs, up to 256 KiB and more) need {@link #withMaxBlockBytes}: a bound as tight
   * as the data allows keeps a split's search from taking stray bytes for a block.
   */
  public static final int DEFAULT_MAX_BLOCK_BYTES = DEFAULT_BLOCK_SIZE;
  private static final int MAX_MAX_BLOCK_BYTES = 64 << 20;

  private final boolean blocked;
  private final boolean littleEndian;
  private final int rdwAdjustment;
  private final int maxRecordBytes;
  private final int maxBlockBytes;
  private final int blockSize;
  /** Bytes before the first record, or null when only their count is known (reading). */
  private final byte[] header;
  private final byte[] trailer;
  private final long headerBytes;
  private final long trailerBytes;
  private final boolean splittable;
  private final int lookBehind;
  /** Where records keep their own length instead of an RDW; null for RDW records. */
  private final LengthField lengthField;
  /** Bytes at the start and the end of each record's data that readers leave out. */
  private final int recordStartOffset;
  private final int recordEndOffset;
  private final VariableFraming framing;

  private VariableFormat(boolean blocked, boolean littleEndian, int rdwAdjustment, int maxRecordBytes,
      int maxBlockBytes, int blockSize, byte[] header, long headerBytes, byte[] trailer,
      long trailerBytes, boolean splittable, int lookBehind, LengthField lengthField,
      int recordStartOffset, int recordEndOffset) {
    if (recordStartOffset < 0 || recordEndOffset < 0 || recordStartOffset + recordEndOffset > maxRecordBytes) {
      throw new IllegalArgumentException("record start and end offsets must be >= 0 and fit a record,"
          + " were " + recordStartOffset + " and " + recordEndOffset);
    }
    if (blocked && lengthField != null) {
      throw new IllegalArgumentException("records that hold their own length come without blocks (not VB)");
    }
    if (rdwAdjustment < -4 || rdwAdjustment > 4096) {
      throw new IllegalArgumentException("RDW adjustment must be -4 to 4096, was " + rdwAdjustment);
    }
    if (maxRecordBytes < 1 || maxRecordBytes > MAX_MAX_BLOCK_BYTES) {
      throw new IllegalArgumentException("maximum record size must be 1 to " + MAX_MAX_BLOCK_BYTES
          + " bytes, was " + maxRecordBytes);
    }
    if (maxBlockBytes < 9 || maxBlockBytes > MAX_MAX_BLOCK_BYTES) {
      throw new IllegalArgumentException("maximum block size must be 9 to " + MAX_MAX_BLOCK_BYTES
          + " bytes, was " + maxBlockBytes);
    }
    if (blockSize < 9 || blockSize > maxBlockBytes) {
      throw new IllegalArgumentException("block size must be 9 to the maximum block size ("
          + maxBlockBytes + "), was " + blockSize);
    }
    this.blocked = blocked;
    this.littleEndian = littleEndian;
    this.rdwAdjustment = rdwAdjustment;
    this.maxRecordBytes = maxRecordBytes;
    this.maxBlockBytes = maxBlockBytes;
    this.blockSize = blockSize;
    this.header = header;
    this.headerBytes = headerBytes;
    this.trailer = trailer;
    this.trailerBytes = trailerBytes;
    this.splittable = splittable;
    this.lengthField = lengthField;
    this.recordStartOffset = recordStartOffset;
    this.recordEndOffset = recordEndOffset;
    this.framing = new VariableFraming(
        new Descriptors(littleEndian, rdwAdjustment, maxRecordBytes, maxBlockBytes, lengthField,
            recordStartOffset, recordEndOffset),
        blocked, headerBytes, trailerBytes, splittable, lookBehind);
    this.lookBehind = lookBehind;
  }

  /** {@code RECFM=V}: each record behind its RDW. */
  public static VariableFormat records() {
    return new VariableFormat(false, false, -4, 0xFFFF - 4, DEFAULT_MAX_BLOCK_BYTES,
        DEFAULT_BLOCK_SIZE, new byte[0], 0, new byte[0], 0, true, -1, null, 0, 0);
  }

  /** {@code RECFM=VB}: blocks of RDW records behind a BDW, written up to {@link #DEFAULT_BLOCK_SIZE}. */
  public static VariableFormat blocked() {
    return records().withBlocks(true);
  }

  /**
   * Records without RDWs that hold their own length in a field (Cobrix's {@code
   * record_length_field}): a record is {@code field}'s value plus the adjustment ({@link
   * #withRdwAdjustment}, default 0 here) bytes long, the field included. Such files carry nothing
   * else that marks a record (no zero flags, no blocks), so bytes inside records look like lengths
   * too often to find a record from the middle of a file: each file is read whole, from its first
   * record (in parallel across files), and damage ends the read of its file (VARIABLE.md section 6).
   */
  public static VariableFormat lengthField(LengthField field) {
    return new VariableFormat(false, false, 0, 0xFFFF - 4, DEFAULT_MAX_BLOCK_BYTES, DEFAULT_BLOCK_SIZE,
        new byte[0], 0, new byte[0], 0, false, -1, field, 0, 0);
  }

  private VariableFormat with(boolean blocked, boolean littleEndian, int rdwAdjustment,
      int maxRecordBytes, int maxBlockBytes, int blockSize, byte[] header, long headerBytes,
      byte[] trailer, long trailerBytes, boolean splittable) {
    return new VariableFormat(blocked, littleEndian, rdwAdjustment, maxRecordBytes, maxBlockBytes,
        blockSize, header, headerBytes, trailer, trailerBytes, splittable, lookBehind, lengthField,
        recordStartOffset, recordEndOffset);
  }

  /** V ({@code false}) or VB ({@code true}). */
  public VariableFormat withBlocks(boolean blocks) {
    return with(blocks, littleEndian, rdwAdjustment, maxRecordBytes, maxBlockBytes, blockSize, header,
        headerBytes, trailer, trailerBytes, splittable);
  }

  /** Descriptor words byte-swapped (length in bytes 2-3, little-endian; zeros in bytes 0-1). */
  public VariableFormat withLittleEndianDescriptors() {
    return with(blocked, true, rdwAdjustment, maxRecordBytes, maxBlockBytes, blockSize, header,
        headerBytes, trailer, trailerBytes, splittable);
  }

  /**
   * The record's data is the RDW's length plus {@code adjustment} bytes: -4 (the default) for RDWs
   * that count themselves, as z/OS writes them; 0 for RDWs that count the data only (Cobrix's
   * default, {@code rdw_adjustment=0}); Cobrix's {@code rdw_adjustment=N} is {@code N} here, or
   * {@code N - 4} with its {@code is_rdw_part_of_record_length=true}.
   */
  public VariableFormat withRdwAdjustment(int adjustment) {
    return with(blocked, littleEndian, adjustment, maxRecordBytes, maxBlockBytes, blockSize, header,
        headerBytes, trailer, trailerBytes, splittable);
  }

  /** The largest record data accepted (default: what a 16-bit RDW can state). */
  public VariableFormat withMaxRecordBytes(int max) {
    return with(blocked, littleEndian, rdwAdjustment, max, maxBlockBytes, blockSize, header,
        headerBytes, trailer, trailerBytes, splittable);
  }

  /**
   * The largest block a reader accepts, BDW included (default 32,760): more is damage, never an
   * allocation. Raise it for files of large blocks (extended BDWs).
   */
  public VariableFormat withMaxBlockBytes(int max) {
    return with(blocked, littleEndian, rdwAdjustment, maxRecordBytes, max, Math.min(blockSize, max),
        header, headerBytes, trailer, trailerBytes, splittable);
  }

  /** The largest block writers write, BDW included (default 32760; 27998 is half a 3390 track). */
  public VariableFormat withBlockSize(int bytes) {
    return with(blocked, littleEndian, rdwAdjustment, maxRecordBytes, Math.max(maxBlockBytes, bytes),
        bytes, header, headerBytes, trailer, trailerBytes, splittable);
  }

  /** Bytes at the start of every file that are not records (for reading). */
  public VariableFormat withHeaderBytes(long bytes) {
    return with(blocked, littleEndian, rdwAdjustment, maxRecordBytes, maxBlockBytes, blockSize,
        bytes == 0 ? new byte[0] : null, bytes, trailer, trailerBytes, splittable);
  }

  /** Bytes at the end of every file that are not records (for reading). */
  public VariableFormat withTrailerBytes(long bytes) {
    return with(blocked, littleEndian, rdwAdjustment, maxRecordBytes, maxBlockBytes, blockSize, header,
        headerBytes, bytes == 0 ? new byte[0] : null, bytes, splittable);
  }

  /** Constant bytes at the start of every file: written by writers, skipped by readers. */
  public VariableFormat withHeader(byte[] bytes) {
    return with(blocked, littleEndian, rdwAdjustment, maxRecordBytes, maxBlockBytes, blockSize,
        bytes.clone(), bytes.length, trailer, trailerBytes, splittable);
  }

  /** Constant bytes at the end of every file: written by writers, skipped by readers. */
  public VariableFormat withTrailer(byte[] bytes) {
    return with(blocked, littleEndian, rdwAdjustment, maxRecordBytes, maxBlockBytes, blockSize, header,
        headerBytes, bytes.clone(), bytes.length, splittable);
  }

  /**
   * Reads each file whole on one worker, from the first record along the chain: for files whose
   * records hold bytes that look like descriptor chains, where a split read fails (VARIABLE.md §5).
   */
  public VariableFormat withoutSplitting() {
    return with(blocked, littleEndian, rdwAdjustment, maxRecordBytes, maxBlockBytes, blockSize, header,
        headerBytes, trailer, trailerBytes, false);
  }

  /**
   * How far before its start a range enters the chain of descriptors (default: 16 of the largest
   * units, 64 KiB to 4 MiB); 0 starts at the first sync point at or after the range start. For
   * tests and measurements (VARIABLE.md §5).
   */
  public VariableFormat withLookBehind(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("look-behind must be >= 0, was " + bytes);
    }
    return new VariableFormat(blocked, littleEndian, rdwAdjustment, maxRecordBytes, maxBlockBytes,
        blockSize, header, headerBytes, trailer, trailerBytes, splittable, bytes, lengthField,
        recordStartOffset, recordEndOffset);
  }

  /**
   * Each record's data starts {@code start} bytes in and ends {@code end} bytes before its end
   * (Cobrix's {@code record_start_offset} and {@code record_end_offset}): readers leave those bytes
   * out of the record they return; a record shorter than both is damage. For reading only: a
   * writer cannot restore the bytes left out.
   */
  public VariableFormat withRecordOffsets(int start, int end) {
    return new VariableFormat(blocked, littleEndian, rdwAdjustment, maxRecordBytes, maxBlockBytes,
        blockSize, header, headerBytes, trailer, trailerBytes, splittable, lookBehind, lengthField, start, end);
  }

  @Override
  public String name() {
    return "variable";
  }

  @Override
  public VariableFraming framing() {
    return framing;
  }

  @Override
  public String defaultSuffix() {
    return blocked ? ".vb" : ".v";
  }

  @Override
  public void validateForWrite() {
    if (recordStartOffset > 0 || recordEndOffset > 0) {
      throw new IllegalStateException("this variable-length format leaves out " + recordStartOffset
          + " bytes at the start and " + recordEndOffset + " at the end of each record when reading;"
          + " a writer cannot restore them: write with a format without withRecordOffsets");
    }
    if (header == null || trailer == null) {
      throw new IllegalStateException("this variable-length format knows only the length of its "
          + (header == null ? "header" : "trailer") + "; to write files give the bytes with "
          + (header == null ? "withHeader(byte[])" : "withTrailer(byte[])"));
    }
  }

  @Override
  public <T> RecordFileWriter<T> openWriter(
      WritableByteChannel channel, RecordEncoder<T> encoder, String description) {
    validateForWrite();
    return new VariableFileWriter<>(channel, encoder, framing, blockSize, header, trailer, description);
  }

  /** A record encoded from a layout ends with its last field (LayoutEncoder.endingAtLastField). */
  @Override
  public boolean hasVariableLengthRecords() {
    return true;
  }

  /** Records of any length up to the maximum: every layout fits; none is stored. */
  @Override
  public VariableFormat withLayout(RecordLayout layout) {
    return this;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>(framing.describe());
    if (blocked) {
      m.put("blockSize", blockSize);
    }
    return m;
  }

  @Override
  public String toString() {
    return "variable: " + framing + (blocked ? ", blocks of up to " + blockSize + " bytes" : "");
  }
}
