package io.github.binfiles;

import io.github.binfiles.report.NulledField;
import io.github.binfiles.report.SkippedRegion;
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
 * The output of a read that reports corruption: the records, every {@link SkippedRegion} the
 * readers dropped, and every {@link NulledField} a layout decoder set to null in a record it still
 * returned. Each region and each nulled field appears exactly once, whatever the splits.
 */
public final class ReadResult<T> implements POutput {
  static final TupleTag<SkippedRegion> SKIPPED = new TupleTag<SkippedRegion>("skippedRegions") {};
  static final TupleTag<NulledField> NULLED = new TupleTag<NulledField>("nulledFields") {};

  private final Pipeline pipeline;
  private final TupleTag<T> recordsTag;
  private final PCollection<T> records;
  private final PCollection<SkippedRegion> skipped;
  private final PCollection<NulledField> nulled;

  ReadResult(PCollectionTuple tuple, TupleTag<T> recordsTag) {
    this.pipeline = tuple.getPipeline();
    this.recordsTag = recordsTag;
    this.records = tuple.get(recordsTag);
    this.skipped = tuple.get(SKIPPED);
    this.nulled = tuple.get(NULLED);
  }

  private ReadResult(Pipeline pipeline, TupleTag<T> recordsTag, PCollection<T> records,
      PCollection<SkippedRegion> skipped, PCollection<NulledField> nulled) {
    this.pipeline = pipeline;
    this.recordsTag = recordsTag;
    this.records = records;
    this.skipped = skipped;
    this.nulled = nulled;
  }

  /** The same report with {@code other} as its records. */
  <U> ReadResult<U> withRecords(PCollection<U> other) {
    return new ReadResult<>(pipeline, new TupleTag<U>(recordsTag.getId() + "Nested"), other, skipped, nulled);
  }

  static TupleTagList reportTags() {
    return TupleTagList.of(SKIPPED).and(NULLED);
  }

  public PCollection<T> records() {
    return records;
  }

  public PCollection<SkippedRegion> skippedRegions() {
    return skipped;
  }

  /** Fields set to null because their bytes could not be decoded (layout reads only). */
  public PCollection<NulledField> nulledFields() {
    return nulled;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(recordsTag, records, SKIPPED, skipped, NULLED, nulled);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
