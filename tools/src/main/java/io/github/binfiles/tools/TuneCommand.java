package io.github.binfiles.tools;

import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.ElementFactory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code binfiles tune}: which bundle size to use for these files, measured on this machine. */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    description = {
      "Recommend a bundle size for these files, measured on this machine.",
      "For each candidate: splits made, cost of starting a bundle (its time, and the",
      "bytes a split passes over to reach its first record or block: the resync",
      "search), read throughput of N parallel readers over those splits, and what",
      "the format adds (e.g. how large its blocks are)."
    })
final class TuneCommand implements Callable<Integer>, FormatOptions.Taker {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATTERN", description = "Files or patterns to measure (local or gs://).")
  List<String> patterns;

  @Mixin FormatOptions formats;

  @Option(names = "--parallelism", description = "Parallel readers (default: the number of cores).")
  Integer parallelism;

  @Option(names = "--bundle-sizes-mib", split = ",", defaultValue = "1,4,16,64,256", description = "Candidates in MiB (default: ${DEFAULT-VALUE}).")
  List<Long> candidatesMib;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<Metadata> files = InputFiles.match(patterns);
    long total = files.stream().mapToLong(Metadata::sizeBytes).sum();
    ElementFactory<byte[]> bytes = ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of());
    FileFormat format;
    List<String> notes;
    try (OpenedFile first = OpenedFile.open(files.get(0), formats.settings())) {
      format = first.format;
      notes = first.isCompressed() ? List.of() : first.provider.tuningNotes(format, first.range);
    }
    List<BoundedSource<byte[]>> source = new ArrayList<>();
    for (String pattern : patterns) {
      source.add(FramedSource.of(StaticValueProvider.of(pattern), EmptyMatchTreatment.DISALLOW,
          format.framing(), FramedSource.defaultCompression(format.framing()), bytes, CorruptionPolicy.FAIL));
    }
    int n = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
    out.printf("%d %s file(s), %s, %d parallel readers%n", files.size(), format.name(),
        Units.bytes(total), n);
    out.flush(); // stdout is buffered (BinfilesCli): show each step as it ends
    BundleSizeTuner tuner = new BundleSizeTuner(n, format.framing());
    tuner.measure(source, Long.MAX_VALUE / 4, total); // warm-up: page cache and JIT
    List<BundleSizeTuner.Result> results = new ArrayList<>();
    out.printf("%12s %8s %14s %22s %12s %14s%n", "bundle", "splits", "start/bundle",
        "scanned/bundle (max)", "file MB/s", "M records/s");
    out.flush();
    for (long mib : candidatesMib) {
      long bundle = mib << 20;
      if (!results.isEmpty() && bundle > total && results.get(results.size() - 1).splits == 1) {
        break;
      }
      BundleSizeTuner.Result r = tuner.measure(source, bundle, total);
      results.add(r);
      out.printf("%12s %8d %11.2f ms %22s %12.0f %14.1f%n", Units.bytes(bundle), r.splits, r.startMillis,
          Math.round(r.meanScanBytes) + " B (" + r.maxScanBytes + " B)", r.mbPerSecond(),
          r.records / 1e6 / r.seconds);
      out.flush();
    }
    notes.forEach(out::println);
    BundleSizeTuner.Result pick = BundleSizeTuner.recommend(results);
    out.printf("recommendation: desired bundle size %s (%d splits, %.0f MB/s). On Dataflow the service picks"
        + " initial splits itself and rebalances dynamically; use this for readFiles()"
        + ".withDesiredBundleSizeBytes(%d) and for Read.from on other runners.%n",
        Units.bytes(pick.bundleBytes), pick.splits, pick.mbPerSecond(), pick.bundleBytes);
    out.flush();
    return 0;
  }

  @Override
  public boolean writes() {
    return false;
  }
}
