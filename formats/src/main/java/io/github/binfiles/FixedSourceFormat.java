package io.github.binfiles;

import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.read.ElementFactory;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.transforms.display.DisplayData;

/** Fixed-record files: a framing and whole-file compression (undone by the source itself). */
final class FixedSourceFormat implements SourceFormat {
  private static final long serialVersionUID = 1L;
  final FixedRecordFraming framing;
  final Compression compression;

  FixedSourceFormat(FixedRecordFraming framing, Compression compression) {
    this.framing = framing;
    this.compression = compression;
  }

  @Override
  public <O> FileBasedSource<O> source(
      ValueProvider<String> filepattern,
      EmptyMatchTreatment emptyMatchTreatment,
      ElementFactory<O> elements,
      CorruptionPolicy policy) {
    return FramedSource.of(filepattern, emptyMatchTreatment, framing, compression, elements, policy);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    builder
        .add(DisplayData.item("format", "fixed-record").withLabel("Format"))
        .add(DisplayData.item("recordLength", framing.recordLength()).withLabel("Record length"))
        .add(DisplayData.item("headerBytes", framing.headerBytes()).withLabel("Header bytes"))
        .add(DisplayData.item("trailerBytes", framing.trailerBytes()).withLabel("Trailer bytes"))
        .add(DisplayData.item("compression", compression.toString()).withLabel("Compression"));
  }
}
