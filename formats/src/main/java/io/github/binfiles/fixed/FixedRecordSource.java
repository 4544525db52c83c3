package io.github.binfiles.fixed;

import io.github.binfiles.BinaryFileException;
import io.github.binfiles.CorruptionPolicy;
import io.github.binfiles.SkippedRegion;
import io.github.binfiles.io.PositionedInput;
import io.github.binfiles.read.ElementFactories;
import io.github.binfiles.read.ElementFactory;
import io.github.binfiles.read.RecordContext;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.transforms.display.DisplayData;

/**
 * A splittable Beam source over fixed-record files. Any byte range can be read: the reader starts at
 * the first record boundary at or after the range start ({@link FixedRecordFraming}) and reads every
 * record that starts before the range end, so splits (initial or dynamic) never lose or repeat a
 * record. Offsets reported to Beam are record start offsets, so progress is exact.
 *
 * <p>Damage is a file that does not fit its framing: shorter than its header, shorter than header
 * plus trailer, or ending in a partial record. Under {@link CorruptionPolicy#FAIL} the reader throws
 * a {@link BinaryFileException}; under {@link CorruptionPolicy#SKIP} it emits a {@link
 * SkippedRegion} (the {@link ElementFactory} must support that) at the damaged range's first byte.
 *
 * <p>Compressed files are read whole by wrapping this source in Beam's {@code CompressedSource}; the
 * reader never relies on the file size, only on what the channel returns.
 */
public final class FixedRecordSource<O> extends FileBasedSource<O> {
  private static final long serialVersionUID = 1L;

  private final FixedRecordFraming framing;
  private final ElementFactory<O> elements;
  private final CorruptionPolicy policy;

  public FixedRecordSource(
      ValueProvider<String> fileOrPattern,
      EmptyMatchTreatment emptyMatchTreatment,
      FixedRecordFraming framing,
      ElementFactory<O> elements,
      CorruptionPolicy policy) {
    super(fileOrPattern, emptyMatchTreatment, 1L);
    this.framing = framing;
    this.elements = elements;
    this.policy = ElementFactories.checkPolicy(policy, elements);
  }

  private FixedRecordSource(
      Metadata metadata,
      long start,
      long end,
      FixedRecordFraming framing,
      ElementFactory<O> elements,
      CorruptionPolicy policy) {
    super(metadata, 1L, start, end);
    this.framing = framing;
    this.elements = elements;
    this.policy = policy;
  }

  /** A source for the whole of one file, for tools and tests that read without a file pattern. */
  public static <O> FixedRecordSource<O> ofFile(
      Metadata metadata,
      FixedRecordFraming framing,
      ElementFactory<O> elements,
      CorruptionPolicy policy) {
    return new FixedRecordSource<>(
        metadata, 0, metadata.sizeBytes(), framing, elements, ElementFactories.checkPolicy(policy, elements));
  }

  public FixedRecordFraming getFraming() {
    return framing;
  }

  @Override
  protected FixedRecordSource<O> createForSubrangeOfFile(Metadata metadata, long start, long end) {
    return new FixedRecordSource<>(metadata, start, end, framing, elements, policy);
  }

  @Override
  protected FileBasedReader<O> createSingleFileReader(PipelineOptions options) {
    return new FixedRecordReader<>(this);
  }

  @Override
  public Coder<O> getOutputCoder() {
    return elements.coder();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("recordLength", framing.recordLength()).withLabel("Record length"))
        .add(DisplayData.item("headerBytes", framing.headerBytes()).withLabel("Header bytes"))
        .add(DisplayData.item("trailerBytes", framing.trailerBytes()).withLabel("Trailer bytes"))
        .add(DisplayData.item("corruptionPolicy", policy.toString()).withLabel("On corruption"));
  }

  /** Reads one range of one file; see the class comment for the ownership rule. */
  static final class FixedRecordReader<O> extends FileBasedReader<O> {
    private final FixedRecordFraming framing;
    private final ElementFactory<O> elements;
    private final CorruptionPolicy policy;
    private final int recordLength;
    private final int lookahead;
    /** Read into a direct buffer: the output copies the bytes anyway, so the heap copy is saved. */
    private final boolean direct;

    private PositionedInput input;
    private String file;
    private RecordContext context;
    private boolean shortHeader;
    /** Ordinal of the next record once known; avoids a division per record. */
    private long nextOrdinal = -1;
    private boolean onRecord;
    private boolean done;
    private long currentOffset = -1;
    private O current;

    FixedRecordReader(FixedRecordSource<O> source) {
      super(source);
      this.framing = source.framing;
      this.elements = source.elements;
      this.policy = source.policy;
      this.recordLength = framing.recordLength();
      this.lookahead = framing.lookahead();
      this.direct = elements.readsDirectBuffers();
    }

    @Override
    protected void startReading(ReadableByteChannel channel) throws IOException {
      FixedRecordSource<O> source = (FixedRecordSource<O>) getCurrentSource();
      file = source.getSingleFileMetadata().resourceId().toString();
      context = new RecordContext(file, policy == CorruptionPolicy.SKIP);
      long rangeStart = source.getStartOffset();
      long range = source.getEndOffset() - rangeStart;
      // Small ranges get small buffers (exhaustive split tests create thousands of readers); a
      // compressed file arrives as one range of unknown length and gets the default.
      long wanted = range >= PositionedInput.DEFAULT_BUFFER_SIZE ? PositionedInput.DEFAULT_BUFFER_SIZE : range + lookahead;
      int bufferSize = (int) Math.max(lookahead, wanted);
      input = new PositionedInput(channel, rangeStart, bufferSize, direct);
      long gap = framing.firstRecordAtOrAfter(rangeStart) - rangeStart;
      if (input.skip(gap) < gap) {
        // The file ends before this range's first record boundary. Only the range that holds byte 0
        // reports a file shorter than its header.
        shortHeader = rangeStart == 0;
        done = !shortHeader;
      }
    }

    @Override
    protected boolean readNextRecord() throws IOException {
      if (done) {
        return false;
      }
      if (shortHeader) {
        long size = input.position();
        done = true;
        return damage(
            0,
            size,
            SkippedRegion.UNKNOWN,
            SkippedRegion.UNKNOWN,
            "file is " + size + " bytes, shorter than its " + framing.headerBytes() + "-byte header");
      }
      if (onRecord) {
        input.consume(recordLength);
      }
      long at = input.position();
      if (input.request(lookahead)) {
        long ordinal = nextOrdinal < 0 ? framing.ordinalAt(at) : nextOrdinal;
        nextOrdinal = ordinal + 1;
        context.at(ordinal, at);
        try {
          current =
              direct
                  ? elements.record(context, input.byteBuffer(), input.bufferIndex(), recordLength)
                  : elements.record(context, input.buffer(), input.bufferIndex(), recordLength);
        } catch (Exception e) {
          throw new BinaryFileException(file, at, "could not decode record " + ordinal + ": " + e, e);
        }
        currentOffset = at;
        onRecord = true;
        return true;
      }
      // Fewer than a record plus the trailer remain: whatever happens next is the last element.
      onRecord = false;
      done = true;
      long left = input.buffered();
      long trailer = framing.trailerBytes();
      if (left > trailer) {
        long partial = left - trailer;
        long ordinal = framing.ordinalAt(at);
        return damage(
            at,
            at + partial,
            ordinal,
            ordinal + 1,
            "partial record: "
                + partial
                + " bytes where a "
                + recordLength
                + "-byte record was expected (file is "
                + framing.layoutOf(at + left)
                + ")");
      }
      if (left < trailer && at == framing.headerBytes()) {
        return damage(
            at,
            at + left,
            SkippedRegion.UNKNOWN,
            SkippedRegion.UNKNOWN,
            "file is " + framing.layoutOf(at + left));
      }
      // A clean end, or this range begins past the last record (inside the trailer or after a
      // partial record, which the range holding the partial record's first byte reports).
      return false;
    }

    /**
     * Handles damaged bytes {@code [start, end)}: throws under FAIL; under SKIP makes the region the
     * current element at offset {@code start}, so Beam's range tracker decides which split reports
     * it, exactly as it decides which split returns a record.
     */
    private boolean damage(long start, long end, long firstLost, long endLost, String problem)
        throws IOException {
      if (policy == CorruptionPolicy.FAIL) {
        throw new BinaryFileException(file, start, problem);
      }
      current = elements.skipped(new SkippedRegion(file, start, end, firstLost, endLost, problem));
      currentOffset = start;
      return true;
    }

    @Override
    protected long getCurrentOffset() throws NoSuchElementException {
      if (currentOffset < 0) {
        throw new NoSuchElementException();
      }
      return currentOffset;
    }

    @Override
    public O getCurrent() throws NoSuchElementException {
      if (currentOffset < 0) {
        throw new NoSuchElementException();
      }
      return current;
    }

  }
}
