package io.github.binfiles.tools;

import io.github.binfiles.CorruptionPolicy;
import io.github.binfiles.RecordDecoder;
import io.github.binfiles.container.ContainerFile;
import io.github.binfiles.container.ContainerIndex;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.container.ContainerFraming;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.read.ElementFactories;
import io.github.binfiles.read.ElementFactory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.Compression;
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
      "For each candidate: splits made, cost of starting a bundle, read throughput",
      "of N parallel readers over those splits. For container files also how the",
      "block size bounds the scan a bundle does to find its first block."
    })
final class TuneCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATTERN", description = "Files to measure (local or gs://).")
  String pattern;

  @Mixin FixedLayoutOptions fixed;

  @Option(names = "--parallelism", description = "Parallel readers (default: the number of cores).")
  Integer parallelism;

  @Option(names = "--bundle-sizes-mib", split = ",", defaultValue = "1,4,16,64,256", description = "Candidates in MiB (default: ${DEFAULT-VALUE}).")
  List<Long> candidatesMib;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<Metadata> files = InputFiles.match(List.of(pattern));
    long total = files.stream().mapToLong(Metadata::sizeBytes).sum();
    boolean container = InputFiles.isContainer(files.get(0));
    ElementFactory<byte[]> bytes = ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of());
    BoundedSource<byte[]> source = container
        ? FramedSource.of(StaticValueProvider.of(pattern), EmptyMatchTreatment.DISALLOW,
            ContainerFraming.of(fixed.maxBlockBytes), Compression.UNCOMPRESSED, bytes, CorruptionPolicy.FAIL)
        : FramedSource.of(StaticValueProvider.of(pattern), EmptyMatchTreatment.DISALLOW,
            fixed.framing(pattern), Compression.AUTO, bytes, CorruptionPolicy.FAIL);
    int n = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
    out.printf("%d %s file(s), %s, %d parallel readers%n", files.size(), container ? "container" : "fixed-record",
        Units.bytes(total), n);
    BundleSizeTuner tuner = new BundleSizeTuner(n);
    tuner.measure(source, Long.MAX_VALUE / 4, total); // warm-up: page cache and JIT
    List<BundleSizeTuner.Result> results = new ArrayList<>();
    out.printf("%12s %8s %14s %12s %14s%n", "bundle", "splits", "start/bundle", "file MB/s", "M records/s");
    for (long mib : candidatesMib) {
      long bundle = mib << 20;
      if (!results.isEmpty() && bundle > total && results.get(results.size() - 1).splits == 1) {
        break;
      }
      BundleSizeTuner.Result r = tuner.measure(source, bundle, total);
      results.add(r);
      out.printf("%12s %8d %11.2f ms %12.0f %14.1f%n", Units.bytes(bundle), r.splits, r.startMillis,
          r.mbPerSecond(), r.records / 1e6 / r.seconds);
    }
    if (container) {
      try (ContainerFile f = ContainerFile.open(files.get(0).resourceId().toString(), fixed.maxBlockBytes)) {
        Optional<ContainerIndex> index = f.index();
        if (index.isPresent() && index.get().blockCount() > 0) {
          long avgBlock = (index.get().indexOffset() - index.get().blockOffset(0)) / index.get().blockCount();
          out.printf("container blocks average %s: a bundle scans at most one block to find its first,"
              + " so a 64 MiB bundle spends at most %.2f%% of its bytes on that scan%n",
              Units.bytes(avgBlock), 100.0 * avgBlock / (64 << 20));
        }
      }
    }
    BundleSizeTuner.Result pick = BundleSizeTuner.recommend(results);
    out.printf("recommendation: desired bundle size %s (%d splits, %.0f MB/s). On Dataflow the service picks"
        + " initial splits itself and rebalances dynamically; use this for readFiles()"
        + ".withDesiredBundleSizeBytes(%d) and for Read.from on other runners.%n",
        Units.bytes(pick.bundleBytes), pick.splits, pick.mbPerSecond(), pick.bundleBytes);
    return 0;
  }
}
