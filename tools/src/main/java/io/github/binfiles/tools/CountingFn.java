package io.github.binfiles.tools;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/** Passes records through, counting records, bytes and bundles for progress and summaries. */
final class CountingFn extends DoFn<byte[], byte[]> {
  private final Counter records = Metrics.counter(BeamRun.NAMESPACE, "records");
  private final Counter bytes = Metrics.counter(BeamRun.NAMESPACE, "bytes");
  private final Counter bundles = Metrics.counter(BeamRun.NAMESPACE, "bundles");

  @StartBundle
  public void startBundle() {
    bundles.inc();
  }

  @ProcessElement
  public void process(@Element byte[] record, OutputReceiver<byte[]> out) {
    records.inc();
    bytes.inc(record.length);
    out.output(record);
  }
}
