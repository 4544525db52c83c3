package io.github.binfiles.container;

import io.github.binfiles.framing.Damage;
import io.github.binfiles.io.PositionedInput;
import java.io.IOException;

/**
 * The data blocks of a file with a valid index, entries {@code [first, end)}: each block is read at
 * the offset its entry gives and delivered only if it is intact, is a data block, holds exactly the
 * entry's ordinals and ends exactly where the next entry (or the index) begins. Anything else is
 * one region spanning the entry's bytes, losing exactly the entry's ordinals (FORMAT.md section 8):
 * a repeated, misplaced, swapped or foreign block is never delivered.
 */
final class IndexedBlocks implements BlockStream {
  private final PositionedInput input;
  private final ContainerIndex index;
  private final BlockReader reader;
  private final int end;
  private int next;
  private Damage skipped;

  IndexedBlocks(
      PositionedInput input, ContainerIndex index, BlockReader reader, int first, int end) {
    this.input = input;
    this.index = index;
    this.reader = reader;
    this.next = first;
    this.end = end;
  }

  @Override
  public Event next() throws IOException {
    if (next >= end) {
      return Event.END;
    }
    int k = next++;
    long at = index.blockOffset(k);
    long blockEnd = index.blockEnd(k);
    long firstOrdinal = index.firstOrdinal(k);
    int count = index.recordCount(k);
    input.skip(at - input.position());
    Check block = check(at, blockEnd, firstOrdinal, count);
    if (block.isOk()) {
      return Event.BLOCK;
    }
    skipped = new Damage(at, blockEnd, firstOrdinal, firstOrdinal + count,
        "block " + k + " of the index (at " + at + "): " + block.problemOr("file ends where a block was expected"));
    return Event.SKIPPED;
  }

  private Check check(long at, long blockEnd, long firstOrdinal, int count) throws IOException {
    Check header = reader.readHeader(input);
    if (!header.isOk()) {
      return header;
    }
    BlockHeader h = reader.header();
    if (h.kind != ContainerFormat.KIND_DATA) {
      return Check.damaged("an index block stands where the index places a data block");
    }
    if (h.firstOrdinal != firstOrdinal || h.recordCount != count) {
      return Check.damaged("the block holds ordinals [" + h.firstOrdinal + ", " + (h.firstOrdinal + h.recordCount)
          + ") where the index places [" + firstOrdinal + ", " + (firstOrdinal + count)
          + ") (a repeated, misplaced or foreign block)");
    }
    if (reader.claimedEnd(at) != blockEnd) {
      return Check.damaged("the block's header says it ends at " + reader.claimedEnd(at)
          + ", but the index places the next block at " + blockEnd);
    }
    return reader.readPayload(input);
  }

  @Override
  public Block block() {
    return reader.block();
  }

  @Override
  public Damage damage() {
    return skipped;
  }

  @Override
  public boolean readsWholeFile() {
    return false;
  }

  @Override
  public boolean footerVerified() {
    return true;
  }
}
