package io.github.binfiles.container;

import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.framing.Damage;
import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.RecordBlock;
import io.github.binfiles.framing.RecordView;
import io.github.binfiles.framing.UnitReader;
import java.io.IOException;

/**
 * The units one range of a container file owns: a damaged file header (reported by the range at
 * offset 0 as the whole file), then the blocks and regions of the {@link BlockStream} that {@link
 * ContainerRange} opens for the range.
 */
final class ContainerUnits implements UnitReader {
  private final BlockStream blocks;
  private final boolean wholeFile;
  private Damage pending;
  private Damage damage;
  private Block block;
  private long claim;

  private ContainerUnits(BlockStream blocks, Damage pending) {
    this.blocks = blocks;
    this.wholeFile = blocks.readsWholeFile();
    this.pending = pending;
  }

  static UnitReader open(FileRange range, int maxBlockBytes, String requiredLayout) throws IOException {
    String file = range.file();
    if (range.decompressed()) {
      throw new BinaryFileException(file, range.start(), "container files must be read from a seekable"
          + " channel; do not compress a whole container file, choose a block codec instead");
    }
    FileHeader.Parsed parsed = FileHeader.parse(range.seekable());
    if (!parsed.isIntact()) {
      // The whole file is lost; only the range holding byte 0 says so.
      Damage whole = range.start() != 0 ? null : new Damage(0, range.size(), 0, Damage.UNKNOWN,
          "file header: " + parsed.problem(), parsed.damageOffset());
      return new ContainerUnits(BlockStream.empty(), whole);
    }
    FileHeader header = parsed.header();
    String declared = header.metadataString(ContainerFormat.KEY_LAYOUT);
    if (requiredLayout != null && !requiredLayout.equals(declared)) {
      throw new BinaryFileException(file, 0, "the file's record layout (" + declared
          + ") differs from the layout this pipeline reads with: " + requiredLayout);
    }
    return new ContainerUnits(ContainerRange.open(range.seekable(), range.size(), header,
        range.start(), range.end(), maxBlockBytes), null);
  }

  @Override
  public Unit next() throws IOException {
    block = null;
    if (pending != null) {
      damage = pending;
      pending = null;
      claim = 0;
      return Unit.DAMAGE;
    }
    switch (blocks.next()) {
      case BLOCK:
        block = blocks.block();
        claim = block.offset();
        return Unit.BLOCK;
      case SKIPPED:
        damage = blocks.damage();
        claim = damage.start();
        return Unit.DAMAGE;
      default:
        return Unit.END;
    }
  }

  @Override
  public RecordView record() {
    throw new IllegalStateException("container files deliver blocks");
  }

  @Override
  public RecordBlock block() {
    return block;
  }

  @Override
  public Damage damage() {
    return damage;
  }

  @Override
  public long claimOffset() {
    return claim;
  }

  @Override
  public boolean readsWholeFile() {
    return wholeFile;
  }
}
