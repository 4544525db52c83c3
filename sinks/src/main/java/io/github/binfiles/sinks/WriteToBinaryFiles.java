package io.github.binfiles.sinks;

import io.github.binfiles.RecordEncoder;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.container.ContainerOptions;
import io.github.binfiles.layout.LayoutEncoder;
import io.github.binfiles.layout.RecordLayout;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes binary files: {@link #fixed(int)} for files of fixed-length records, {@link #blocks()} for
 * binfiles container files (checksummed, compressed blocks with an index; see FORMAT.md).
 *
 * <pre>{@code
 * records.apply(WriteToBinaryFiles.fixed(64).to("gs://bucket/out/part").withNumShards(10));
 * records.apply(WriteToBinaryFiles.blocks().withCodec(Codec.ZSTD).to("gs://bucket/out/part"));
 * }</pre>
 *
 * <p>Output files appear only when complete: each bundle writes a temporary file that Beam renames
 * into place after the bundle commits. An element that cannot be written (for example a record of
 * the wrong length) fails the bundle with a message naming the record and the expected length.
 */
public final class WriteToBinaryFiles {
  private WriteToBinaryFiles() {}

  /** Writes each {@code byte[]} as one record of exactly {@code recordLength} bytes. */
  public static Fixed<byte[]> fixed(int recordLength) {
    return fixed(recordLength, RecordEncoder.bytes());
  }

  /** Writes each value as one record of exactly {@code recordLength} bytes, encoded by {@code encoder}. */
  public static <T> Fixed<T> fixed(int recordLength, RecordEncoder<T> encoder) {
    return new Fixed<>(
        new FixedRecordWriterFactory<>(recordLength, new byte[0], new byte[0], encoder),
        WriteConfig.defaults(".bin"));
  }

  /** Writes each {@link Row} as one record laid out by {@code layout}. */
  public static Fixed<Row> fixed(RecordLayout layout) {
    return fixed(layout.recordLength(), new LayoutEncoder(layout));
  }

  /** Writes each {@code byte[]} as one record of a container file. */
  public static Blocks<byte[]> blocks() {
    return blocks(RecordEncoder.bytes());
  }

  /** Writes each value as one record of a container file, encoded by {@code encoder}. */
  public static <T> Blocks<T> blocks(RecordEncoder<T> encoder) {
    return new Blocks<>(
        new ContainerWriterFactory<>(ContainerOptions.defaults(), encoder),
        WriteConfig.defaults(".bfc"));
  }

  /**
   * Writes each {@link Row} as one fixed-length record laid out by {@code layout}, storing the
   * layout in every file's metadata so {@code ReadFromBinaryFiles.blockRows()} reads Rows back with
   * no layout argument.
   */
  public static Blocks<Row> blocks(RecordLayout layout) {
    return blocks(new LayoutEncoder(layout)).withLayout(layout);
  }

  /** Writes fixed-record files; see {@link WriteToBinaryFiles#fixed(int)}. */
  public static final class Fixed<T> extends PTransform<PCollection<T>, WriteFilesResult<Void>> {
    private static final long serialVersionUID = 1L;
    private final FixedRecordWriterFactory<T> format;
    private final WriteConfig config;

    Fixed(FixedRecordWriterFactory<T> format, WriteConfig config) {
      this.format = format;
      this.config = config;
    }

    /** Output files are named {@code <prefix>-SSSSS-of-NNNNN<suffix>}. */
    public Fixed<T> to(String outputPrefix) {
      return new Fixed<>(format, config.to(outputPrefix));
    }

    public Fixed<T> to(ValueProvider<String> outputPrefix) {
      return new Fixed<>(format, config.to(outputPrefix));
    }

    /** Constant bytes written at the start of every file. */
    public Fixed<T> withHeader(byte[] header) {
      return new Fixed<>(format.withHeader(header), config);
    }

    /** Constant bytes written at the end of every file. */
    public Fixed<T> withTrailer(byte[] trailer) {
      return new Fixed<>(format.withTrailer(trailer), config);
    }

    /** A fixed number of output files; 0 (the default) lets the runner decide. */
    public Fixed<T> withNumShards(int numShards) {
      return new Fixed<>(format, config.withNumShards(numShards));
    }

    /** File name suffix; default {@code .bin}. Compression adds its own extension after it. */
    public Fixed<T> withSuffix(String suffix) {
      return new Fixed<>(format, config.withSuffix(suffix));
    }

    public Fixed<T> withShardNameTemplate(String template) {
      return new Fixed<>(format, config.withShardNameTemplate(template));
    }

    /** Compresses whole files (readers then read each file unsplit). */
    public Fixed<T> withCompression(Compression compression) {
      return new Fixed<>(format, config.withCompression(compression));
    }

    /** One set of files per window and pane, for windowed (including unbounded) input. */
    public Fixed<T> withWindowedWrites() {
      return new Fixed<>(format, config.withWindowedWrites());
    }

    /** Where temporary files go before they are renamed into place; default: beside the output. */
    public Fixed<T> withTempDirectory(String directory) {
      return new Fixed<>(format, config.withTempDirectory(directory));
    }

    /** This format as a {@link FileIO.Sink}, for {@code FileIO.write()} and {@code writeDynamic()}. */
    public FileIO.Sink<T> sink() {
      return new BinaryFileIOSink<>(format);
    }

    @Override
    public WriteFilesResult<Void> expand(PCollection<T> input) {
      return config.write(input, format);
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      config.populateDisplayData(builder);
      format.populateDisplayData(builder);
    }
  }

  /**
   * Writes container files; see {@link WriteToBinaryFiles#blocks()}. Each output file gets its last
   * block, index and trailer when Beam finishes it; a file whose writer died is still readable up to
   * its last complete block, and never appears at the output path (Beam renames only finished files).
   */
  public static final class Blocks<T> extends PTransform<PCollection<T>, WriteFilesResult<Void>> {
    private static final long serialVersionUID = 1L;
    private final ContainerWriterFactory<T> format;
    private final WriteConfig config;

    Blocks(ContainerWriterFactory<T> format, WriteConfig config) {
      this.format = format;
      this.config = config;
    }

    private Blocks<T> with(ContainerOptions options) {
      return new Blocks<>(format.with(options), config);
    }

    private Blocks<T> with(WriteConfig newConfig) {
      return new Blocks<>(format, newConfig);
    }

    /** Output files are named {@code <prefix>-SSSSS-of-NNNNN.bfc}. */
    public Blocks<T> to(String outputPrefix) {
      return with(config.to(outputPrefix));
    }

    public Blocks<T> to(ValueProvider<String> outputPrefix) {
      return with(config.to(outputPrefix));
    }

    /** Block codec; default {@link Codec#NONE}. */
    public Blocks<T> withCodec(Codec codec) {
      return with(format.options.withCodec(codec));
    }

    /** Target raw (uncompressed) block size; default 1 MiB, at most 64 MiB (FORMAT.md section 4). */
    public Blocks<T> withBlockSize(int bytes) {
      return with(format.options.withTargetBlockBytes(bytes));
    }

    /** Every record is exactly {@code length} bytes: stored without length prefixes. */
    public Blocks<T> withFixedRecordLength(int length) {
      return with(format.options.withFixedRecordLength(length));
    }

    /**
     * Declares that every record follows {@code layout}: records are stored as fixed-length records
     * of its length and the layout goes into every file's metadata, so {@code
     * ReadFromBinaryFiles.blockRows()} reads them back as Rows. Use it to keep records as bytes
     * (e.g. when converting a fixed-record file) while recording what they mean; the bytes are not
     * checked against the layout here, a reader with the layout decodes them.
     */
    public Blocks<T> withLayout(RecordLayout layout) {
      return with(
          format.options
              .withFixedRecordLength(layout.recordLength())
              .withReservedMetadata(io.github.binfiles.container.ContainerFormat.KEY_LAYOUT, layout.toJson()));
    }

    /** A user metadata entry in every file's header. */
    public Blocks<T> withMetadata(String key, String value) {
      return with(format.options.withMetadata(key, value));
    }

    public Blocks<T> withMetadata(String key, byte[] value) {
      return with(format.options.withMetadata(key, value));
    }

    public Blocks<T> withNumShards(int numShards) {
      return with(config.withNumShards(numShards));
    }

    public Blocks<T> withSuffix(String suffix) {
      return with(config.withSuffix(suffix));
    }

    public Blocks<T> withShardNameTemplate(String template) {
      return with(config.withShardNameTemplate(template));
    }

    public Blocks<T> withWindowedWrites() {
      return with(config.withWindowedWrites());
    }

    public Blocks<T> withTempDirectory(String directory) {
      return with(config.withTempDirectory(directory));
    }

    /** This format as a {@link FileIO.Sink}, for {@code FileIO.write()} and {@code writeDynamic()}. */
    public FileIO.Sink<T> sink() {
      return new BinaryFileIOSink<>(format);
    }

    @Override
    public WriteFilesResult<Void> expand(PCollection<T> input) {
      return config.write(input, format);
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      config.populateDisplayData(builder);
      format.populateDisplayData(builder);
    }
  }
}
