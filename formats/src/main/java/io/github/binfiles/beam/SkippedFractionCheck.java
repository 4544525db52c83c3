package io.github.binfiles.beam;

import io.github.binfiles.report.SkippedRegion;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Fails a read whose skipped bytes exceed a fraction of a file, or of all files read, with a
 * summary: the file, the bytes skipped of its size, and its first regions. A region whose end is
 * not known (a stream that broke, a truncated file) counts to the end of its file; offsets of a
 * compressed file are decompressed positions, capped at the file's size. The check runs as a step
 * after the read, so the read fails once every file has been read.
 */
public final class SkippedFractionCheck extends PTransform<PCollection<SkippedRegion>, PDone> {
  private final double perFile;
  private final double perRead;
  private final PCollection<KV<String, Long>> sizes;

  /**
   * @param perFile the most of one file's bytes that may be skipped
   * @param perRead the most of all the files' bytes that may be skipped
   * @param sizes each file read with its size in bytes (every file, damaged or not)
   */
  public SkippedFractionCheck(double perFile, double perRead, PCollection<KV<String, Long>> sizes) {
    this.perFile = perFile;
    this.perRead = perRead;
    this.sizes = sizes;
  }

  @Override
  public PDone expand(PCollection<SkippedRegion> regions) {
    TupleTag<Long> sizeTag = new TupleTag<>("sizes"); // not anonymous: it would capture this transform
    TupleTag<SkippedRegion> regionTag = new TupleTag<>("regions");
    PCollection<KV<String, SkippedRegion>> byFile = regions.apply("Key regions by file",
        org.apache.beam.sdk.transforms.WithKeys.of((SerializableFunction<SkippedRegion, String>) SkippedRegion::getFile)
            .withKeyType(org.apache.beam.sdk.values.TypeDescriptors.strings()));
    PCollection<KV<Long, Long>> files = KeyedPCollectionTuple.of(sizeTag, sizes).and(regionTag, byFile)
        .apply("Join regions with sizes", CoGroupByKey.create())
        .apply("Check each file", ParDo.of(new PerFile(perFile, sizeTag, regionTag)));
    files.apply("Sum over files", Combine.globally(new SumPairs()))
        .apply("Check the read", ParDo.of(new Total(perRead)));
    return PDone.in(regions.getPipeline());
  }

  /** Bytes of {@code r} in a file of {@code size} bytes: to the end when its end is unknown. */
  static long skippedBytes(SkippedRegion r, long size) {
    long start = Math.min(r.getStartOffset(), size);
    long end = r.getEndOffset() == r.getStartOffset() && r.getEndLostOrdinal() < 0 ? size : r.getEndOffset();
    return Math.max(0, Math.min(end, size) - start);
  }

  private static final class PerFile extends DoFn<KV<String, CoGbkResult>, KV<Long, Long>> {
    private final double max;
    private final TupleTag<Long> sizeTag;
    private final TupleTag<SkippedRegion> regionTag;

    PerFile(double max, TupleTag<Long> sizeTag, TupleTag<SkippedRegion> regionTag) {
      this.max = max;
      this.sizeTag = sizeTag;
      this.regionTag = regionTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> e, OutputReceiver<KV<Long, Long>> out) {
      long size = 0;
      for (Long s : e.getValue().getAll(sizeTag)) {
        size = Math.max(size, s);
      }
      long skipped = 0;
      List<String> first = new ArrayList<>();
      for (SkippedRegion r : e.getValue().getAll(regionTag)) {
        skipped += skippedBytes(r, size);
        if (first.size() < 3) {
          first.add(r.toString());
        }
      }
      skipped = Math.min(skipped, size);
      if (size > 0 && skipped > max * size) {
        throw new IllegalStateException(String.format(java.util.Locale.ROOT,
            "%s: %d of its %d bytes (%.2f%%) were skipped as damage, more than the maximum of %.2f%%"
                + " of a file (withMaxSkippedFraction); first regions: %s", e.getKey(), skipped, size,
            100.0 * skipped / size, 100.0 * max, first));
      }
      out.output(KV.of(skipped, size));
    }
  }

  private static final class SumPairs extends Combine.BinaryCombineFn<KV<Long, Long>> {
    @Override
    public KV<Long, Long> apply(KV<Long, Long> a, KV<Long, Long> b) {
      return KV.of(a.getKey() + b.getKey(), a.getValue() + b.getValue());
    }

    @Override
    public KV<Long, Long> identity() {
      return KV.of(0L, 0L);
    }
  }

  private static final class Total extends DoFn<KV<Long, Long>, Void> {
    private final double max;

    Total(double max) {
      this.max = max;
    }

    @ProcessElement
    public void process(@Element KV<Long, Long> total) {
      long skipped = total.getKey();
      long size = total.getValue();
      if (size > 0 && skipped > max * size) {
        throw new IllegalStateException(String.format(java.util.Locale.ROOT,
            "the read skipped %d of %d bytes (%.2f%%) as damage, more than the maximum of %.2f%%"
                + " of the read (withMaxSkippedFraction)", skipped, size, 100.0 * skipped / size, 100.0 * max));
      }
    }
  }
}
