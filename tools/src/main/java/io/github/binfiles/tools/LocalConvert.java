package io.github.binfiles.tools;

import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.ElementFactory;
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
import java.util.function.Function;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Converts files on this machine without a Beam runner: input file i (in name order) becomes
 * output file {@code PREFIX-i-of-N} with its records in the same order, read with the source
 * format's reader and written with the target's writer in one task per file, files in parallel.
 * Each output is written under a temporary name and renamed when whole, so a failed conversion
 * leaves no file at a final name. Public for the benchmark harness ({@code ConvertComparison}).
 */
public final class LocalConvert implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

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
    ConvertJob job = job(files, prefix);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, files.size())));
    List<Future<long[]>> tasks = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    List<List<SkippedRegion>> regions = new ArrayList<>();
    try {
      for (int i = 0; i < files.size(); i++) {
        int task = i;
        List<SkippedRegion> mine = Collections.synchronizedList(new ArrayList<>());
        outputs.add(job.output(i));
        regions.add(mine);
        tasks.add(pool.submit(() -> job.run(task, mine)));
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

  /** Converting {@code files} as one task per file: what {@link #run} runs, and the Beam path's elements. */
  ConvertJob job(List<MatchResult.Metadata> files, String prefix) {
    return new ConvertJob(this, files, prefix);
  }

  /** Input i of {@code files} to output i under {@code prefix}. */
  static final class ConvertJob implements PerFilePipeline.Job {
    private static final long serialVersionUID = 1L;
    private final LocalConvert convert;
    private final List<MatchResult.Metadata> files;
    private final String prefix;

    ConvertJob(LocalConvert convert, List<MatchResult.Metadata> files, String prefix) {
      this.convert = convert;
      this.files = new ArrayList<>(files);
      this.prefix = prefix;
    }

    @Override
    public int files() {
      return files.size();
    }

    String output(int i) {
      return outputName(prefix, i, files.size(), convert.target.defaultSuffix());
    }

    @Override
    public long[] run(int i, List<SkippedRegion> regions) throws Exception {
      return convert.convert(files.get(i), output(i), regions);
    }
  }

  /** One file, in order; returns records and bytes written. */
  private long[] convert(MatchResult.Metadata in, String out, List<SkippedRegion> regions) throws Exception {
    long[] written = AtomicFileWrite.write(out, target, sink -> policy == CorruptionPolicy.SKIP
        ? copy(in, ElementFactories.items(BYTES), item -> {
            if (item.isRecord()) {
              return item.getRecord();
            }
            regions.add(item.getSkipped());
            return null;
          }, sink)
        : copy(in, BYTES, record -> record, sink));
    return written;
  }

  private static final ElementFactory<byte[]> BYTES = ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of());

  /**
   * Writes the records of {@code in} read as {@code T}s ({@code recordOf} gives a record's bytes, or
   * null for an element that is not one); reports progress every 4,096 records.
   */
  private <T> long copy(MatchResult.Metadata in, ElementFactory<T> elements, Function<T, byte[]> recordOf,
      FileIO.Sink<byte[]> sink) throws IOException {
    long records = 0;
    long reported = 0;
    try (BoundedSource.BoundedReader<T> reader = WholeFile.reader(in.resourceId().toString(), source, elements, policy)) {
      for (boolean more = reader.start(); more; more = reader.advance()) {
        byte[] record = recordOf.apply(reader.getCurrent());
        if (record == null) {
          continue;
        }
        sink.write(record);
        records++;
        if ((records & 0xFFF) == 0) {
          recordsDone.addAndGet(0x1000);
          long at = Math.max(reported, progressOf(reader, in.sizeBytes()));
          bytesDone.addAndGet(at - reported);
          reported = at;
        }
      }
    }
    recordsDone.addAndGet(records & 0xFFF);
    bytesDone.addAndGet(in.sizeBytes() - reported);
    return records;
  }

  /** Bytes of the file behind the reader's position, from its fraction consumed. */
  private static long progressOf(BoundedSource.BoundedReader<?> reader, long size) {
    Double f = reader.getFractionConsumed();
    return f == null ? 0 : (long) (Math.min(1.0, f) * size);
  }
}
