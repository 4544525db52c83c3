package io.github.binfiles.tools;

import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.report.SkippedRegionCoder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
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
 * (on Dataflow, files in parallel on many machines). The tasks are planned where the pipeline runs
 * (matching the input pattern is a step of the job, so the job graph stays small whatever the
 * number of files). Output i of n is written by one task, in order, under a temporary name renamed
 * when whole (a retried task rewrites it), so names and order are those of the local engine. What it
 * does not do: split one file among workers beyond {@code --range-size}; {@code convert --shards}
 * runs the resharding pipeline for that.
 */
final class PerFilePipeline {
  /** Work planned as tasks, task i of n making output file i of n. */
  interface Job<T extends Serializable> extends Serializable {
    /** The tasks, in output order. */
    List<T> plan() throws Exception;

    /** Writes output {@code i} of {@code n}; returns records and bytes written; damage skipped goes to {@code regions}. */
    long[] run(int i, int n, T task, List<SkippedRegion> regions) throws Exception;
  }

  /** One planned task as a pipeline element. */
  static final class Task implements Serializable {
    private static final long serialVersionUID = 1L;
    final int index;
    final int count;
    final Serializable payload;

    Task(int index, int count, Serializable payload) {
      this.index = index;
      this.count = count;
      this.payload = payload;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Task && ((Task) o).index == index && ((Task) o).count == count
          && ((Task) o).payload.equals(payload);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(index, count, payload);
    }
  }

  /** What running a job's tasks on this machine did: records and bytes written, regions skipped in task order. */
  static final class Done {
    final long records;
    final long bytes;
    final List<SkippedRegion> regions;

    Done(long records, long bytes, List<SkippedRegion> regions) {
      this.records = records;
      this.bytes = bytes;
      this.regions = regions;
    }
  }

  private PerFilePipeline() {}

  /**
   * The local engine: runs the planned {@code tasks} of {@code job} on {@code threads} threads of
   * this machine (task i writes output i of n, as on a runner), calling {@code tick} about five
   * times a second until all are done; a failed task's own exception is thrown.
   */
  static <T extends Serializable> Done runLocally(Job<T> job, List<T> tasks, int threads, Runnable tick)
      throws Exception {
    int n = tasks.size();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)));
    List<java.util.concurrent.Future<long[]>> running = new ArrayList<>();
    List<List<SkippedRegion>> regions = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        int task = i;
        List<SkippedRegion> mine = java.util.Collections.synchronizedList(new ArrayList<>());
        regions.add(mine);
        running.add(pool.submit(() -> job.run(task, n, tasks.get(task), mine)));
      }
      long records = 0;
      long bytes = 0;
      for (java.util.concurrent.Future<long[]> t : running) {
        while (true) {
          try {
            long[] r = t.get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            records += r[0];
            bytes += r[1];
            break;
          } catch (java.util.concurrent.TimeoutException e) {
            tick.run();
          }
        }
      }
      List<SkippedRegion> all = new ArrayList<>();
      regions.forEach(all::addAll);
      return new Done(records, bytes, all);
    } catch (java.util.concurrent.ExecutionException e) {
      throw Tasks.cause(e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Adds the planning and the tasks of {@code job} to {@code p}; returns the regions they skipped. */
  static <T extends Serializable> PCollection<SkippedRegion> apply(Pipeline p, String name, Job<T> job) {
    return p.apply(name + " start", Create.of(0).withCoder(VarIntCoder.of()))
        .apply(name + " plan", ParDo.of(new PlanFn<>(job)))
        .setCoder(SerializableCoder.of(Task.class))
        .apply(name + " spread", Reshuffle.viaRandomKey())
        .apply(name, ParDo.of(new RunFn<>(job)))
        .setCoder(SkippedRegionCoder.of());
  }

  private static final class PlanFn<T extends Serializable> extends DoFn<Integer, Task> {
    private final Job<T> job;

    PlanFn(Job<T> job) {
      this.job = job;
    }

    @ProcessElement
    public void process(OutputReceiver<Task> out) throws Exception {
      List<T> tasks = job.plan();
      for (int i = 0; i < tasks.size(); i++) {
        out.output(new Task(i, tasks.size(), tasks.get(i)));
      }
    }
  }

  private static final class RunFn<T extends Serializable> extends DoFn<Task, SkippedRegion> {
    private final Job<T> job;
    private final Counter records = Metrics.counter(BeamRun.NAMESPACE, "records");
    private final Counter bytes = Metrics.counter(BeamRun.NAMESPACE, "bytes");
    private final Counter files = Metrics.counter(BeamRun.NAMESPACE, "files");

    RunFn(Job<T> job) {
      this.job = job;
    }

    @ProcessElement
    @SuppressWarnings("unchecked")
    public void process(@Element Task task, OutputReceiver<SkippedRegion> out) throws Exception {
      List<SkippedRegion> regions = new ArrayList<>();
      long[] done = job.run(task.index, task.count, (T) task.payload, regions);
      records.inc(done[0]);
      bytes.inc(done[1]);
      files.inc();
      regions.forEach(out::output);
    }
  }
}
