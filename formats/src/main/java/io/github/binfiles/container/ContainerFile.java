package io.github.binfiles.container;

import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.RecordReader;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.SkippedRegion;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
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
 *   RecordReader r = f.records(1_000_000, CorruptionPolicy.FAIL);
 *   while (r.next()) {
 *     RecordView v = r.record();
 *     use(v.array(), v.index(), v.length());
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
    FileHeader.Parsed parsed = FileHeader.parse(channel);
    if (!parsed.isIntact()) {
      channel.close();
      throw new BinaryFileException(name, parsed.damageOffset(), "file header: " + parsed.problem());
    }
    this.header = parsed.header();
  }

  /** Opens a file on any Beam filesystem (local paths, gs://, ...). */
  public static ContainerFile open(String spec) throws IOException {
    return open(spec, ContainerFormat.DEFAULT_MAX_BLOCK_BYTES);
  }

  /** As {@link #open(String)}, accepting blocks up to {@code maxBlockBytes} (for other writers' files). */
  public static ContainerFile open(String spec, int maxBlockBytes) throws IOException {
    ContainerFormat.checkMaxBlockBytes(maxBlockBytes);
    MatchResult.Metadata m = FileSystems.matchSingleFileSpec(spec);
    SeekableByteChannel ch = (SeekableByteChannel) FileSystems.open(m.resourceId());
    return new ContainerFile(m.resourceId().toString(), ch, m.sizeBytes(), maxBlockBytes);
  }

  /**
   * A file already open as {@code channel} (closing this closes it); {@code name} appears in errors.
   */
  public static ContainerFile open(SeekableByteChannel channel, String name, long size, int maxBlockBytes)
      throws IOException {
    return new ContainerFile(name, channel, size, ContainerFormat.checkMaxBlockBytes(maxBlockBytes));
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
      ContainerIndex.Lookup lookup = ContainerIndex.read(channel, size, header, maxBlockBytes);
      index = lookup.orNull();
      indexProblem = lookup.problem();
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
   * Records from ordinal {@code from} on. With a valid index it starts at the block its entries
   * place that record in, and verifies that block (and every later one) against its entry: a block
   * that disagrees is damage, never a reason to return other records. Without a valid index it
   * reads from the first block and passes over the records before {@code from}. Under SKIP, damage
   * is collected in {@link RecordReader#skipped()}; under FAIL it throws. Valid while this file is open.
   */
  public RecordReader records(long from, CorruptionPolicy policy) throws IOException {
    if (from < 0) {
      throw new IllegalArgumentException("record ordinal must be >= 0, was " + from);
    }
    long start = 0;
    Optional<ContainerIndex> i = index();
    if (i.isPresent()) {
      int block = i.get().blockContaining(from);
      start = block < 0 ? size : i.get().blockOffset(block);
    }
    return RecordReader.open(ContainerFraming.of(maxBlockBytes),
        FileRange.of(name, size, start, size, channel, false), policy, from);
  }

  /** Reads every block as the readers do and checks the footer against them. */
  public VerifyReport verify() throws IOException {
    BlockStream blocks =
        ContainerRange.open(channel, size, header, 0, size, maxBlockBytes, index().orElse(null));
    VerifyReport report = new VerifyReport(name, size);
    while (true) {
      BlockStream.Event e = blocks.next();
      if (e == BlockStream.Event.END) {
        break;
      }
      if (e == BlockStream.Event.SKIPPED) {
        report.regions.add(blocks.damage().toRegion(name));
      } else {
        Block b = blocks.block();
        report.blocks++;
        report.records += b.recordCount();
        report.storedBytes += b.storedSize();
        report.rawBytes += b.rawSize();
      }
    }
    // Without a verified footer the walk has reported why, as a region.
    report.footerPresent = blocks.footerVerified();
    return report;
  }

  @Override
  public void close() throws IOException {
    channel.close();
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

    VerifyReport(String file, long size) {
      this.file = file;
      this.size = size;
    }

    public boolean isClean() {
      return regions.isEmpty() && footerPresent;
    }
  }
}
