package io.github.binfiles;

import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.container.ContainerFraming;
import org.apache.beam.sdk.io.Compression;
import io.github.binfiles.read.ElementFactory;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.transforms.display.DisplayData;

/** Container files: blocks carry their own codec; the reader bounds block sizes. */
final class ContainerSourceFormat implements SourceFormat {
  private static final long serialVersionUID = 1L;
  final int maxBlockBytes;
  /** Record layout JSON every file must declare, or null. */
  final String requiredLayout;

  ContainerSourceFormat(int maxBlockBytes) {
    this(maxBlockBytes, null);
  }

  ContainerSourceFormat(int maxBlockBytes, String requiredLayout) {
    this.maxBlockBytes = maxBlockBytes;
    this.requiredLayout = requiredLayout;
  }

  @Override
  public <O> FileBasedSource<O> source(
      ValueProvider<String> filepattern,
      EmptyMatchTreatment emptyMatchTreatment,
      ElementFactory<O> elements,
      CorruptionPolicy policy) {
    ContainerFraming framing = ContainerFraming.of(maxBlockBytes);
    return FramedSource.of(filepattern, emptyMatchTreatment,
        requiredLayout == null ? framing : framing.requiringLayout(requiredLayout),
        Compression.UNCOMPRESSED, elements, policy);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    builder
        .add(DisplayData.item("format", "binfiles container").withLabel("Format"))
        .add(DisplayData.item("maxBlockBytes", maxBlockBytes).withLabel("Maximum block size"));
  }
}
