package io.github.binfiles.sinks;

import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.layout.LayoutEncoder;
import io.github.binfiles.layout.RecordLayout;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Writes binary files of any {@link FileFormat}. The format value holds the format's own options
 * (header bytes, codec, block size, metadata); everything else is set here, the same for every
 * format.
 *
 * <pre>{@code
 * records.apply(WriteToBinaryFiles.of(Formats.fixed(64)).to("gs://bucket/out/part").withNumShards(10));
 * records.apply(WriteToBinaryFiles.of(Formats.container().withCodec(Codec.ZSTD)).to("gs://bucket/out/part"));
 * rows.apply(WriteToBinaryFiles.of(Formats.container()).withLayout(layout).to("gs://bucket/out/rows"));
 * }</pre>
 *
 * <p>Output files appear only when complete: each bundle writes a temporary file that Beam renames
 * into place after the bundle commits, so a file whose writer died never appears at the output path.
 * An element that cannot be written (for example a record of the wrong length) fails the bundle
 * with a message naming the record and the expected length.
 */
public final class WriteToBinaryFiles {
  private WriteToBinaryFiles() {}

  /** Writes each {@code byte[]} as one record of {@code format}. */
  public static Write<byte[]> of(FileFormat format) {
    return new Write<>(new FormatWriterFactory<>(format, RecordEncoder.bytes()),
        WriteConfig.defaults(format.defaultSuffix()));
  }

  /** Writes files of a {@link FileFormat}; see {@link WriteToBinaryFiles}. Immutable. */
  public static final class Write<T> extends PTransform<PCollection<T>, WriteFilesResult<Void>> {
    private static final long serialVersionUID = 1L;
    private final FormatWriterFactory<T> writer;
    private final WriteConfig config;

    Write(FormatWriterFactory<T> writer, WriteConfig config) {
      this.writer = writer;
      this.config = config;
    }

    private Write<T> with(WriteConfig newConfig) {
      return new Write<>(writer, newConfig);
    }

    /** Writes each value as one record, encoded by {@code encoder}. */
    public <X> Write<X> withEncoder(RecordEncoder<X> encoder) {
      return new Write<>(new FormatWriterFactory<>(writer.format, encoder), config);
    }

    /**
     * Writes each {@link Row} as one record laid out by {@code layout}. Formats that can store the
     * layout do (containers: in every file's metadata, so {@code withStoredLayout()} reads Rows
     * back with no layout argument). In formats whose records have their own lengths (V and VB
     * files) each record ends with its last field written.
     *
     * @throws IllegalArgumentException if the layout does not fit the format
     */
    public Write<Row> withLayout(RecordLayout layout) {
      FileFormat format = writer.format.withLayout(layout);
      LayoutEncoder encoder = format.hasVariableLengthRecords()
          ? LayoutEncoder.endingAtLastField(layout) : new LayoutEncoder(layout);
      return new Write<>(new FormatWriterFactory<>(format, encoder), config);
    }

    /**
     * Declares that the records follow {@code layout} while keeping them as they are (e.g. bytes
     * of a converted fixed-record file): formats that can store the layout do; the bytes are not
     * checked against it here, a reader with the layout decodes them.
     */
    public Write<T> withStoredLayout(RecordLayout layout) {
      return new Write<>(new FormatWriterFactory<>(writer.format.withLayout(layout), writer.encoder), config);
    }

    /** Output files are named {@code <prefix>-SSSSS-of-NNNNN<suffix>}. */
    public Write<T> to(String outputPrefix) {
      return with(config.to(outputPrefix));
    }

    public Write<T> to(ValueProvider<String> outputPrefix) {
      return with(config.to(outputPrefix));
    }

    /** A fixed number of output files; 0 (the default) lets the runner decide. */
    public Write<T> withNumShards(int numShards) {
      return with(config.withNumShards(numShards));
    }

    /** File name suffix; default the format's ({@code .bin}, {@code .bfc}). Compression adds its own after it. */
    public Write<T> withSuffix(String suffix) {
      return with(config.withSuffix(suffix));
    }

    public Write<T> withShardNameTemplate(String template) {
      return with(config.withShardNameTemplate(template));
    }

    /**
     * Compresses whole files (readers then read each file unsplit). Only for formats read as
     * streams; block formats compress their blocks instead.
     */
    public Write<T> withCompression(Compression compression) {
      return with(config.withCompression(compression));
    }

    /** One set of files per window and pane, for windowed (including unbounded) input. */
    public Write<T> withWindowedWrites() {
      return with(config.withWindowedWrites());
    }

    /** Where temporary files go before they are renamed into place; default: beside the output. */
    public Write<T> withTempDirectory(String directory) {
      return with(config.withTempDirectory(directory));
    }

    /** This format as a {@link FileIO.Sink}, for {@code FileIO.write()} and {@code writeDynamic()}. */
    public FileIO.Sink<T> sink() {
      writer.format.validateForWrite();
      return new BinaryFileIOSink<>(writer);
    }

    @Override
    public WriteFilesResult<Void> expand(PCollection<T> input) {
      return config.write(input, writer);
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      config.populateDisplayData(builder);
      writer.populateDisplayData(builder);
    }
  }
}
