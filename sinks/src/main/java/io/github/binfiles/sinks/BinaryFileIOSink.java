package io.github.binfiles.sinks;

import io.github.binfiles.spi.RecordFileWriter;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.io.FileIO;

/**
 * A {@link FileIO.Sink} for any binfiles format, for {@code FileIO.write()} and {@code
 * FileIO.writeDynamic()}. The format's ending (trailer, last block, index) is written on {@link
 * #flush()}, which FileIO calls once per file before committing it.
 */
public final class BinaryFileIOSink<T> implements FileIO.Sink<T> {
  private static final long serialVersionUID = 1L;
  private final FormatWriterFactory<T> format;
  private transient RecordFileWriter<T> writer;

  BinaryFileIOSink(FormatWriterFactory<T> format) {
    this.format = format;
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    writer = format.open(channel, "FileIO output");
  }

  @Override
  public void write(T element) throws IOException {
    writer.write(element);
  }

  @Override
  public void flush() throws IOException {
    writer.finish();
  }
}
