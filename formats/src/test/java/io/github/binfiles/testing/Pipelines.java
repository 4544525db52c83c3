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
}
