package io.github.binfiles;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The output of a read that reports corruption: the records, and every {@link SkippedRegion} the
 * readers dropped. Each region appears exactly once, whatever the splits.
 */
public final class ReadResult<T> implements POutput {
  static final TupleTag<SkippedRegion> SKIPPED = new TupleTag<SkippedRegion>("skippedRegions") {};

  private final Pipeline pipeline;
  private final TupleTag<T> recordsTag;
  private final PCollection<T> records;
  private final PCollection<SkippedRegion> skipped;

  ReadResult(PCollectionTuple tuple, TupleTag<T> recordsTag) {
    this.pipeline = tuple.getPipeline();
    this.recordsTag = recordsTag;
    this.records = tuple.get(recordsTag);
    this.skipped = tuple.get(SKIPPED);
  }

  static TupleTagList skippedTagList() {
    return TupleTagList.of(SKIPPED);
  }

  public PCollection<T> records() {
    return records;
  }

  public PCollection<SkippedRegion> skippedRegions() {
    return skipped;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(recordsTag, records, SKIPPED, skipped);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
