package io.github.binfiles.sinks;

import io.github.binfiles.RecordEncoder;
import io.github.binfiles.RecordFileWriter;
import io.github.binfiles.container.ContainerFileWriter;
import io.github.binfiles.container.ContainerOptions;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.transforms.display.DisplayData;

/** Writes binfiles container files with the given options. */
final class ContainerWriterFactory<T> implements FormatWriterFactory<T> {
  private static final long serialVersionUID = 1L;
  final ContainerOptions options;
  private final RecordEncoder<T> encoder;

  ContainerWriterFactory(ContainerOptions options, RecordEncoder<T> encoder) {
    if (encoder == null) {
      throw new IllegalArgumentException("encoder must not be null");
    }
    this.options = options;
    this.encoder = encoder;
  }

  ContainerWriterFactory<T> with(ContainerOptions newOptions) {
    return new ContainerWriterFactory<>(newOptions, encoder);
  }

  @Override
  public RecordFileWriter<T> open(WritableByteChannel channel, String description)
      throws IOException {
    return new ContainerFileWriter<>(channel, options, encoder, description);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    builder
        .add(DisplayData.item("format", "binfiles container").withLabel("Format"))
        .add(DisplayData.item("codec", options.codec().codecName()).withLabel("Block codec"))
        .add(DisplayData.item("targetBlockBytes", options.targetBlockBytes()).withLabel("Target block size"))
        .add(DisplayData.item("recordLength", options.recordLength()).withLabel("Fixed record length (0: varying)"))
        .add(DisplayData.item("encoder", encoder.getClass()).withLabel("Record encoder"));
  }
}
