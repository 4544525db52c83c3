package io.github.binfiles.tools;

import io.github.binfiles.beam.ElementFactory;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.FileFormat;
import java.io.IOException;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;

/**
 * A reader of one whole file of a format, in order from its first record, outside any pipeline:
 * the format's own Beam source over the file's whole byte range. The local
 * engine, the demo's order check and the convert harness read files this way.
 */
public final class WholeFile {
  private WholeFile() {}

  public static <O> BoundedSource.BoundedReader<O> reader(String file, FileFormat format,
      ElementFactory<O> elements, CorruptionPolicy policy) throws IOException {
    MatchResult.Metadata metadata = FileSystems.matchSingleFileSpec(file);
    FramedSource<O> source = FramedSource.of(StaticValueProvider.of(file), EmptyMatchTreatment.DISALLOW,
        format.framing(), FramedSource.defaultCompression(format.framing()), elements, policy);
    // The range [0, size) of the one file; its reader takes no pipeline options, and building any
    // costs seconds of reflection over every options interface on the class path.
    return source.createForSubrangeOfFile(metadata, 0, metadata.sizeBytes()).createReader(null);
  }
}
