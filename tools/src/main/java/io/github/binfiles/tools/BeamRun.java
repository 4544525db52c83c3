package io.github.binfiles.tools;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * Builds pipeline options from standard Beam flags and runs pipelines with a progress line. On the
 * DirectRunner (the default) it turns off the per-element immutability and encodability checks,
 * which cost 20 to 250 times the read itself, and uses every core.
 */
final class BeamRun {
  static final String NAMESPACE = "binfiles_cli";

  private BeamRun() {}

  /**
   * Whether a command that has a local engine should run a Beam pipeline instead: when {@code
   * --runner} is given. Other Beam flags without it are an error, not silently ignored.
   */
  static boolean runsOnBeam(List<String> beamArgs) {
    if (beamArgs == null || beamArgs.isEmpty()) {
      return false;
    }
    if (beamArgs.stream().noneMatch(a -> a.startsWith("--runner"))) {
      throw new IllegalArgumentException("unknown options " + beamArgs + " (Beam flags need --runner=...)");
    }
    return true;
  }

  static PipelineOptions options(List<String> beamArgs) {
    List<String> args = beamArgs == null ? new ArrayList<>() : beamArgs;
    PipelineOptions options = PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).withValidation().create();
    if (options.getRunner() == DirectRunner.class) {
      DirectOptions direct = options.as(DirectOptions.class);
      boolean userSet = args.stream().anyMatch(a -> a.startsWith("--enforceImmutability") || a.startsWith("--targetParallelism"));
      if (!userSet) {
        direct.setEnforceImmutability(false);
        direct.setEnforceEncodability(false);
        direct.setTargetParallelism(Math.max(2, Runtime.getRuntime().availableProcessors()));
      }
      direct.setBlockOnRun(false);
    }
    return options;
  }

  /**
   * Runs {@code p}, printing records and bytes done every two seconds to {@code err}; null when the
   * runner only wrote a Dataflow template ({@code --templateLocation}): nothing ran, and the
   * template can be launched later.
   */
  static PipelineResult runWithProgress(Pipeline p, String what, PrintWriter err) {
    long start = System.nanoTime();
    PipelineResult result = p.run();
    // The Dataflow runner by name: the tool is compiled without it (runtime scope, see tools/pom.xml).
    if (result.getClass().getName().equals("org.apache.beam.runners.dataflow.util.DataflowTemplateJob")) {
      err.printf("  %s: wrote a Dataflow template to %s; nothing ran%n", what, templateLocation(p.getOptions()));
      err.flush();
      return null;
    }
    while (true) {
      PipelineResult.State state = result.waitUntilFinish(Duration.standardSeconds(2));
      if (state != null && state.isTerminal()) {
        if (state != PipelineResult.State.DONE) {
          throw new IllegalStateException(what + " ended in state " + state);
        }
        return result;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long records = counter(result, "records");
      long bytes = counter(result, "bytes");
      err.printf("  %s: %,d records, %s, %.1f s, %s%n", what, records, Units.bytes(bytes), seconds,
          Units.rate(bytes, seconds));
      err.flush();
    }
  }

  /** {@code --templateLocation} of Dataflow options, read through the Dataflow runner's options interface. */
  private static String templateLocation(PipelineOptions options) {
    try {
      Class<? extends PipelineOptions> dataflow = Class.forName(
          "org.apache.beam.runners.dataflow.options.DataflowPipelineOptions").asSubclass(PipelineOptions.class);
      return String.valueOf(dataflow.getMethod("getTemplateLocation").invoke(options.as(dataflow)));
    } catch (ReflectiveOperationException e) {
      return "--templateLocation";
    }
  }

  /** The attempted value of counter {@code name} in the CLI's namespace, or 0. */
  static long counter(PipelineResult result, String name) {
    try {
      MetricQueryResults q =
          result.metrics().queryMetrics(
              MetricsFilter.builder().addNameFilter(MetricNameFilter.named(NAMESPACE, name)).build());
      long sum = 0;
      for (MetricResult<Long> c : q.getCounters()) {
        sum += c.getAttempted() == null ? 0 : c.getAttempted();
      }
      return sum;
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
