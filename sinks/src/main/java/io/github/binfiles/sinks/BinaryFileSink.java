package io.github.binfiles.sinks;

import io.github.binfiles.spi.RecordFileWriter;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.io.FileBasedSink;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * A {@link FileBasedSink} for any binfiles format. Beam writes each bundle to a temporary file and
 * renames it into place only after the bundle commits, so a failed or retried bundle (for example one
 * that met a record of the wrong length) never leaves a partial file at the output path.
 */
final class BinaryFileSink<T> extends FileBasedSink<T, Void, T> {
  private static final long serialVersionUID = 1L;
  private final FormatWriterFactory<T> format;
  /** The output prefix the user gave, for error messages (Beam writes to a temporary file first). */
  private final ValueProvider<ResourceId> prefix;

  BinaryFileSink(
      ValueProvider<ResourceId> tempDirectory,
      DynamicDestinations<T, Void, T> destinations,
      WritableByteChannelFactory channelFactory,
      FormatWriterFactory<T> format,
      ValueProvider<ResourceId> prefix) {
    super(tempDirectory, destinations, channelFactory);
    this.format = format;
    this.prefix = prefix;
  }

  @Override
  public WriteOperation<Void, T> createWriteOperation() {
    return new BinaryWriteOperation<>(this);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    format.populateDisplayData(builder);
  }

  private static final class BinaryWriteOperation<T> extends WriteOperation<Void, T> {
    private static final long serialVersionUID = 1L;

    BinaryWriteOperation(BinaryFileSink<T> sink) {
      super(sink);
    }

    @Override
    public Writer<Void, T> createWriter() {
      return new BinaryWriter<>(this, ((BinaryFileSink<T>) getSink()).format);
    }
  }

  private static final class BinaryWriter<T> extends Writer<Void, T> {
    private final FormatWriterFactory<T> format;
    private RecordFileWriter<T> writer;

    BinaryWriter(WriteOperation<Void, T> operation, FormatWriterFactory<T> format) {
      super(operation, MimeTypes.BINARY);
      this.format = format;
    }

    @Override
    protected void prepareWrite(WritableByteChannel channel) throws Exception {
      BinaryFileSink<?> sink = (BinaryFileSink<?>) getWriteOperation().getSink();
      writer = format.open(channel, "the output " + sink.prefix.get() + "* (a shard being written to the temporary file "
          + getOutputFile() + ")");
    }

    @Override
    public void write(T value) throws Exception {
      writer.write(value);
    }

    @Override
    protected void writeFooter() throws Exception {
      writer.finish();
    }
  }
}
