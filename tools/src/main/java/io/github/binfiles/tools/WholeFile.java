package io.github.binfiles.tools;

import io.github.binfiles.beam.ElementFactory;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.FileFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
    return range(metadata, 0, metadata.sizeBytes(), format, elements, policy).createReader(null);
  }

  /**
   * The source of bytes [start, end) of one file: the records whose first byte (or block's) lies
   * there, by the format's own framing. Its reader takes no pipeline options: building any costs
   * seconds of reflection over every options interface on the class path.
   */
  static <O> FramedSource<O> range(MatchResult.Metadata metadata, long start, long end, FileFormat format,
      ElementFactory<O> elements, CorruptionPolicy policy) {
    String file = metadata.resourceId().toString();
    FramedSource<O> source = FramedSource.of(StaticValueProvider.of(file), EmptyMatchTreatment.DISALLOW,
        format.framing(), FramedSource.defaultCompression(format.framing()), elements, policy);
    return source.createForSubrangeOfFile(metadata, start, end);
  }

  /**
   * Byte ranges of about {@code rangeBytes} covering the file, as the format's source splits it
   * (one range, the whole file, when it cannot be split: whole-file compression, or a format that
   * reads files whole); in file order.
   */
  static List<long[]> ranges(MatchResult.Metadata metadata, FileFormat format, long rangeBytes) throws Exception {
    List<long[]> ranges = new ArrayList<>();
    if (rangeBytes <= 0 || metadata.sizeBytes() <= rangeBytes) {
      ranges.add(new long[] {0, metadata.sizeBytes()});
      return ranges;
    }
    FramedSource<Void> whole = range(metadata, 0, metadata.sizeBytes(), format, null, CorruptionPolicy.FAIL);
    for (BoundedSource<Void> part : whole.split(rangeBytes, null)) {
      FramedSource<Void> r = (FramedSource<Void>) part;
      ranges.add(new long[] {r.getStartOffset(), r.getEndOffset()});
    }
    ranges.sort(java.util.Comparator.comparingLong(r -> r[0]));
    return ranges;
  }
}
