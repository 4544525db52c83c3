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

  BinaryFileSink(
      ValueProvider<ResourceId> tempDirectory,
      DynamicDestinations<T, Void, T> destinations,
      WritableByteChannelFactory channelFactory,
      FormatWriterFactory<T> format) {
    super(tempDirectory, destinations, channelFactory);
    this.format = format;
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
      writer = format.open(channel, "temporary output " + getOutputFile());
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
