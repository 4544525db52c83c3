package io.github.binfiles.tools;

import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.report.SkippedRegionCoder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;

/**
 * The CLI's order-keeping Beam path: the same one-task-per-output-file work as the local engine
 * ({@link LocalConvert}, local generate), each task an element, spread over the runner's workers
 * (on Dataflow, files in parallel on many machines). Output i is written by one task, in order,
 * under a temporary name renamed when whole (a retried task rewrites it), so names and order are
 * those of the local engine. What it does not do: split one file among workers; {@code convert
 * --shards} runs the resharding pipeline for that.
 */
final class PerFilePipeline {
  /** Work that makes output file {@code i} of {@link #files()}. */
  interface Job extends Serializable {
    int files();

    /** Writes output {@code i}; returns records and bytes written; damage skipped goes to {@code regions}. */
    long[] run(int i, List<SkippedRegion> regions) throws Exception;
  }

  private PerFilePipeline() {}

  /** Adds the tasks of {@code job} to {@code p}; returns the regions they skipped. */
  static PCollection<SkippedRegion> apply(Pipeline p, String name, Job job) {
    List<Integer> tasks = IntStream.range(0, job.files()).boxed().collect(Collectors.toList());
    return p.apply(name + " tasks", Create.of(tasks).withCoder(VarIntCoder.of()))
        .apply(name + " spread", Reshuffle.viaRandomKey())
        .apply(name, ParDo.of(new RunFn(job)))
        .setCoder(SkippedRegionCoder.of());
  }

  private static final class RunFn extends DoFn<Integer, SkippedRegion> {
    private final Job job;
    private final Counter records = Metrics.counter(BeamRun.NAMESPACE, "records");
    private final Counter bytes = Metrics.counter(BeamRun.NAMESPACE, "bytes");

    RunFn(Job job) {
      this.job = job;
    }

    @ProcessElement
    public void process(@Element Integer i, OutputReceiver<SkippedRegion> out) throws Exception {
      List<SkippedRegion> regions = new ArrayList<>();
      long[] done = job.run(i, regions);
      records.inc(done[0]);
      bytes.inc(done[1]);
      regions.forEach(out::output);
    }
  }
}
