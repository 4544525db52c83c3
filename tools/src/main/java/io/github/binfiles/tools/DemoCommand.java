package io.github.binfiles.tools;

import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordDecoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.BoundedSource;

import io.github.binfiles.Formats;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.sinks.WriteToBinaryFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code binfiles demo}, the README's main job: generates sample records, writes them as fixed-record
 * files with {@code WriteToBinaryFiles}, converts them to zstd container files, reads those back with
 * {@code ReadFromBinaryFiles}, and checks that every record came back exactly once.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the main job: write, convert and read back sample records, checking each.",
      "Writes sample records as fixed-record files, converts them to zstd container",
      "files, reads those back on the embedded DirectRunner and checks that every",
      "record came back exactly once; then converts the same files on the local",
      "engine (what 'convert' does without --runner) and checks that each output",
      "holds its input's records in order. A temporary directory is deleted at the",
      "end unless --keep is given."
    })
final class DemoCommand implements Callable<Integer> {
  static final byte[] HEADER = "BINFILES-DEMO-v1\n".getBytes(StandardCharsets.US_ASCII);

  @Spec CommandSpec spec;

  @Option(names = "--records", defaultValue = "500000", description = "Number of records (default: ${DEFAULT-VALUE}).")
  int records;

  @Option(names = "--record-size", defaultValue = "64", description = "Bytes per record, at least 8 (default: ${DEFAULT-VALUE}).")
  int recordSize;

  @Option(names = "--dir", description = "Working directory, kept (default: a new temporary directory, deleted at the end).")
  Path dir;

  @Option(names = "--keep", description = "Keep the temporary directory.")
  boolean keep;

  @Unmatched List<String> beamArgs;

  @Override
  public Integer call() throws Exception {
    if (records <= 0 || recordSize < 8) {
      throw new IllegalArgumentException("--records must be > 0 and --record-size >= 8");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("binfiles-demo-");
    String fixedPrefix = work.resolve("fixed").resolve("part").toString();
    String containerPrefix = work.resolve("container").resolve("part").toString();
    out.printf("binfiles demo: %,d records of %d bytes in %s%n", records, recordSize, work);
    out.flush(); // stdout is buffered (BinfilesCli): show each step as it ends

    Pipeline write = Pipeline.create(options());
    GenerateCommand.sample(write, records, recordSize)
        .apply("Write fixed", WriteToBinaryFiles.of(Formats.fixed(recordSize).withHeader(HEADER)).to(fixedPrefix).withNumShards(4));
    Step w = Step.run(write, "write fixed-record files", err);
    out.printf("  1. WriteToBinaryFiles fixed   %s%n", w.summary(sizes(fixedPrefix)));
    out.flush();

    Pipeline convert = Pipeline.create(options());
    convert
        .apply("Read fixed", ReadFromBinaryFiles.of(Formats.fixed(recordSize).withHeaderBytes(HEADER.length)).from(fixedPrefix + "*"))
        .apply("Count", ParDo.of(new CountingFn()))
        .apply("Write container", WriteToBinaryFiles.of(Formats.container().withCodec(Codec.ZSTD).withFixedRecordLength(recordSize)).to(containerPrefix).withNumShards(4));
    Step c = Step.run(convert, "convert to container", err);
    out.printf("  2. fixed -> container (zstd)  %s, read in %d bundles%n", c.summary(sizes(containerPrefix)), c.bundles);
    out.flush();

    Pipeline read = Pipeline.create(options());
    PCollection<EveryRecordOnce.Tally> tally =
        read.apply("Read container", ReadFromBinaryFiles.of(Formats.container()).from(containerPrefix + "*"))
            .apply("Count", ParDo.of(new CountingFn()))
            .apply("Check", Combine.globally(new EveryRecordOnce(recordSize)));
    tally.apply("Report", ParDo.of(new ReportFn(records)));
    Step r = Step.run(read, "read container files", err);
    out.printf("  3. ReadFromBinaryFiles container %s, read in %d bundles%n", r.summary(-1), r.bundles);
    out.flush();
    boolean ok = BeamRun.counter(r.result, "demoExact") == 1;
    out.printf("  check: %s%n", ok ? "every record came back exactly once and unaltered: OK" : "MISMATCH (see stderr)");
    out.flush();

    // The same conversion on the local engine: no runner, order and files kept.
    FileFormat fixed = Formats.fixed(recordSize).withHeaderBytes(HEADER.length);
    FileFormat container = Formats.container().withCodec(Codec.ZSTD).withFixedRecordLength(recordSize);
    String localPrefix = work.resolve("local").resolve("part").toString();
    long start = System.nanoTime();
    List<Metadata> inputs = LocalConvert.match(fixedPrefix + "*");
    LocalConvert.Result l = new LocalConvert(fixed, container, io.github.binfiles.report.CorruptionPolicy.FAIL)
        .run(fixedPrefix + "*", localPrefix, Runtime.getRuntime().availableProcessors(), err);
    double seconds = (System.nanoTime() - start) / 1e9;
    boolean ordered = true;
    for (int i = 0; i < inputs.size(); i++) {
      ordered &= sameRecordsInOrder(inputs.get(i).resourceId().toString(), fixed, l.outputs.get(i), container);
    }
    out.printf("  4. local engine, fixed -> container (zstd)  %,d records in %.1f s (%,.0f records/s), step 2 on the DirectRunner: %.1f s%n",
        l.records, seconds, l.records / Math.max(seconds, 1e-9), c.seconds);
    out.flush();
    out.printf("  check: %s%n", ordered ? "each output holds its input's records in order: OK" : "ORDER MISMATCH");
    out.flush();
    if (dir == null && !keep) {
      deleteRecursively(work);
    }
    return ok && ordered ? 0 : 1;
  }

  /** Reads both files whole, side by side: the same records in the same order. */
  private static boolean sameRecordsInOrder(String a, FileFormat aFormat, String b, FileFormat bFormat) throws Exception {
    try (BoundedSource.BoundedReader<byte[]> x = whole(a, aFormat); BoundedSource.BoundedReader<byte[]> y = whole(b, bFormat)) {
      boolean mx = x.start();
      boolean my = y.start();
      while (mx && my) {
        if (!java.util.Arrays.equals(x.getCurrent(), y.getCurrent())) {
          return false;
        }
        mx = x.advance();
        my = y.advance();
      }
      return mx == my;
    }
  }

  private static BoundedSource.BoundedReader<byte[]> whole(String file, FileFormat format) throws Exception {
    return WholeFile.reader(file, format, ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of()),
        io.github.binfiles.report.CorruptionPolicy.FAIL);
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private PipelineOptions options() {
    return BeamRun.options(beamArgs);
  }

  private static long sizes(String prefix) throws IOException {
    long total = 0;
    for (Metadata m : FileSystems.match(prefix + "*").metadata()) {
      total += m.sizeBytes();
    }
    return total;
  }

  /** Counts 1 under demoExact when the tally is exact; prints the tally otherwise. */
  static final class ReportFn extends DoFn<EveryRecordOnce.Tally, Void> {
    private final long expected;
    private final org.apache.beam.sdk.metrics.Counter exact =
        org.apache.beam.sdk.metrics.Metrics.counter(BeamRun.NAMESPACE, "demoExact");

    ReportFn(long expected) {
      this.expected = expected;
    }

    @ProcessElement
    public void process(@Element EveryRecordOnce.Tally tally) {
      if (tally.isExactly(expected)) {
        exact.inc();
      } else {
        System.err.println("demo check failed: expected " + expected + " records, got " + tally);
      }
    }
  }

  /** One pipeline run and what it counted. */
  static final class Step {
    PipelineResult result;
    double seconds;
    long records;
    long bytes;
    long bundles;

    static Step run(Pipeline p, String what, PrintWriter err) {
      Step s = new Step();
      long start = System.nanoTime();
      s.result = BeamRun.runWithProgress(p, what, err);
      s.seconds = (System.nanoTime() - start) / 1e9;
      s.records = BeamRun.counter(s.result, "records");
      s.bytes = BeamRun.counter(s.result, "bytes");
      s.bundles = BeamRun.counter(s.result, "bundles");
      return s;
    }

    String summary(long fileBytes) {
      return String.format("%,d records, %s%s in %.1f s (%,.0f records/s)",
          records, Units.bytes(bytes),
          fileBytes >= 0 ? " -> " + Units.bytes(fileBytes) + " on disk" : "",
          seconds, records / Math.max(seconds, 1e-9));
    }
  }

}
