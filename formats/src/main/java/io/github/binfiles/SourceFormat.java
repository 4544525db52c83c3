package io.github.binfiles;

import io.github.binfiles.read.ElementFactory;
import java.io.Serializable;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.transforms.display.DisplayData;

/**
 * What a read transform needs from a file format: a Beam source for a pattern or a single file.
 * One implementation per format; the transforms never switch on format names. Sources read raw
 * channels and undo any whole-file compression themselves, so damage in a compressed stream is
 * reported like any other (file, offset, region).
 */
interface SourceFormat extends Serializable {
  <O> FileBasedSource<O> source(
      ValueProvider<String> filepattern,
      EmptyMatchTreatment emptyMatchTreatment,
      ElementFactory<O> elements,
      CorruptionPolicy policy);

  void populateDisplayData(DisplayData.Builder builder);
}
