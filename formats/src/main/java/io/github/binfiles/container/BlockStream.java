package io.github.binfiles.container;

import io.github.binfiles.framing.Damage;
import java.io.IOException;

/**
 * The blocks one reader of a container file delivers, in file order, with the damage between them
 * as values. {@link ContainerRange#open} makes one for a byte range; a block is delivered only when
 * it is intact (FORMAT.md section 4) and is the block expected at its place (section 8), so no
 * record is ever repeated, invented or altered, and every lost ordinal is in some region.
 */
public interface BlockStream {
  /** What {@link #next()} found. */
  enum Event {
    /** An intact data block, the one expected at its place: see {@link #block()}. */
    BLOCK,
    /** A damaged or unaccounted region: see {@link #damage()}. */
    SKIPPED,
    /** No more blocks for this reader. */
    END
  }

  Event next() throws IOException;

  /** The current block, after {@link Event#BLOCK}; valid until the next call to {@link #next()}. */
  Block block();

  /** The damage, after {@link Event#SKIPPED}. */
  Damage damage();

  /**
   * True when this stream reads the whole file in one chained walk whatever its range (the file has
   * no intact index, FORMAT.md section 7): its items after the first are then not split points.
   */
  boolean readsWholeFile();

  /** Whether the file's footer was found intact and agreeing with the blocks read. */
  boolean footerVerified();

  /** A stream with nothing in it: a range that owns no block. */
  static BlockStream empty() {
    return new BlockStream() {
      @Override
      public Event next() {
        return Event.END;
      }

      @Override
      public Block block() {
        throw new IllegalStateException("no block");
      }

      @Override
      public Damage damage() {
        throw new IllegalStateException("no region");
      }

      @Override
      public boolean readsWholeFile() {
        return false;
      }

      @Override
      public boolean footerVerified() {
        return false;
      }
    };
  }
}
