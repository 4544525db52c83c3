package io.github.binfiles.tools;

import io.github.binfiles.beam.ElementFactory;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.FileFormat;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;

/**
 * A reader of one whole file of a format, in order from its first record, outside any pipeline:
 * the format's own Beam source split wider than any file, so that one reader covers it. The local
 * engine, the demo's order check and the convert harness read files this way.
 */
public final class WholeFile {
  private static final PipelineOptions OPTIONS = PipelineOptionsFactory.create();

  private WholeFile() {}

  public static <O> BoundedSource.BoundedReader<O> reader(String file, FileFormat format,
      ElementFactory<O> elements, CorruptionPolicy policy) throws IOException {
    FramedSource<O> source = FramedSource.of(StaticValueProvider.of(file), EmptyMatchTreatment.DISALLOW,
        format.framing(), FramedSource.defaultCompression(format.framing()), elements, policy);
    try {
      List<? extends BoundedSource<O>> parts = source.split(Long.MAX_VALUE / 4, OPTIONS);
      if (parts.size() != 1) {
        throw new IllegalStateException(file + ": expected one source for one file, got " + parts.size());
      }
      return parts.get(0).createReader(OPTIONS);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
