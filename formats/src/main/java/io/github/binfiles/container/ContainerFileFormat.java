package io.github.binfiles.container;

import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.layout.RecordLayout;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * binfiles container files (FORMAT.md): checksummed blocks of records with their ordinals, a codec
 * per file, an index footer. Readers accept blocks up to {@link #withMaxBlockBytes}; writers take a
 * codec, a target block size, an optional fixed record length and metadata.
 *
 * <pre>{@code
 * WriteToBinaryFiles.of(Formats.container().withCodec(Codec.ZSTD)).to("gs://bucket/out/part")
 * ReadFromBinaryFiles.of(Formats.container()).from("gs://bucket/out/part-*.bfc")
 * }</pre>
 */
public final class ContainerFileFormat implements FileFormat {
  private static final long serialVersionUID = 1L;
  private final ContainerFraming framing;
  private final ContainerOptions options;

  private ContainerFileFormat(ContainerFraming framing, ContainerOptions options) {
    this.framing = framing;
    this.options = options;
  }

  public static ContainerFileFormat defaults() {
    return new ContainerFileFormat(ContainerFraming.defaults(), ContainerOptions.defaults());
  }

  /**
   * The largest block (stored or raw) a reader accepts; a block header claiming more is damage,
   * never an allocation. Default 64 MiB, what binfiles writes.
   */
  public ContainerFileFormat withMaxBlockBytes(int maxBlockBytes) {
    return new ContainerFileFormat(ContainerFraming.of(maxBlockBytes), options);
  }

  /** Block codec for writing; default {@link Codec#NONE}. */
  public ContainerFileFormat withCodec(Codec codec) {
    return new ContainerFileFormat(framing, options.withCodec(codec));
  }

  /**
   * The codec's compression level for writing (deflate 1-9, default 6; zstd 1-19, default 3; bzip2
   * 1-9, default 9; xz 0-6, default 6); set after {@link #withCodec}.
   */
  public ContainerFileFormat withCodecLevel(int level) {
    return new ContainerFileFormat(framing, options.withCodecLevel(level));
  }

  /**
   * Compresses blocks on {@code threads} threads besides the writer's caller ({@link
   * ContainerOptions#withBackgroundThreads}); 0, the default, for pipelines.
   */
  @Override
  public ContainerFileFormat withBackgroundThreads(int threads) {
    return new ContainerFileFormat(framing, options.withBackgroundThreads(threads));
  }

  /** Target raw (uncompressed) block size for writing; default 1 MiB, at most 64 MiB. */
  public ContainerFileFormat withBlockSize(int bytes) {
    return new ContainerFileFormat(framing, options.withTargetBlockBytes(bytes));
  }

  /** Every record written is exactly {@code length} bytes: stored without length prefixes. */
  public ContainerFileFormat withFixedRecordLength(int length) {
    return new ContainerFileFormat(framing, options.withFixedRecordLength(length));
  }

  /** A user metadata entry in every file written. */
  public ContainerFileFormat withMetadata(String key, String value) {
    return new ContainerFileFormat(framing, options.withMetadata(key, value));
  }

  public ContainerFileFormat withMetadata(String key, byte[] value) {
    return new ContainerFileFormat(framing, options.withMetadata(key, value));
  }

  /** The write options. */
  public ContainerOptions options() {
    return options;
  }

  @Override
  public String name() {
    return "container";
  }

  @Override
  public ContainerFraming framing() {
    return framing;
  }

  @Override
  public String defaultSuffix() {
    return ".bfc";
  }

  @Override
  public <T> RecordFileWriter<T> openWriter(
      WritableByteChannel channel, RecordEncoder<T> encoder, String description) throws IOException {
    return new ContainerFileWriter<>(channel, options, encoder, description);
  }

  /**
   * Writes records as fixed-length records of the layout's length and stores the layout in every
   * file's metadata (key {@code binfiles.layout}), so reads with {@code withStoredLayout()} return
   * Rows with no layout argument. The bytes are not checked against the layout here.
   */
  @Override
  public ContainerFileFormat withLayout(RecordLayout layout) {
    return new ContainerFileFormat(framing, options
        .withFixedRecordLength(layout.recordLength())
        .withReservedMetadata(ContainerFormat.KEY_LAYOUT, layout.toJson()));
  }

  /**
   * Stores the layout in every file's metadata without fixing the record length: for records of
   * their own lengths (from V or VB files), each decoded as far as its record type reaches.
   */
  public ContainerFileFormat withStoredLayout(RecordLayout layout) {
    return new ContainerFileFormat(framing, options.withReservedMetadata(ContainerFormat.KEY_LAYOUT, layout.toJson()));
  }

  @Override
  public boolean storesLayout() {
    return true;
  }

  @Override
  public String storedLayout(SeekableByteChannel channel, String file) throws IOException {
    FileHeader.Parsed parsed = FileHeader.parse(channel);
    if (!parsed.isIntact()) {
      throw new io.github.binfiles.report.BinaryFileException(file, parsed.damageOffset(), "file header: " + parsed.problem());
    }
    return parsed.header().metadataString(ContainerFormat.KEY_LAYOUT);
  }

  @Override
  public ContainerFileFormat requiringStoredLayout(String layoutJson) {
    return new ContainerFileFormat(framing.requiringLayout(layoutJson), options);
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>(framing.describe());
    m.put("codec", options.codec().codecName());
    if (options.codec().hasLevels()) {
      m.put("codecLevel", options.codecLevel());
    }
    m.put("targetBlockBytes", options.targetBlockBytes());
    m.put("recordLength", options.recordLength());
    return m;
  }

  @Override
  public String toString() {
    return "container: " + options;
  }
}
