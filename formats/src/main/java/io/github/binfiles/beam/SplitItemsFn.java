package io.github.binfiles.beam;

import io.github.binfiles.report.NulledField;
import io.github.binfiles.report.SkippedRegion;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Separates records from what the readers skipped, counting every report in Beam metrics under the
 * {@code binfiles} namespace: {@code skippedRegions}, {@code skippedBytes}, {@code lostRecords}
 * (where known) and {@code nulledFields}. Regions go to {@code skippedTag}, nulled fields to {@code
 * nulledTag}; nothing is only logged.
 */
public final class SplitItemsFn<T> extends DoFn<ReadItem<T>, T> {
  public static final String NAMESPACE = "binfiles";
  private final TupleTag<T> recordsTag;
  private final TupleTag<SkippedRegion> skippedTag;
  private final TupleTag<NulledField> nulledTag;
  private final Counter regions = Metrics.counter(NAMESPACE, "skippedRegions");
  private final Counter bytes = Metrics.counter(NAMESPACE, "skippedBytes");
  private final Counter lostRecords = Metrics.counter(NAMESPACE, "lostRecords");
  private final Counter nulledFields = Metrics.counter(NAMESPACE, "nulledFields");

  public SplitItemsFn(
      TupleTag<T> recordsTag, TupleTag<SkippedRegion> skippedTag, TupleTag<NulledField> nulledTag) {
    this.recordsTag = recordsTag;
    this.skippedTag = skippedTag;
    this.nulledTag = nulledTag;
  }

  @ProcessElement
  public void process(@Element ReadItem<T> item, MultiOutputReceiver out) {
    if (item.isRecord()) {
      out.get(recordsTag).output(item.getRecord());
      for (NulledField field : item.getNulledFields()) {
        nulledFields.inc();
        out.get(nulledTag).output(field);
      }
      return;
    }
    SkippedRegion region = item.getSkipped();
    regions.inc();
    bytes.inc(region.getLength());
    if (region.getLostRecords() > 0) {
      lostRecords.inc(region.getLostRecords());
    }
    out.get(skippedTag).output(region);
  }
}
