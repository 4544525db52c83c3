package io.github.binfiles.sinks;

import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.transforms.display.DisplayData;

/**
 * A format and an encoder: what the Beam sinks ({@link BinaryFileSink}, {@link BinaryFileIOSink})
 * need to open a writer for each output file. Format-agnostic; the format does the writing.
 */
final class FormatWriterFactory<T> implements Serializable {
  private static final long serialVersionUID = 1L;
  final FileFormat format;
  final RecordEncoder<T> encoder;

  FormatWriterFactory(FileFormat format, RecordEncoder<T> encoder) {
    if (format == null || encoder == null) {
      throw new IllegalArgumentException("format and encoder must not be null");
    }
    this.format = format;
    this.encoder = encoder;
  }

  /**
   * @param description names the output in error messages
   */
  RecordFileWriter<T> open(WritableByteChannel channel, String description) throws IOException {
    return format.openWriter(channel, encoder, description);
  }

  void populateDisplayData(DisplayData.Builder builder) {
    builder.add(DisplayData.item("format", format.name()).withLabel("Format"));
    io.github.binfiles.beam.FramedSource.addOptions(builder, format.describe());
    builder.add(DisplayData.item("encoder", encoder.getClass()).withLabel("Record encoder"));
  }
}
