package io.github.binfiles.tools;

import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordFileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.io.BoundedSource;
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
  /** Threads each task's writer may use besides its own (the cores the tasks leave idle); 0 on a runner. */
  private int backgroundThreads;
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

  /** Converts every file {@code pattern} matches (output i for input i); progress to {@code err}. */
  public Result run(String pattern, String prefix, int threads, PrintWriter err) throws Exception {
    ConvertJob job = job(List.of(pattern), prefix, 0);
    return run(job, job.plan(), threads, err);
  }

  /** Runs the planned {@code parts} of {@code job} on {@code threads} threads (output i for part i); progress to {@code err}. */
  Result run(ConvertJob job, List<Part> parts, int threads, PrintWriter err) throws Exception {
    long total = parts.stream().mapToLong(p -> p.end - p.start).sum();
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      outputs.add(job.output(i, parts.size()));
    }
    int running = Math.max(1, Math.min(parts.size(), threads));
    backgroundThreads = (threads - running) / running;
    Progress progress = new Progress(err, "convert", total);
    PerFilePipeline.Done done = PerFilePipeline.runLocally(job, parts, threads,
        () -> progress.update(bytesDone.get(), recordsDone.get()));
    progress.done(bytesDone.get(), recordsDone.get());
    return new Result(done.records, total, done.bytes, outputs, done.regions);
  }

  /**
   * Converting the files {@code pattern} matches as tasks: one per file, or with {@code rangeBytes >
   * 0} one per byte range of about that size where the source format can split the file (what
   * {@code convert --range-size} does). Task i writes output i; the tasks follow the files in name
   * order and the ranges in file order, so the outputs in name order hold the records in input
   * order.
   */
  ConvertJob job(List<String> patterns, String prefix, long rangeBytes) {
    return new ConvertJob(this, patterns, prefix, rangeBytes);
  }

  /** Bytes [start, end) of one input file: the records that start there (by the format's framing). */
  static final class Part implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final MatchResult.Metadata file;
    final long start;
    final long end;

    Part(MatchResult.Metadata file, long start, long end) {
      this.file = file;
      this.start = start;
      this.end = end;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Part && ((Part) o).file.equals(file) && ((Part) o).start == start && ((Part) o).end == end;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(file, start, end);
    }
  }

  /** Part i of the matched files to output i under {@code prefix}; planned where it runs. */
  static final class ConvertJob implements PerFilePipeline.Job<Part> {
    private static final long serialVersionUID = 1L;
    private final LocalConvert convert;
    private final List<String> patterns;
    private final String prefix;
    private final long rangeBytes;

    ConvertJob(LocalConvert convert, List<String> patterns, String prefix, long rangeBytes) {
      this.convert = convert;
      this.patterns = new ArrayList<>(patterns);
      this.prefix = prefix;
      this.rangeBytes = rangeBytes;
    }

    @Override
    public List<Part> plan() throws Exception {
      List<Part> parts = new ArrayList<>();
      for (MatchResult.Metadata m : InputFiles.match(patterns)) {
        for (long[] r : WholeFile.ranges(m, convert.source, rangeBytes)) {
          parts.add(new Part(m, r[0], r[1]));
        }
      }
      return parts;
    }

    String output(int i, int n) {
      return outputName(prefix, i, n, convert.target.defaultSuffix());
    }

    @Override
    public long[] run(int i, int n, Part part, List<SkippedRegion> regions) throws Exception {
      return convert.convert(part, output(i, n), regions);
    }
  }

  /** One part, in order; returns records and bytes written. */
  private long[] convert(Part in, String out, List<SkippedRegion> regions) throws Exception {
    return AtomicFileWrite.write(out, target.withBackgroundThreads(backgroundThreads), RecordSlices.ENCODER,
        writer -> copy(in, writer, regions));
  }

  /**
   * Writes the records of {@code in} as the reader frames them, each straight from the reader's
   * buffer into the writer's (nothing allocated per record); skipped regions go to {@code regions}.
   * Reports progress every 4,096 records.
   */
  private long copy(Part in, RecordFileWriter<RecordSlices.Slice> writer, List<SkippedRegion> regions)
      throws IOException {
    long records = 0;
    long reported = 0;
    long size = in.end - in.start;
    try (BoundedSource.BoundedReader<RecordSlices.Slice> reader =
        WholeFile.range(in.file, in.start, in.end, source, new RecordSlices(), policy).createReader(null)) {
      for (boolean more = reader.start(); more; more = reader.advance()) {
        RecordSlices.Slice slice = reader.getCurrent();
        if (slice.skipped() != null) {
          regions.add(slice.skipped());
          continue;
        }
        writer.write(slice);
        records++;
        if ((records & 0xFFF) == 0) {
          recordsDone.addAndGet(0x1000);
          long at = Math.max(reported, progressOf(reader, size));
          bytesDone.addAndGet(at - reported);
          reported = at;
        }
      }
    }
    recordsDone.addAndGet(records & 0xFFF);
    bytesDone.addAndGet(size - reported);
    return records;
  }

  /** Bytes of the file behind the reader's position, from its fraction consumed. */
  private static long progressOf(BoundedSource.BoundedReader<?> reader, long size) {
    Double f = reader.getFractionConsumed();
    return f == null ? 0 : (long) (Math.min(1.0, f) * size);
  }
}
