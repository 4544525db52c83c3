package io.github.binfiles.container;

import io.github.binfiles.BinaryFileException;
import io.github.binfiles.CorruptionPolicy;
import io.github.binfiles.SkippedRegion;
import io.github.binfiles.io.PositionedInput;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * A container file opened outside Beam, for tools and tests: its header and metadata, its index,
 * its record count, its records from any ordinal, and a full verification.
 *
 * <pre>{@code
 * try (ContainerFile f = ContainerFile.open("gs://bucket/out/part-00000-of-00010.bfc")) {
 *   long n = f.recordCount();
 *   try (ContainerFile.Records r = f.records(1_000_000, CorruptionPolicy.FAIL)) {
 *     while (r.next()) { use(r.buffer(), r.offset(), r.length()); }
 *   }
 * }
 * }</pre>
 */
public final class ContainerFile implements Closeable {
  private final String name;
  private final long size;
  private final SeekableByteChannel channel;
  private final FileHeader header;
  private final int maxBlockBytes;
  private ContainerIndex index;
  private String indexProblem;
  private boolean indexRead;

  private ContainerFile(String name, SeekableByteChannel channel, long size, int maxBlockBytes)
      throws IOException {
    this.name = name;
    this.channel = channel;
    this.size = size;
    this.maxBlockBytes = maxBlockBytes;
    try {
      this.header = FileHeader.read(channel);
    } catch (FileHeader.HeaderDamageException e) {
      channel.close();
      throw new BinaryFileException(name, e.offset(), "file header: " + e.getMessage(), e);
    }
  }

  /** Opens a file on any Beam filesystem (local paths, gs://, ...). */
  public static ContainerFile open(String spec) throws IOException {
    MatchResult.Metadata m = FileSystems.matchSingleFileSpec(spec);
    SeekableByteChannel ch = (SeekableByteChannel) FileSystems.open(m.resourceId());
    return new ContainerFile(m.resourceId().toString(), ch, m.sizeBytes(), ContainerFormat.DEFAULT_MAX_BLOCK_BYTES);
  }

  /** Opens a channel; {@code name} appears in errors. */
  public static ContainerFile open(SeekableByteChannel channel, String name) throws IOException {
    return new ContainerFile(name, channel, channel.size(), ContainerFormat.DEFAULT_MAX_BLOCK_BYTES);
  }

  public String name() {
    return name;
  }

  public long size() {
    return size;
  }

  public FileHeader header() {
    return header;
  }

  /** The index footer, or empty when the file has none intact ({@link #indexProblem()} says why). */
  public Optional<ContainerIndex> index() throws IOException {
    if (!indexRead) {
      indexRead = true;
      try {
        index = ContainerIndex.read(channel, size, header, maxBlockBytes);
      } catch (IOException e) {
        indexProblem = e.getMessage();
      }
    }
    return Optional.ofNullable(index);
  }

  /** Why {@link #index()} is empty, or null. */
  public String indexProblem() throws IOException {
    index();
    return indexProblem;
  }

  /** Record count from the index, or by reading every block when there is no index. */
  public long recordCount() throws IOException {
    Optional<ContainerIndex> i = index();
    if (i.isPresent()) {
      return i.get().totalRecords();
    }
    return verify().records;
  }

  /**
   * Records from ordinal {@code from} on. With an index it starts at the block holding that record;
   * without, it reads from the first block. Under SKIP, damage is collected in {@link
   * Records#skipped()}.
   */
  public Records records(long from, CorruptionPolicy policy) throws IOException {
    if (from < 0) {
      throw new IllegalArgumentException("record ordinal must be >= 0, was " + from);
    }
    long startOffset = header.length();
    long startOrdinal = 0;
    Optional<ContainerIndex> i = index();
    if (i.isPresent()) {
      int block = i.get().blockContaining(from);
      if (block < 0) {
        return new Records(null, from, policy);
      }
      startOffset = i.get().blockOffset(block);
      startOrdinal = i.get().firstOrdinal(block);
    }
    channel.position(startOffset);
    PositionedInput input = new PositionedInput(channel, startOffset, PositionedInput.DEFAULT_BUFFER_SIZE);
    BlockCursor cursor =
        BlockCursor.expectingBlockAt(input, header, name, startOffset, startOrdinal, maxBlockBytes);
    return new Records(cursor, from, policy);
  }

  /** Reads every block and checks the footer against them. */
  public VerifyReport verify() throws IOException {
    channel.position(header.length());
    PositionedInput input = new PositionedInput(channel, header.length(), PositionedInput.DEFAULT_BUFFER_SIZE);
    BlockCursor cursor =
        BlockCursor.expectingBlockAt(input, header, name, header.length(), 0, maxBlockBytes);
    VerifyReport report = new VerifyReport(name, size);
    List<long[]> blocks = new ArrayList<>();
    while (true) {
      BlockCursor.Event e = cursor.next();
      if (e == BlockCursor.Event.END) {
        break;
      }
      if (e == BlockCursor.Event.SKIPPED) {
        report.regions.add(cursor.skipped());
      } else {
        Block b = cursor.block();
        report.blocks++;
        report.records += b.recordCount();
        report.storedBytes += b.storedSize();
        report.rawBytes += b.rawSize();
        blocks.add(new long[] {b.offset(), b.firstOrdinal(), b.recordCount()});
      }
    }
    report.footerPresent = cursor.footerSeen();
    if (cursor.footerSeen() && report.regions.isEmpty()) {
      Optional<ContainerIndex> idx = index();
      if (!idx.isPresent()) {
        report.problems.add("index unreadable: " + indexProblem);
      } else {
        ContainerIndex x = idx.get();
        boolean same = x.blockCount() == blocks.size();
        for (int k = 0; same && k < blocks.size(); k++) {
          long[] b = blocks.get(k);
          same = x.blockOffset(k) == b[0] && x.firstOrdinal(k) == b[1] && x.recordCount(k) == b[2];
        }
        if (!same) {
          report.problems.add("index entries disagree with the blocks in the file");
        }
      }
    }
    return report;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** An iterator over records; the view is valid until the next call to {@link #next()}. */
  public final class Records implements Closeable {
    private final BlockCursor cursor;
    private final CorruptionPolicy policy;
    private final long from;
    private final List<SkippedRegion> skipped = new ArrayList<>();
    private Block block;
    private int index = -1;

    Records(BlockCursor cursor, long from, CorruptionPolicy policy) {
      this.cursor = cursor;
      this.from = from;
      this.policy = policy;
    }

    public boolean next() throws IOException {
      while (true) {
        if (cursor == null) {
          return false;
        }
        if (block != null && index + 1 < block.recordCount()) {
          index++;
          if (block.firstOrdinal() + index >= from) {
            return true;
          }
          continue;
        }
        block = null;
        BlockCursor.Event e = cursor.next();
        if (e == BlockCursor.Event.END) {
          return false;
        }
        if (e == BlockCursor.Event.SKIPPED) {
          SkippedRegion r = cursor.skipped();
          if (policy == CorruptionPolicy.FAIL) {
            throw new BinaryFileException(name, r.getStartOffset(), r.getReason());
          }
          skipped.add(r);
          continue;
        }
        block = cursor.block();
        index = -1;
      }
    }

    public long ordinal() {
      return block.firstOrdinal() + index;
    }

    public byte[] buffer() {
      return block.data();
    }

    public int offset() {
      return block.recordStart(index);
    }

    public int length() {
      return block.recordLength(index);
    }

    /** The file offset of the block holding the current record (its sync marker). */
    public long blockOffset() {
      return block.offset();
    }

    /** Regions skipped so far (SKIP policy). */
    public List<SkippedRegion> skipped() {
      return Collections.unmodifiableList(skipped);
    }

    @Override
    public void close() {}
  }

  /** What {@link #verify()} found. */
  public static final class VerifyReport {
    public final String file;
    public final long size;
    public long blocks;
    public long records;
    public long storedBytes;
    public long rawBytes;
    public boolean footerPresent;
    public final List<SkippedRegion> regions = new ArrayList<>();
    public final List<String> problems = new ArrayList<>();

    VerifyReport(String file, long size) {
      this.file = file;
      this.size = size;
    }

    public boolean isClean() {
      return regions.isEmpty() && problems.isEmpty() && footerPresent;
    }
  }
}
