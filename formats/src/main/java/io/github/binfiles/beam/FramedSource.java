package io.github.binfiles.beam;

import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.spi.MalformedRecordException;
import io.github.binfiles.framing.Damage;
import io.github.binfiles.framing.DecodeDiagnosis;
import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.Framing;
import io.github.binfiles.framing.RangeBoundary;
import io.github.binfiles.framing.RecordBlock;
import io.github.binfiles.framing.RecordView;
import io.github.binfiles.framing.UnitReader;
import io.github.binfiles.framing.UnitReader.Unit;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.function.LongSupplier;
import java.util.Map;
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
 * The one Beam source of binfiles: a splittable {@link FileBasedSource} over any {@link Framing}.
 * The framing says which units a byte range owns (a unit belongs to the range holding its first
 * byte) and what they are; this class maps them to Beam:
 *
 * <ul>
 *   <li>a record is a split point at its offset; a block's first record is a split point at the
 *       block's offset, its other records are not split points and report offsets interpolated
 *       inside the block, so progress is smooth and a dynamic split may land anywhere;
 *   <li>damage fails the read under {@link CorruptionPolicy#FAIL} with the typed error naming file,
 *       offset and damaged bytes; under {@link CorruptionPolicy#SKIP} it becomes a {@code
 *       SkippedRegion} element claimed through the range tracker like a record, so exactly one
 *       split reports it;
 *   <li>a reader that reads its whole file (a compressed file, or a framing that cannot enter the
 *       file in the middle) claims its first item at the range start and the rest as non-split
 *       points, and refuses dynamic splits;
 *   <li>for framings whose ranges find their first unit by a search ({@link
 *       Framing#searchesForRangeStarts()}), a reader confirms, when it closes, that a reader
 *       starting at its final range end begins where it stopped ({@code RangeBoundary}), and fails
 *       otherwise: a split is exact or the read fails.
 * </ul>
 *
 * <p>Whole-file compression ({@link Compression}, AUTO by extension) is undone here for framings
 * that read streams: a compressed file is not splittable, the range at offset 0 reads all of it, and
 * offsets reported to Beam are compressed bytes consumed; the stream is checked before any record
 * is handed out ({@link io.github.binfiles.io.CheckedDecompression}). {@code readFiles()} drives the
 * same readers from a splittable DoFn ({@link SplittableReadFn}).
 */
public final class FramedSource<O> extends FileBasedSource<O> {
  private static final long serialVersionUID = 1L;
  private final Framing framing;
  private final Compression compression;
  private final ElementFactory<O> elements;
  private final CorruptionPolicy policy;

  private FramedSource(
      ValueProvider<String> fileOrPattern,
      EmptyMatchTreatment emptyMatchTreatment,
      Framing framing,
      Compression compression,
      ElementFactory<O> elements,
      CorruptionPolicy policy) {
    super(fileOrPattern, emptyMatchTreatment, 1L);
    this.framing = framing;
    this.compression = checkCompression(framing, compression);
    this.elements = elements;
    this.policy = ElementFactories.checkPolicy(policy, elements);
  }

  private FramedSource(
      Metadata metadata, long start, long end, FramedSource<O> like) {
    super(metadata, 1L, start, end);
    this.framing = like.framing;
    this.compression = like.compression;
    this.elements = like.elements;
    this.policy = like.policy;
  }

  /**
   * The files matching {@code fileOrPattern}, read through {@code framing}.
   *
   * @param compression whole-file compression, or {@link Compression#AUTO} to decide by each file's
   *     extension; must be {@link Compression#UNCOMPRESSED} for framings that cannot read streams
   */
  public static <O> FramedSource<O> of(
      ValueProvider<String> fileOrPattern,
      EmptyMatchTreatment emptyMatchTreatment,
      Framing framing,
      Compression compression,
      ElementFactory<O> elements,
      CorruptionPolicy policy) {
    return new FramedSource<>(fileOrPattern, emptyMatchTreatment, framing, compression, elements, policy);
  }

  /** A source for the whole of one file (compression by extension where the framing allows it). */
  public static <O> FramedSource<O> ofFile(
      Metadata metadata, Framing framing, ElementFactory<O> elements, CorruptionPolicy policy) {
    return ofFileFrom(metadata, 0, framing, elements, policy);
  }

  /**
   * A source for one file from {@code startOffset} to its end (for tools that start at a record).
   * A compressed file is read whole whatever the offset is: give 0.
   */
  public static <O> FramedSource<O> ofFileFrom(
      Metadata metadata, long startOffset, Framing framing, ElementFactory<O> elements,
      CorruptionPolicy policy) {
    FramedSource<O> pattern = new FramedSource<>(
        ValueProvider.StaticValueProvider.of(metadata.resourceId().toString()),
        EmptyMatchTreatment.DISALLOW, framing, defaultCompression(framing), elements, policy);
    return new FramedSource<>(metadata, startOffset, metadata.sizeBytes(), pattern);
  }

  /** AUTO where the framing reads decompressed streams, else UNCOMPRESSED. */
  public static Compression defaultCompression(Framing framing) {
    return framing.readsDecompressedStreams() ? Compression.AUTO : Compression.UNCOMPRESSED;
  }

  private static Compression checkCompression(Framing framing, Compression compression) {
    if (compression == null) {
      throw new IllegalArgumentException("compression must not be null");
    }
    if (compression != Compression.UNCOMPRESSED && !framing.readsDecompressedStreams()) {
      throw new IllegalArgumentException("this format cannot be read from whole-file compressed"
          + " files (it seeks to an index); compression must be UNCOMPRESSED, was " + compression);
    }
    return compression;
  }

  /** The compression of the file this single-file source reads. */
  public Compression fileCompression() {
    String name = getSingleFileMetadata().resourceId().getFilename();
    return compression == Compression.AUTO ? Compression.detect(name == null ? "" : name) : compression;
  }

  /**
   * Whole-file compressed files are not split, nor are the files of a framing that is not
   * {@linkplain Framing#splittable() splittable}. A range of such a file that a planner other than
   * this source cut is accepted: the range at offset 0 reads the whole file and the others own
   * nothing ({@link FileRanges}).
   */
  @Override
  protected boolean isSplittable() throws Exception {
    if (!super.isSplittable() || getMode() == Mode.FILEPATTERN) {
      return super.isSplittable();
    }
    if (fileCompression() != Compression.UNCOMPRESSED) {
      return false;
    }
    return framing.splittable()
        || getStartOffset() > 0 || getEndOffset() < getSingleFileMetadata().sizeBytes();
  }

  /** Public so tools and tests can read a chosen byte range. */
  @Override
  public FramedSource<O> createForSubrangeOfFile(Metadata metadata, long start, long end) {
    return new FramedSource<>(metadata, start, end, this);
  }

  @Override
  protected FileBasedReader<O> createSingleFileReader(PipelineOptions options) {
    return new FramedReader<>(this);
  }

  @Override
  public Coder<O> getOutputCoder() {
    return elements.coder();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    addOptions(builder, framing.describe());
    builder
        .add(DisplayData.item("compression", compression.toString()).withLabel("Compression"))
        .add(DisplayData.item("corruptionPolicy", policy.toString()).withLabel("On corruption"));
  }

  /** A format's or framing's options ({@code describe()}) as display data items. */
  public static void addOptions(DisplayData.Builder builder, Map<String, Object> options) {
    for (Map.Entry<String, Object> e : options.entrySet()) {
      Object v = e.getValue();
      builder.add(v instanceof Number
          ? DisplayData.item(e.getKey(), ((Number) v).longValue())
          : DisplayData.item(e.getKey(), String.valueOf(v)));
    }
  }

  /** Reads one range of one file; see the class comment. */
  static final class FramedReader<O> extends FileBasedReader<O> {
    private final ElementFactory<O> elements;
    private final CorruptionPolicy policy;
    private String file;
    private RecordContext context;
    private UnitReader units;
    private FileRange range;
    private Framing framing;
    /** The units ran out (not stopped by the range's end): the boundary to confirm is the data's end. */
    private boolean unitsEnded;
    /** The units' record view, fetched at the first record (it is the same for the reader's life). */
    private RecordView view;
    /** Reads the whole file: set once opened; this copy is read by the reader thread per record. */
    private boolean wholeFile;
    /** The same, for split threads ({@link #allowsDynamicSplitting()}). */
    private volatile boolean wholeFileForSplits;
    /** Compressed bytes consumed, when this reader decompresses the file itself; else null. */
    private LongSupplier compressed;
    private RecordBlock block;
    /** The block is a run: each record a split point at its own offset ({@link RecordBlock#recordsAreSplitPoints()}). */
    private boolean blockIsRun;
    /** Block bytes per record in 16.16 fixed point. */
    private long bytesPerRecord16;
    private long currentOffset = -1;
    private boolean splitPoint;
    private O current;
    /** Non-null when records come in groups ({@link RecordGroups}): see {@link #readNextGrouped()}. */
    private RecordGroups groups;
    /** Grouped: where the file's first unit is claimed, for a reader not starting at 0; else -1. */
    private long dataStart = -1;
    /** Grouped: this reader has claimed the first unit of a group it owns. */
    private boolean inGroup;
    /** Grouped: the claim offset of the first unit this reader met, and of its last accepted split point. */
    private long firstUnit = -1;
    private long lastSplit = -1;
    private long blockClaim;
    private boolean blockSplits;

    FramedReader(FramedSource<O> source) {
      super(source);
      this.elements = source.elements;
      this.policy = source.policy;
    }

    /** A file whose size does not fit the framing, found when opening under FAIL; or null. */
    private BinaryFileException sizeFailure;

    @Override
    protected void startReading(ReadableByteChannel channel) throws IOException {
      FramedSource<O> source = (FramedSource<O>) getCurrentSource();
      Metadata metadata = source.getSingleFileMetadata();
      file = metadata.resourceId().toString();
      context = new RecordContext(file, policy == CorruptionPolicy.SKIP);
      long start = source.getStartOffset();
      groups = elements.groups();
      // Grouped, a range reads past its end to the next group start: its units run to the file's end
      // and the range tracker stops them.
      long end = groups == null ? source.getEndOffset() : metadata.sizeBytes();
      FileRange range = FileRanges.open(file, metadata.sizeBytes(), start, end,
          source.framing.splittable(), channel, source.fileCompression(), elements.readsDirectBuffers());
      if (range == null) {
        return;
      }
      compressed = range.compressedRead();
      this.range = range;
      this.framing = source.framing;
      if (policy == CorruptionPolicy.FAIL && !range.decompressed()) {
        Damage wrongSize = framing.sizeProblem(range.size());
        if (wrongSize != null) {
          // Thrown by the first read, as other damage is: start() failures reach users wrapped.
          sizeFailure = wrongSize.toException(file);
        }
      }
      if (groups != null && start > 0 && !range.decompressed()) {
        // Before the reader is opened: it reads the channel from where it positions it.
        dataStart = RangeBoundary.firstUnitAt(framing, file, range.size(), range.seekable(), 0);
      }
      units = source.framing.open(range);
      wholeFile = units.readsWholeFile() || !source.framing.splittable();
      wholeFileForSplits = wholeFile;
      if (wholeFile) {
        groups = null; // read in order from the file's start: every group is whole
      }
    }

    @Override
    protected boolean readNextRecord() throws IOException {
      if (units == null) {
        return false;
      }
      if (sizeFailure != null) {
        throw sizeFailure;
      }
      if (groups != null) {
        return readNextGrouped();
      }
      if (block != null) {
        if (block.nextRecord()) {
          RecordView r = block.record();
          if (blockIsRun) {
            claim(r.fileOffset(), true);
          } else {
            // Interpolated inside the block for smooth progress: non-decreasing, below the block end.
            claim(block.offset() + ((block.recordIndex() * bytesPerRecord16) >>> 16), false);
          }
          current = decode(r);
          return true;
        }
        block = null;
      }
      // Compared by identity, not switched on: a switch on an enum reads a lookup table first.
      Unit unit = units.next();
      if (unit == Unit.RECORD) {
        if (view == null) {
          view = units.record();
        }
        claim(view.fileOffset(), true);
        current = decode(view);
        return true;
      } else if (unit == Unit.BLOCK) {
        block = units.block();
        blockIsRun = block.recordsAreSplitPoints();
        block.nextRecord();
        bytesPerRecord16 = ((block.end() - block.offset()) << 16) / block.recordCount();
        claim(units.claimOffset(), units.isSplitPoint());
        current = decode(block.record());
        return true;
      } else if (unit == Unit.DAMAGE) {
        return onDamage();
      }
      unitsEnded = true;
      return false;
    }

    /**
     * The next unit when records come in groups ({@link RecordGroups}): a range owns the groups
     * whose first unit it holds. Units before this range's first group start are the range
     * before's (it reads past its end to the next group start); group starts are the only split
     * points; the file's first unit starts a group (the records before the first root). A block's
     * records are claimed at the block's offset, so a block's first group start is a split point
     * and any later one in it is not (the block is read by one reader).
     */
    private boolean readNextGrouped() throws IOException {
      while (true) {
        if (block != null) {
          if (block.nextRecord()) {
            RecordView r = block.record();
            boolean admitted = blockIsRun
                ? admit(r.fileOffset(), startsGroup(r), true)
                : admit(blockClaim, startsGroup(r), blockSplits);
            if (admitted) {
              current = decode(r);
              return true;
            }
            continue;
          }
          block = null;
        }
        Unit unit = units.next();
        if (unit == Unit.RECORD) {
          RecordView r = units.record();
          if (admit(r.fileOffset(), startsGroup(r), true)) {
            current = decode(r);
            return true;
          }
        } else if (unit == Unit.BLOCK) {
          block = units.block();
          blockIsRun = block.recordsAreSplitPoints();
          blockClaim = units.claimOffset();
          blockSplits = units.isSplitPoint();
        } else if (unit == Unit.DAMAGE) {
          if (admit(units.claimOffset(), false, units.isSplitPoint())) {
            Damage d = units.damage();
            if (policy == CorruptionPolicy.FAIL) {
              throw d.toException(file);
            }
            current = elements.skipped(d.toRegion(file));
            return true;
          }
        } else {
          unitsEnded = true;
          return false;
        }
      }
    }

    private boolean startsGroup(RecordView r) {
      if (r.isDirect()) {
        throw new IllegalStateException("record groups need heap record views");
      }
      return groups.startsGroup(r.array(), r.index(), r.length());
    }

    /**
     * Claims the unit at {@code at} if this range owns it and says whether to deliver it: false for
     * units before this range's first group.
     */
    private boolean admit(long at, boolean startsGroup, boolean splittable) {
      if (firstUnit < 0) {
        firstUnit = at;
      }
      if (splitPoint) {
        lastSplit = currentOffset; // claimed at the last call, and accepted: the reader goes on
      }
      boolean fileStart = !inGroup && (getCurrentSource().getStartOffset() == 0 || at == dataStart);
      boolean split = (fileStart || startsGroup) && splittable && at != lastSplit;
      if (!inGroup && !split) {
        return false;
      }
      inGroup = true;
      claim(at, split);
      return true;
    }

    /**
     * Grouped: the first split point at or after {@code end} of the chain this reader follows, found
     * by following it again from the reader's last split point; -1 when there is none. A reader
     * starting at {@code end} must begin there (units that are not split points, the few a search
     * would not find before damage, are this reader's to read).
     */
    private long firstUnitOfChainFrom(long end) throws IOException {
      long from = lastSplit >= 0 ? lastSplit : firstUnit;
      if (from < 0) {
        return -1;
      }
      UnitReader walk = framing.open(FileRange.of(file, range.size(), from, range.size(), range.seekable(), false));
      for (Unit u = walk.next(); u != Unit.END; u = walk.next()) {
        if (walk.claimOffset() >= end && walk.isSplitPoint()) {
          return walk.claimOffset();
        }
        if (u == Unit.BLOCK && walk.block().recordsAreSplitPoints()) {
          RecordBlock run = walk.block();
          while (run.nextRecord()) {
            if (run.record().fileOffset() >= end) {
              return run.record().fileOffset();
            }
          }
        }
      }
      return -1;
    }

    /**
     * Confirms the boundary this reader stopped at before closing, for framings that search for a
     * range's first unit ({@link RangeBoundary}): Beam's reader loop claims records itself and
     * says nothing when it refuses one, so the refusal is read here from the final range end.
     */
    @Override
    public void close() throws IOException {
      try {
        confirmEndedAt(getCurrentSource().getEndOffset());
      } finally {
        super.close();
      }
    }

    /**
     * For a driver that stops this reader itself ({@link SplittableReadFn}): it refused the split
     * point at {@code at} because its range now ends at {@code end}. Confirms that boundary as
     * {@link #close()} confirms the reader's own range end.
     */
    void confirmStopAt(long end, long at) throws IOException {
      if (units != null && !wholeFile && framing.searchesForRangeStarts()) {
        RangeBoundary.confirm(framing, file, range.size(), range.seekable(), end,
            groups == null ? at : firstUnitOfChainFrom(end));
      }
    }

    /**
     * Confirms that a reader starting at {@code end} begins where this one stopped (the data's end,
     * or the first split point past its own range): at close for its own range end, and for a
     * driver whose range was cut to {@code end} while this reader ran.
     */
    void confirmEndedAt(long end) throws IOException {
      if (unitsEnded) {
        confirmStopAt(end, -1);
      } else if (splitPoint && currentOffset >= getCurrentSource().getEndOffset()) {
        confirmStopAt(end, currentOffset); // the split point the range tracker refused
      }
      // else closed before reaching the end of its range: nothing was decided there
    }

    private boolean onDamage() throws IOException {
      Damage d = units.damage();
      if (policy == CorruptionPolicy.FAIL) {
        throw d.toException(file);
      }
      current = elements.skipped(d.toRegion(file));
      claim(units.claimOffset(), units.isSplitPoint());
      return true;
    }

    /**
     * Records the current item's offset. A reader of the whole file claims its first item at its
     * own start, 0, and the rest as non-split points (at compressed bytes consumed when it
     * decompresses), so nothing it reads is refused for lying past the range's end.
     */
    private void claim(long offset, boolean isSplitPoint) {
      if (wholeFile) {
        splitPoint = currentOffset < 0;
        long at = compressed != null ? compressed.getAsLong() : offset;
        currentOffset = splitPoint ? 0 : Math.max(at, currentOffset);
      } else {
        splitPoint = isSplitPoint;
        currentOffset = offset;
      }
    }

    private O decode(RecordView r) throws IOException {
      long ordinal = r.ordinal();
      context.at(ordinal, r.fileOffset());
      try {
        return r.isDirect()
            ? elements.record(context, r.directBuffer(), r.index(), r.length())
            : elements.record(context, r.array(), r.index(), r.length());
      } catch (MalformedRecordException e) {
        return malformed(r, e);
      } catch (Exception e) {
        throw decodeFailed(r, e);
      }
    }

    // Out of decode() so that the per-record path stays small enough to inline.
    private O malformed(RecordView r, MalformedRecordException e) throws IOException {
      if (policy == CorruptionPolicy.FAIL) {
        throw new BinaryFileException(file, r.location(), "record " + name(r) + " is malformed: "
            + e.getMessage() + " (decoders throw MalformedRecordException for damaged contents;"
            + " the SKIP policy drops such records and reports them)" + diagnosis(r), e);
      }
      context.takeNulled();
      return elements.skipped(rejected(r, e.getMessage()));
    }

    private BinaryFileException decodeFailed(RecordView r, Exception e) {
      return new BinaryFileException(file, r.location(), "could not decode record " + name(r) + ": " + e
          + diagnosis(r), e);
    }

    /**
     * For a file's first records: the settings under which they would decode ({@link
     * DecodeDiagnosis}), or "". Moves the channel: only for a read about to fail.
     */
    private String diagnosis(RecordView r) {
      if (range.decompressed()) {
        return "";
      }
      return DecodeDiagnosis.suggest(r.ordinal(), framing, file, range.size(), range.seekable(), (b, offset, length) -> {
        try {
          elements.record(new RecordContext(file, false), b, offset, length);
          return true;
        } catch (Exception e) {
          return false;
        }
      });
    }

    /** The record's ordinal, or its offset when the format numbers nothing. */
    private static String name(RecordView r) {
      return r.ordinal() >= 0 ? String.valueOf(r.ordinal()) : "at byte " + r.fileOffset();
    }

    /**
     * The region a dropped record is reported as: its own bytes, or an empty range at its block
     * when it has no offset of its own; it is claimed where the record would have been.
     */
    private SkippedRegion rejected(RecordView r, String why) {
      long start = r.fileOffset() >= 0 ? r.fileOffset() : r.location();
      long end = r.fileEnd() >= 0 ? r.fileEnd() : start;
      long ordinal = r.ordinal();
      String where = r.fileOffset() >= 0 ? "" : " in the block at byte " + r.location();
      int n = Math.min(r.length(), SkippedRegion.MAX_BYTES);
      byte[] bytes = new byte[n];
      if (r.isDirect()) {
        r.directBuffer().get(r.index(), bytes, 0, n);
      } else {
        System.arraycopy(r.array(), r.index(), bytes, 0, n);
      }
      return new SkippedRegion(file, start, end, ordinal, ordinal < 0 ? ordinal : ordinal + 1,
          "record " + name(r) + where + " is malformed: " + why, bytes);
    }

    @Override
    public boolean allowsDynamicSplitting() {
      return !wholeFileForSplits && super.allowsDynamicSplitting();
    }

    @Override
    protected boolean isAtSplitPoint() {
      return splitPoint;
    }

    @Override
    protected long getCurrentOffset() {
      if (currentOffset < 0) {
        throw new NoSuchElementException();
      }
      return currentOffset;
    }

    @Override
    public O getCurrent() {
      if (currentOffset < 0) {
        throw new NoSuchElementException();
      }
      return current;
    }
  }
}
