package io.github.binfiles.testing;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;

/** DirectRunner pipelines for tests. */
public final class Pipelines {
  private Pipelines() {}

  /**
   * A test pipeline without the DirectRunner's per-element immutability and encodability checks,
   * which make million-record pipelines take minutes; smaller tests keep them on.
   */
  public static TestPipeline fast() {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setEnforceImmutability(false);
    options.setEnforceEncodability(false);
    options.setTargetParallelism(Math.max(2, Runtime.getRuntime().availableProcessors()));
    return TestPipeline.fromOptions(options).enableAbandonedNodeEnforcement(false);
  }

  /**
   * A {@link #fast()} pipeline that runs {@code Read.from(source)} through Beam's splittable-DoFn
   * wrapper, as Dataflow Runner v2 does (the DirectRunner otherwise converts it back to the primitive
   * read): readers are checkpointed and split through the wrapper's restriction tracker.
   */
  public static TestPipeline sdfRead() {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setEnforceImmutability(false);
    options.setEnforceEncodability(false);
    options.setTargetParallelism(Math.max(2, Runtime.getRuntime().availableProcessors()));
    org.apache.beam.sdk.options.ExperimentalOptions.addExperiment(
        options.as(org.apache.beam.sdk.options.ExperimentalOptions.class), "use_sdf_read");
    return TestPipeline.fromOptions(options).enableAbandonedNodeEnforcement(false);
  }
}
