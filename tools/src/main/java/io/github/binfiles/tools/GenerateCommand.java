package io.github.binfiles.tools;

import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.format.FormatRegistry;
import io.github.binfiles.sample.SampleRecords;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code binfiles generate}: writes sample records in any registered format, on this machine (one
 * task per output file, files written atomically) or, with {@code --runner}, with a Beam pipeline.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write sample records in any format.",
      "Each record is an int64 id, two int32, a double and a 16-byte name,",
      "zero-padded to --record-size. Without --runner: written on this machine, file",
      "s holding records s*N/shards up to (s+1)*N/shards in order, files in parallel.",
      "With --runner=DirectRunner, DataflowRunner, ...: the same files, one Beam",
      "element per file, written on the runner's workers."
    })
final class GenerateCommand implements Callable<Integer>, FormatOptions.Taker {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OUTPUT_PREFIX", description = "Output prefix, e.g. /tmp/sample/part or gs://bucket/sample/part.")
  String output;

  @Option(names = "--format", defaultValue = "${sys:binfiles.defaultFormat}", description = "${sys:binfiles.formats} (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--records", defaultValue = "1000000", description = "Number of records (default: ${DEFAULT-VALUE}).")
  long records;

  @Option(names = "--record-size", defaultValue = "64", description = "Bytes per record (default: ${DEFAULT-VALUE}).")
  int recordSize;

  @Option(names = "--shards", defaultValue = "4", description = "Number of output files (default: ${DEFAULT-VALUE}).")
  int shards;

  @Mixin FormatOptions formats;

  @Unmatched List<String> beamArgs;

  @Override
  public Integer call() throws Exception {
    if (records < 0 || recordSize <= 0 || shards <= 0) {
      throw new IllegalArgumentException("--records must be >= 0, --record-size and --shards > 0");
    }
    return BeamRun.runsOnBeam(beamArgs) ? pipeline() : local();
  }

  /** One task per output file, in parallel; each file written atomically. */
  private int local() throws Exception {
    SampleJob job = job();
    long start = System.nanoTime();
    Progress progress = new Progress(spec.commandLine().getErr(), "generate", records * recordSize);
    long bytes = PerFilePipeline.runLocally(job, job.plan(), Runtime.getRuntime().availableProcessors(),
        () -> progress.update(job.recordsDone.get() * recordSize, job.recordsDone.get())).bytes;
    progress.done(records * recordSize, records);
    double seconds = (System.nanoTime() - start) / 1e9;
    spec.commandLine().getOut().printf("wrote %,d %s records of %d bytes to %s* in %d files, %s on disk, in %.1f s: %s%n",
        records, format, recordSize, output, shards, Units.bytes(bytes), seconds,
        Units.rate(records * recordSize, seconds));
    return 0;
  }

  /** The same per-file tasks as Beam elements: the same files, names and order as {@link #local()}. */
  private int pipeline() throws java.io.IOException {
    Pipeline p = Pipeline.create(BeamRun.options(beamArgs));
    PerFilePipeline.apply(p, "Generate", job());
    long start = System.nanoTime();
    if (BeamRun.runWithProgress(p, "generate", spec.commandLine().getErr()) == null) {
      return 0;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    spec.commandLine().getOut().printf(
        "wrote %,d %s records of %d bytes to %s* in %d files (%.1f s)%n",
        records, format, recordSize, output, shards, seconds);
    return 0;
  }

  private SampleJob job() throws java.io.IOException {
    FileFormat target = FormatRegistry.byName(format)
        .format(formats.settings().withDefault("record-length", String.valueOf(recordSize)));
    return new SampleJob(target, output, records, recordSize, shards);
  }

  /** File s of n holds sample records s*N/n up to (s+1)*N/n, in order. */
  static final class SampleJob implements PerFilePipeline.Job<Integer> {
    private static final long serialVersionUID = 1L;
    private final FileFormat target;
    private final String prefix;
    private final long records;
    private final int recordSize;
    private final int shards;
    /** Records written so far by this JVM's tasks: progress. */
    final java.util.concurrent.atomic.AtomicLong recordsDone = new java.util.concurrent.atomic.AtomicLong();

    SampleJob(FileFormat target, String prefix, long records, int recordSize, int shards) {
      this.target = target;
      this.prefix = prefix;
      this.records = records;
      this.recordSize = recordSize;
      this.shards = shards;
    }

    @Override
    public List<Integer> plan() {
      return java.util.stream.IntStream.range(0, shards).boxed().collect(java.util.stream.Collectors.toList());
    }

    @Override
    public long[] run(int s, int n, Integer shard, List<io.github.binfiles.report.SkippedRegion> regions) throws Exception {
      long from = records * s / shards;
      long to = records * (s + 1) / shards;
      return AtomicFileWrite.write(LocalConvert.outputName(prefix, s, shards, target.defaultSuffix()), target,
          io.github.binfiles.spi.RecordEncoder.bytes(), writer -> {
        for (long id = from; id < to; id++) {
          writer.write(SampleRecords.record(id, recordSize));
          if ((id & 0xFFFF) == 0xFFFF) {
            recordsDone.addAndGet(0x10000);
          }
        }
        return to - from;
      });
    }
  }

  @Override
  public boolean writes() {
    return true;
  }

  /** The sample records 0..count-1, counted for progress. */
  static PCollection<byte[]> sample(Pipeline p, long count, int size) {
    return p.apply("Ids", GenerateSequence.from(0).to(count))
        .apply("Records", MapElements.into(TypeDescriptor.of(byte[].class)).via(id -> SampleRecords.record(id, size)))
        .apply("Count", ParDo.of(new CountingFn()));
  }
}
