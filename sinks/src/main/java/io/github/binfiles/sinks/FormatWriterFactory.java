package io.github.binfiles.sinks;

import io.github.binfiles.RecordFileWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.transforms.display.DisplayData;

/**
 * Opens a format's {@link RecordFileWriter} on a channel. Each format has one; the Beam sinks ({@link
 * BinaryFileSink}, {@link BinaryFileIOSink}) are format-agnostic and call only this.
 */
public interface FormatWriterFactory<T> extends Serializable {
  /**
   * @param description names the output in error messages
   */
  RecordFileWriter<T> open(WritableByteChannel channel, String description) throws IOException;

  /** Describes the format's options for the pipeline's display data. */
  void populateDisplayData(DisplayData.Builder builder);
}
