package io.github.binfiles.tools;

import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordDecoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Converts files on this machine without a Beam runner: input file i (in name order) becomes
 * output file {@code PREFIX-i-of-N} with its records in the same order, read with the source
 * format's reader and written with the target's writer in one task per file, files in parallel.
 * Each output is written under a temporary name and renamed when whole, so a failed conversion
 * leaves no file at a final name. Public for the benchmark harness ({@code ConvertComparison}).
 */
public final class LocalConvert {
  /** What a conversion did. */
  public static final class Result {
    public final long records;
    public final long bytesIn;
    public final long bytesOut;
    public final List<String> outputs;
    public final List<SkippedRegion> regions;

    Result(long records, long bytesIn, long bytesOut, List<String> outputs, List<SkippedRegion> regions) {
      this.records = records;
      this.bytesIn = bytesIn;
      this.bytesOut = bytesOut;
      this.outputs = outputs;
      this.regions = regions;
    }
  }

  private final FileFormat source;
  private final FileFormat target;
  private final CorruptionPolicy policy;
  final AtomicLong recordsDone = new AtomicLong();
  final AtomicLong bytesDone = new AtomicLong();

  public LocalConvert(FileFormat source, FileFormat target, CorruptionPolicy policy) {
    this.source = source;
    this.target = target;
    this.policy = policy;
  }

  /** The files {@code pattern} matches, in name order. */
  static List<MatchResult.Metadata> match(String pattern) throws IOException {
    return InputFiles.match(List.of(pattern));
  }

  /** Output name of input {@code i} of {@code n}: Beam's default shard naming. */
  static String outputName(String prefix, int i, int n, String suffix) {
    return String.format("%s-%05d-of-%05d%s", prefix, i, n, suffix);
  }

  /** Converts every file {@code pattern} matches; progress to {@code err}. */
  public Result run(String pattern, String prefix, int threads, PrintWriter err) throws Exception {
    return run(match(pattern), prefix, threads, err);
  }

  /** Converts {@code files} (output i for input i); progress to {@code err}. */
  public Result run(List<MatchResult.Metadata> files, String prefix, int threads, PrintWriter err) throws Exception {
    long total = 0;
    for (MatchResult.Metadata m : files) {
      total += m.sizeBytes();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, files.size())));
    List<Future<long[]>> tasks = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    List<List<SkippedRegion>> regions = new ArrayList<>();
    try {
      for (int i = 0; i < files.size(); i++) {
        MatchResult.Metadata in = files.get(i);
        String out = outputName(prefix, i, files.size(), target.defaultSuffix());
        List<SkippedRegion> mine = Collections.synchronizedList(new ArrayList<>());
        outputs.add(out);
        regions.add(mine);
        tasks.add(pool.submit(() -> convert(in, out, mine)));
      }
      Progress progress = new Progress(err, "convert", total);
      long records = 0;
      long bytesOut = 0;
      for (Future<long[]> t : tasks) {
        while (true) {
          try {
            long[] r = t.get(1, java.util.concurrent.TimeUnit.SECONDS);
            records += r[0];
            bytesOut += r[1];
            break;
          } catch (java.util.concurrent.TimeoutException e) {
            progress.update(bytesDone.get(), recordsDone.get());
          }
        }
      }
      progress.done(bytesDone.get(), recordsDone.get());
      List<SkippedRegion> all = new ArrayList<>();
      regions.forEach(all::addAll);
      return new Result(records, total, bytesOut, outputs, all);
    } catch (java.util.concurrent.ExecutionException e) {
      throw Tasks.cause(e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One file, in order; returns records and bytes written. */
  private long[] convert(MatchResult.Metadata in, String out, List<SkippedRegion> regions) throws Exception {
    long[] lastOffset = {0};
    long[] written = AtomicFileWrite.write(out, target, sink -> {
      long records = 0;
      try (BoundedSource.BoundedReader<ReadItem<byte[]>> reader = WholeFile.reader(in.resourceId().toString(), source,
          ElementFactories.items(ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of())), policy)) {
        for (boolean more = reader.start(); more; more = reader.advance()) {
          ReadItem<byte[]> item = reader.getCurrent();
          if (!item.isRecord()) {
            regions.add(item.getSkipped());
            continue;
          }
          sink.write(item.getRecord());
          records++;
          if ((records & 0xFFF) == 0) {
            recordsDone.addAndGet(0x1000);
            long at = Math.max(lastOffset[0], progressOf(reader, in.sizeBytes()));
            bytesDone.addAndGet(at - lastOffset[0]);
            lastOffset[0] = at;
          }
        }
      }
      recordsDone.addAndGet(records & 0xFFF);
      return records;
    });
    bytesDone.addAndGet(in.sizeBytes() - lastOffset[0]);
    return written;
  }

  /** Bytes of the file behind the reader's position, from its fraction consumed. */
  private static long progressOf(BoundedSource.BoundedReader<?> reader, long size) {
    Double f = reader.getFractionConsumed();
    return f == null ? 0 : (long) (Math.min(1.0, f) * size);
  }
}
