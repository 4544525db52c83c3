package io.github.binfiles.fixed;

import io.github.binfiles.BinaryFileException;
import io.github.binfiles.CorruptionPolicy;
import io.github.binfiles.SkippedRegion;
import io.github.binfiles.io.CountingChannel;
import io.github.binfiles.io.PositionedInput;
import io.github.binfiles.read.ElementFactories;
import io.github.binfiles.read.ElementFactory;
import io.github.binfiles.read.RecordContext;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.Compression;
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
 * <p>Whole-file compressed files ({@link #withCompression}, by extension by default) are not
 * splittable: the range at offset 0 decompresses the file itself, counting compressed bytes for
 * progress and for errors, and reads all of it; a stream that breaks is damage (FAIL: the typed
 * error with the compressed offset; SKIP: one region losing every ordinal from the break on). Under
 * Beam's own {@code CompressedSource} (a user's {@code readFiles()} of compressed matches) the
 * channel arrives decompressed and is read as it is. The reader never relies on the file size of a
 * compressed file, only on what the channel returns.
 */
public final class FixedRecordSource<O> extends FileBasedSource<O> {
  private static final long serialVersionUID = 1L;

  private final FixedRecordFraming framing;
  private final ElementFactory<O> elements;
  private final CorruptionPolicy policy;
  /** Whole-file compression; AUTO decides by each file's extension. */
  private final Compression compression;

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
    this.compression = Compression.AUTO;
  }

  private FixedRecordSource(
      Metadata metadata,
      long start,
      long end,
      FixedRecordFraming framing,
      ElementFactory<O> elements,
      CorruptionPolicy policy,
      Compression compression) {
    super(metadata, 1L, start, end);
    this.framing = framing;
    this.elements = elements;
    this.policy = policy;
    this.compression = compression;
  }

  private FixedRecordSource(FixedRecordSource<O> pattern, Compression compression) {
    super(pattern.getFileOrPatternSpecProvider(), pattern.getEmptyMatchTreatment(), 1L);
    this.framing = pattern.framing;
    this.elements = pattern.elements;
    this.policy = pattern.policy;
    this.compression = compression;
  }

  /**
   * This source over a file pattern, with whole-file {@code compression} (default {@link
   * Compression#AUTO}: by each file's extension). A compressed file is not splittable: the range at
   * offset 0 decompresses and reads all of it, and any other range of it owns nothing.
   */
  public FixedRecordSource<O> withCompression(Compression compression) {
    if (getMode() != Mode.FILEPATTERN) {
      throw new IllegalStateException("set compression on the file-pattern source");
    }
    return new FixedRecordSource<>(this, compression);
  }

  /** The compression of the file this single-file source reads. */
  Compression fileCompression() {
    String name = getSingleFileMetadata().resourceId().getFilename();
    return compression == Compression.AUTO ? Compression.detect(name == null ? "" : name) : compression;
  }

  @Override
  protected boolean isSplittable() throws Exception {
    return super.isSplittable()
        && (getMode() == Mode.FILEPATTERN || fileCompression() == Compression.UNCOMPRESSED);
  }

  /** A source for the whole of one file, for tools and tests that read without a file pattern. */
  public static <O> FixedRecordSource<O> ofFile(
      Metadata metadata,
      FixedRecordFraming framing,
      ElementFactory<O> elements,
      CorruptionPolicy policy) {
    return ofFileFrom(metadata, 0, framing, elements, policy);
  }

  /**
   * A source for one file from {@code startOffset} to its end (for tools that start at a record
   * ordinal). A compressed file is read whole whatever the offset is: give 0.
   */
  public static <O> FixedRecordSource<O> ofFileFrom(
      Metadata metadata,
      long startOffset,
      FixedRecordFraming framing,
      ElementFactory<O> elements,
      CorruptionPolicy policy) {
    return new FixedRecordSource<>(metadata, startOffset, metadata.sizeBytes(), framing, elements,
        ElementFactories.checkPolicy(policy, elements), Compression.AUTO);
  }

  public FixedRecordFraming getFraming() {
    return framing;
  }

  @Override
  protected FixedRecordSource<O> createForSubrangeOfFile(Metadata metadata, long start, long end) {
    return new FixedRecordSource<>(metadata, start, end, framing, elements, policy, compression);
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
    /** Whether the channel decompresses, so that its read failures are damage, not I/O errors. */
    private boolean decompressing;
    /** Counts compressed bytes when this reader decompresses the file itself; else null. */
    private CountingChannel compressed;
    private boolean splitPoint;
    /** Why the decompressing stream failed before the first record, or null. */
    private String streamBroken;
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
      ReadableByteChannel in = channel;
      if (!(channel instanceof SeekableByteChannel)) {
        // Beam's CompressedSource (a user's readFiles()) hands over a stream, decompressed when the
        // file's extension says so; read failures of an uncompressed one stay I/O errors.
        decompressing = source.fileCompression() != Compression.UNCOMPRESSED;
      } else if (source.fileCompression() != Compression.UNCOMPRESSED) {
        if (rangeStart > 0) {
          done = true; // a compressed file belongs whole to the range at offset 0
          return;
        }
        decompressing = true;
        compressed = new CountingChannel(channel);
        bufferSize = Math.max(lookahead, PositionedInput.DEFAULT_BUFFER_SIZE);
        try {
          in = source.fileCompression().readDecompressed(compressed);
        } catch (IOException e) {
          input = new PositionedInput(channel, 0, lookahead, direct);
          streamBroken = brokenStream(e);
          return;
        }
      }
      input = new PositionedInput(in, rangeStart, bufferSize, direct);
      long gap = framing.firstRecordAtOrAfter(rangeStart) - rangeStart;
      long skipped;
      try {
        skipped = input.skip(gap);
      } catch (IOException e) {
        streamBroken = brokenStream(e);
        return;
      }
      if (skipped < gap) {
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
      if (streamBroken != null) {
        done = true;
        return damage(input.position(), input.position(), ordinalAt(input.position()),
            SkippedRegion.UNKNOWN, streamBroken);
      }
      if (shortHeader) {
        long size = input.position();
        done = true;
        return damage(
            0,
            size,
            0,
            SkippedRegion.UNKNOWN,
            "file is " + size + " bytes, shorter than its " + framing.headerBytes() + "-byte header");
      }
      if (onRecord) {
        input.consume(recordLength);
      }
      long at = input.position();
      boolean whole;
      try {
        whole = input.request(lookahead);
      } catch (IOException e) {
        done = true;
        onRecord = false;
        return damage(at, at, ordinalAt(at), SkippedRegion.UNKNOWN, brokenStream(e));
      }
      if (whole) {
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
        setCurrent(at);
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
        // The partial record is lost, and any that followed it if the file was cut: end unknown.
        return damage(
            at,
            at + partial,
            ordinal,
            SkippedRegion.UNKNOWN,
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
            0,
            SkippedRegion.UNKNOWN,
            "file is " + framing.layoutOf(at + left));
      }
      // A clean end, or this range begins past the last record (inside the trailer or after a
      // partial record, which the range holding the partial record's first byte reports).
      return false;
    }

    /** Ordinal of the first record at or after {@code offset}; 0 inside the header. */
    private long ordinalAt(long offset) {
      return offset <= framing.headerBytes() ? 0 : framing.ordinalAt(framing.firstRecordAtOrAfter(offset));
    }

    /**
     * The problem when reading a file fails: a decompressing stream that fails is damage (a
     * truncated or corrupt compressed file, named with where it broke); any other read failure is
     * an I/O error and is rethrown for the runner to retry.
     */
    private String brokenStream(IOException e) throws IOException {
      if (!decompressing || e instanceof BinaryFileException) {
        throw e;
      }
      FixedRecordSource<?> source = (FixedRecordSource<?>) getCurrentSource();
      long compressedSize = source.getSingleFileMetadata().sizeBytes();
      String where = compressed == null ? "" : " at or before compressed byte " + compressed.count();
      return "the compressed file (" + compressedSize + " bytes) is damaged or truncated: decompression"
          + " failed" + where + ", after " + (input == null ? 0 : input.position())
          + " decompressed bytes (" + e + "); nothing after that point can be read";
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
      // An empty region at the end of the file (a file that is exactly its header, say) is claimed
      // at the file's last byte: no range contains the end offset itself.
      setCurrent(start == end && start > 0 ? start - 1 : start);
      return true;
    }

    /**
     * Records the current item's offset. Reading a compressed file whole, the range tracker sees
     * compressed bytes consumed (the file's own offsets), the first item as the only split point.
     */
    private void setCurrent(long decompressedOffset) {
      if (compressed == null) {
        currentOffset = decompressedOffset;
        return;
      }
      splitPoint = currentOffset < 0;
      currentOffset = splitPoint ? 0 : Math.max(currentOffset, compressed.count());
    }

    @Override
    protected boolean isAtSplitPoint() {
      return compressed == null || splitPoint;
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
