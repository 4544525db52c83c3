package io.github.binfiles.beam;

import io.github.binfiles.report.NulledField;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Fails a layout read when more than a fraction of its rows had a field nulled (under SKIP an
 * undecodable field is null and reported): an off-by-one layout nulls every row, and the job should
 * not succeed. Runs as a step after the read, over the rows and the nulled fields.
 */
public final class NulledFractionCheck<T> extends PTransform<PCollection<NulledField>, PDone> {
  private final double maxFraction;
  private final PCollection<T> rows;

  public NulledFractionCheck(double maxFraction, PCollection<T> rows) {
    this.maxFraction = maxFraction;
    this.rows = rows;
  }

  @Override
  public PDone expand(PCollection<NulledField> nulled) {
    PCollectionView<Long> rowCount = rows.apply("Count rows", Count.globally()).apply("Rows", View.asSingleton());
    nulled.apply("Rows with nulls", MapElements.into(TypeDescriptors.strings())
            .via((NulledField f) -> f.getFile() + "@" + f.getRecordOrdinal() + "@" + f.getRecordOffset()))
        .apply("Distinct rows", Distinct.create())
        .apply("Count rows with nulls", Count.globally())
        .apply("Check", ParDo.of(new Check(maxFraction, rowCount)).withSideInputs(rowCount));
    return PDone.in(nulled.getPipeline());
  }

  private static final class Check extends DoFn<Long, Void> {
    private final double max;
    private final PCollectionView<Long> rowCount;

    Check(double max, PCollectionView<Long> rowCount) {
      this.max = max;
      this.rowCount = rowCount;
    }

    @ProcessElement
    public void process(@Element Long withNulls, ProcessContext c) {
      long rows = c.sideInput(rowCount);
      if (rows > 0 && withNulls > max * rows) {
        throw new IllegalStateException(String.format(java.util.Locale.ROOT,
            "%d of %d rows (%.2f%%) had fields nulled as undecodable, more than the maximum of %.2f%%"
                + " (withMaxNulledFraction): check the layout (its offsets, the record length, the code page)",
            withNulls, rows, 100.0 * withNulls / rows, 100.0 * max));
      }
    }
  }
}
