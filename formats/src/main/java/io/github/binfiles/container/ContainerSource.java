package io.github.binfiles.container;

import io.github.binfiles.BinaryFileException;
import io.github.binfiles.CorruptionPolicy;
import io.github.binfiles.SkippedRegion;
import io.github.binfiles.read.ElementFactories;
import io.github.binfiles.read.ElementFactory;
import io.github.binfiles.read.RecordContext;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.transforms.display.DisplayData;

/**
 * A splittable Beam source over container files. Which blocks a range owns is decided by {@link
 * ContainerRange} (FORMAT.md sections 7 and 8); this class only maps its events to Beam's offsets:
 *
 * <ul>
 *   <li>a block's first record is a split point at the block's offset; its other records are not
 *       split points and report offsets interpolated inside the block, so progress is smooth and a
 *       dynamic split may land anywhere;
 *   <li>a damaged region is reported (under SKIP) as a split point at its start offset, the offset
 *       of the index entry it replaces: the range owning that offset reports it, exactly once;
 *   <li>a file without a usable index is read whole by the range at offset 0, whose items after
 *       the first are not split points and which refuses dynamic splits; other ranges read nothing.
 * </ul>
 */
public final class ContainerSource<O> extends FileBasedSource<O> {
  private static final long serialVersionUID = 1L;
  private final ElementFactory<O> elements;
  private final CorruptionPolicy policy;
  private final int maxBlockBytes;
  /** The record layout every file must declare (FORMAT.md key binfiles.layout), or null. */
  private final String requiredLayout;

  public ContainerSource(
      ValueProvider<String> fileOrPattern,
      EmptyMatchTreatment emptyMatchTreatment,
      ElementFactory<O> elements,
      CorruptionPolicy policy,
      int maxBlockBytes) {
    this(fileOrPattern, emptyMatchTreatment, elements, policy, maxBlockBytes, null);
  }

  /**
   * @param requiredLayout record layout JSON every file must declare in its metadata (key {@code
   *     binfiles.layout}), or null for no check
   */
  public ContainerSource(
      ValueProvider<String> fileOrPattern,
      EmptyMatchTreatment emptyMatchTreatment,
      ElementFactory<O> elements,
      CorruptionPolicy policy,
      int maxBlockBytes,
      String requiredLayout) {
    super(fileOrPattern, emptyMatchTreatment, 1L);
    this.elements = elements;
    this.policy = ElementFactories.checkPolicy(policy, elements);
    this.maxBlockBytes = ContainerFormat.checkMaxBlockBytes(maxBlockBytes);
    this.requiredLayout = requiredLayout;
  }

  private ContainerSource(
      Metadata metadata,
      long start,
      long end,
      ElementFactory<O> elements,
      CorruptionPolicy policy,
      int maxBlockBytes,
      String requiredLayout) {
    super(metadata, 1L, start, end);
    this.elements = elements;
    this.policy = policy;
    this.maxBlockBytes = maxBlockBytes;
    this.requiredLayout = requiredLayout;
  }

  /** A source for the whole of one file. */
  public static <O> ContainerSource<O> ofFile(
      Metadata metadata, ElementFactory<O> elements, CorruptionPolicy policy, int maxBlockBytes) {
    return new ContainerSource<>(
        metadata, 0, metadata.sizeBytes(), elements, ElementFactories.checkPolicy(policy, elements),
        ContainerFormat.checkMaxBlockBytes(maxBlockBytes), null);
  }

  @Override
  protected ContainerSource<O> createForSubrangeOfFile(Metadata metadata, long start, long end) {
    return new ContainerSource<>(metadata, start, end, elements, policy, maxBlockBytes, requiredLayout);
  }

  @Override
  protected FileBasedReader<O> createSingleFileReader(PipelineOptions options) {
    return new ContainerReader<>(this);
  }

  @Override
  public Coder<O> getOutputCoder() {
    return elements.coder();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("format", "binfiles container").withLabel("Format"))
        .add(DisplayData.item("corruptionPolicy", policy.toString()).withLabel("On corruption"))
        .add(DisplayData.item("maxBlockBytes", maxBlockBytes).withLabel("Maximum block size"));
  }

  static final class ContainerReader<O> extends FileBasedReader<O> {
    private final ElementFactory<O> elements;
    private final CorruptionPolicy policy;
    private final int maxBlockBytes;
    private final String requiredLayout;
    private String file;
    private RecordContext context;
    private BlockStream blocks;
    /** The file has no index: this reader (of the range at 0) reads all of it. Read by split threads. */
    private volatile boolean wholeFile;
    private SkippedRegion headerDamage;
    private boolean done;
    private Block block;
    /** Block bytes per record in 16.16 fixed point. */
    private long bytesPerRecord16;
    private long currentOffset = -1;
    private boolean splitPoint;
    private O current;

    ContainerReader(ContainerSource<O> source) {
      super(source);
      this.elements = source.elements;
      this.policy = source.policy;
      this.maxBlockBytes = source.maxBlockBytes;
      this.requiredLayout = source.requiredLayout;
    }

    @Override
    protected void startReading(ReadableByteChannel channel) throws IOException {
      ContainerSource<O> source = (ContainerSource<O>) getCurrentSource();
      Metadata metadata = source.getSingleFileMetadata();
      file = metadata.resourceId().toString();
      context = new RecordContext(file, policy == CorruptionPolicy.SKIP);
      long start = source.getStartOffset();
      if (!(channel instanceof SeekableByteChannel)) {
        throw new BinaryFileException(
            file, start, "container files must be read from a seekable channel; do not compress"
                + " a whole container file, choose a block codec instead");
      }
      FileHeader header;
      try {
        header = FileHeader.read((SeekableByteChannel) channel);
      } catch (FileHeader.HeaderDamageException e) {
        if (start == 0) {
          headerDamage =
              new SkippedRegion(file, 0, metadata.sizeBytes(), 0, SkippedRegion.UNKNOWN,
                  "file header: " + e.getMessage());
          if (policy == CorruptionPolicy.FAIL) {
            throw new BinaryFileException(file, e.offset(), "file header: " + e.getMessage(), e);
          }
        }
        done = start != 0;
        return;
      }
      if (requiredLayout != null
          && !requiredLayout.equals(header.metadataString(ContainerFormat.KEY_LAYOUT))) {
        throw new BinaryFileException(file, 0, "the file's record layout ("
            + header.metadataString(ContainerFormat.KEY_LAYOUT)
            + ") differs from the layout this pipeline reads with: " + requiredLayout);
      }
      blocks = ContainerRange.open((SeekableByteChannel) channel, metadata.sizeBytes(), header, file,
          start, source.getEndOffset(), maxBlockBytes);
      wholeFile = blocks.readsWholeFile();
    }

    @Override
    protected boolean readNextRecord() throws IOException {
      if (done) {
        return false;
      }
      if (headerDamage != null) {
        done = true;
        return emitSkipped(headerDamage, 0);
      }
      if (block != null && block.nextRecord()) {
        // Interpolated inside the block for smooth progress: non-decreasing, below the block end.
        setCurrent(block.offset() + ((block.recordIndex() * bytesPerRecord16) >>> 16), false);
        current = record();
        return true;
      }
      block = null;
      switch (blocks.next()) {
        case BLOCK:
          block = blocks.block();
          block.nextRecord();
          bytesPerRecord16 = ((block.end() - block.offset()) << 16) / block.recordCount();
          setCurrent(block.offset(), true);
          current = record();
          return true;
        case SKIPPED:
          SkippedRegion region = blocks.skipped();
          return emitSkipped(region, region.getStartOffset());
        default:
          done = true;
          return false;
      }
    }

    /**
     * Records the current item's offset. A range that reads the whole file (no index) claims its
     * first item at its own start, 0, and the rest as non-split points, so nothing it reads is
     * refused for lying past the range's end; it also refuses dynamic splits.
     */
    private void setCurrent(long offset, boolean isSplitPoint) {
      if (wholeFile) {
        splitPoint = currentOffset < 0;
        currentOffset = splitPoint ? 0 : Math.max(offset, currentOffset);
      } else {
        splitPoint = isSplitPoint;
        currentOffset = offset;
      }
    }

    @Override
    public boolean allowsDynamicSplitting() {
      return !wholeFile && super.allowsDynamicSplitting();
    }

    private O record() throws IOException {
      long ordinal = block.ordinal();
      try {
        // Records sit inside (possibly compressed) blocks: no file offset of their own.
        return elements.record(
            context.at(ordinal, SkippedRegion.UNKNOWN), block.data(), block.recordStart(), block.recordLength());
      } catch (Exception e) {
        throw new BinaryFileException(
            file, block.offset(), "could not decode record " + ordinal + ": " + e, e);
      }
    }

    private boolean emitSkipped(SkippedRegion region, long offset) throws IOException {
      if (policy == CorruptionPolicy.FAIL) {
        throw new BinaryFileException(file, region.getStartOffset(), region.getReason()
            + " (damaged bytes [" + region.getStartOffset() + ", " + region.getEndOffset() + "))");
      }
      current = elements.skipped(region);
      setCurrent(offset, true);
      return true;
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
