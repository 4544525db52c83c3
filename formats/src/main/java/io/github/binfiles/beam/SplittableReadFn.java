package io.github.binfiles.beam;

import io.github.binfiles.framing.Framing;
import io.github.binfiles.report.CorruptionPolicy;
import java.io.IOException;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;

/**
 * Reads files as a splittable DoFn over byte-offset restrictions: a runner can split a file that is
 * being read (dynamic rebalancing) and sees each range's size and progress. Each restriction is
 * read by the same reader as {@link FramedSource} (the same ownership rule: a range owns the units
 * whose first byte it holds), which the DoFn stops when the tracker refuses a unit (the tracker is
 * the only one claiming: the reader's own {@code BoundedReader} range tracker is not consulted after
 * its first record, so a record costs one claim, not two): a claim is made
 * only where a range may start (a fixed record, a block, a sync point; damage where it is reported),
 * so a block's records are claimed once. Where the framing searches for a range's first unit, each
 * boundary the tracker stops a reader at is confirmed ({@link io.github.binfiles.framing.RangeBoundary}).
 * A file read whole (compressed, or a framing that is not splittable) has the restriction [0, 1):
 * claimed once, never split.
 */
@DoFn.BoundedPerElement
public final class SplittableReadFn<O> extends DoFn<FileIO.ReadableFile, O> {
  private static final long serialVersionUID = 1L;
  private final Framing framing;
  private final Compression compression;
  private final ElementFactory<O> elements;
  private final CorruptionPolicy policy;
  private final long desiredBundleSizeBytes;
  private final long claimSpanBytes;

  /** What {@code readFiles()} uses: a claim covers the split points in the 64 KiB after it. */
  public static final long DEFAULT_CLAIM_SPAN_BYTES = 64 << 10;

  /**
   * A DoFn that claims every split point (a claim span of 1 byte): {@link #read} may be given any
   * {@code OffsetRangeTracker}.
   *
   * @param compression the format's compression (AUTO: by each file's extension); a file whose
   *     {@code ReadableFile} names a codec is read with that codec
   */
  public SplittableReadFn(Framing framing, Compression compression, ElementFactory<O> elements,
      CorruptionPolicy policy, long desiredBundleSizeBytes) {
    this(framing, compression, elements, policy, desiredBundleSizeBytes, 1);
  }

  /**
   * @param claimSpanBytes the bytes one claim covers ({@link ClaimSpanTracker}): a split point within
   *     that many bytes of the last claim is delivered without a claim of its own, and a dynamic
   *     split lands at least that far past the last claim. Above 1, {@link #read} must be given this
   *     DoFn's own tracker ({@link #newTracker}), as a runner does.
   */
  public SplittableReadFn(Framing framing, Compression compression, ElementFactory<O> elements,
      CorruptionPolicy policy, long desiredBundleSizeBytes, long claimSpanBytes) {
    if (claimSpanBytes < 1) {
      throw new IllegalArgumentException("the claim span must be at least 1 byte, was " + claimSpanBytes);
    }
    this.framing = framing;
    this.compression = compression;
    this.elements = elements;
    this.policy = policy;
    this.desiredBundleSizeBytes = desiredBundleSizeBytes;
    this.claimSpanBytes = claimSpanBytes;
  }

  /** The codec a file is read with: the one its {@code ReadableFile} names, else the format's. */
  private Compression compressionOf(Compression given) {
    return given == Compression.AUTO || given == Compression.UNCOMPRESSED ? compression : given;
  }

  private FramedSource<O> source(Metadata m, Compression given) {
    return FramedSource.of(StaticValueProvider.of(m.resourceId().toString()), EmptyMatchTreatment.DISALLOW,
        framing, compressionOf(given), elements, policy).createForSubrangeOfFile(m, 0, m.sizeBytes());
  }

  private boolean readsWhole(Metadata m, Compression given) {
    return source(m, given).fileCompression() != Compression.UNCOMPRESSED || !framing.splittable();
  }

  @GetInitialRestriction
  public OffsetRange initialRestriction(@Element FileIO.ReadableFile f) {
    return initialRestriction(f.getMetadata(), f.getCompression());
  }

  /**
   * The restriction of a whole file: its bytes, or [0, 1) for a file read whole. Offset 0 is always
   * claimable, so that an empty file's damage (a missing header) is reported.
   */
  public OffsetRange initialRestriction(Metadata m, Compression given) {
    return readsWhole(m, given) ? new OffsetRange(0, 1) : new OffsetRange(0, Math.max(1, m.sizeBytes()));
  }

  @SplitRestriction
  public void splitRestriction(@Element FileIO.ReadableFile f, @Restriction OffsetRange range,
      OutputReceiver<OffsetRange> out) {
    for (OffsetRange piece : range.split(desiredBundleSizeBytes, 1)) {
      out.output(piece);
    }
  }

  @NewTracker
  public ClaimSpanTracker newTracker(@Restriction OffsetRange range) {
    return new ClaimSpanTracker(range, claimSpanBytes);
  }

  @GetSize
  public double size(@Element FileIO.ReadableFile f, @Restriction OffsetRange range) {
    return readsWhole(f.getMetadata(), f.getCompression()) ? f.getMetadata().sizeBytes() : range.getTo() - range.getFrom();
  }

  @ProcessElement
  public void process(@Element FileIO.ReadableFile f, RestrictionTracker<OffsetRange, Long> tracker,
      OutputReceiver<O> out, PipelineOptions options) throws IOException {
    read(f.getMetadata(), f.getCompression(), tracker, out::output, options);
  }

  /**
   * Reads what {@code tracker}'s restriction of file {@code m} owns, claiming each unit where a
   * range may start and that lies past the span of the last claim (see the claim span above);
   * returns when the file ends or the tracker refuses a claim (its restriction was split), having
   * confirmed the boundary it stopped at.
   */
  public void read(Metadata m, Compression given, RestrictionTracker<OffsetRange, Long> tracker,
      java.util.function.Consumer<O> out, PipelineOptions options) throws IOException {
    OffsetRange range = tracker.currentRestriction();
    boolean whole = readsWhole(m, given);
    FramedSource<O> source = whole ? source(m, given)
        : source(m, given).createForSubrangeOfFile(m, range.getFrom(), Math.min(range.getTo(), m.sizeBytes()));
    // Split points before this offset are covered by the last claim (ClaimSpanTracker): its span,
    // cut at the restriction's end as it was after the claim (a split never lands below the span).
    long covered = Long.MIN_VALUE;
    try (FramedSource.FramedReader<O> reader = (FramedSource.FramedReader<O>) source.createReader(options)) {
      // After start(), readNextRecord() and not advance(): advance() would also claim each record on
      // the reader's own range tracker (synchronized), where the restriction tracker decides here.
      for (boolean more = reader.start(); more; more = reader.readNextRecord()) {
        if (reader.isAtSplitPoint()) {
          long at = whole ? 0 : reader.getCurrentOffset();
          if (at >= covered) {
            if (!tracker.tryClaim(at)) {
              reader.confirmStopAt(tracker.currentRestriction().getTo(), at);
              return;
            }
            if (claimSpanBytes > 1) {
              covered = Math.min(tracker.currentRestriction().getTo(),
                  at > Long.MAX_VALUE - claimSpanBytes ? Long.MAX_VALUE : at + claimSpanBytes);
            }
          }
        }
        out.accept(reader.getCurrent());
      }
      long end = tracker.currentRestriction().getTo();
      if (!whole && end < source.getEndOffset()) {
        reader.confirmEndedAt(end); // the range was cut while this reader ran; close() checks its own end
      }
    }
    // The file ended inside the restriction: nothing is left in it (a claim past its end says so).
    tracker.tryClaim(tracker.currentRestriction().getTo());
  }
}
