package io.github.binfiles.container;

import io.github.binfiles.io.PositionedInput;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/**
 * How a reader of the byte range {@code [start, end)} of a container file finds its blocks: the one
 * place that answers "where is the first block this range owns" (FORMAT.md section 7).
 *
 * <ul>
 *   <li><b>The file has a valid index footer</b> (the common case: every file its writer closed).
 *       The range owns the blocks whose index entries have offsets in {@code [start, end)}, and reads
 *       each at its entry's offset, verifying it against the entry ({@link IndexedBlocks}). Ranges
 *       need no search and no look-back, and a repeated, misplaced or foreign block is caught by its
 *       entry.
 *   <li><b>It has none</b> (the writer died, or the footer, the file length or the bytes around it
 *       were damaged). The range that starts at 0 reads the whole file in one chained walk that
 *       checks ordinal continuity ({@link ChainedBlocks}); every other range owns nothing. A walk
 *       that starts in the middle could not tell a block that belongs to the file from a copy of
 *       the file's own blocks (a file concatenated with itself chains perfectly after its first
 *       copy ends), so without an index exactness costs parallelism within that one file.
 * </ul>
 *
 * Every reader of a file decides the same way from the same bytes (the trailer, the index and the
 * header), so the rule "a block belongs to the range holding its first byte" holds across splits.
 */
public final class ContainerRange {
  private ContainerRange() {}

  /**
   * The blocks the range {@code [start, end)} of {@code channel} owns. Moves the channel's position.
   *
   * @param fileSize the size of the file; blocks claimed to extend past it are damage
   */
  public static BlockStream open(
      SeekableByteChannel channel, long fileSize, FileHeader header, long start, long end,
      int maxBlockBytes) throws IOException {
    ContainerIndex index = ContainerIndex.read(channel, fileSize, header, maxBlockBytes).orNull();
    return open(channel, fileSize, header, start, end, maxBlockBytes, index);
  }

  /** As above, with the file's index already read: null when it has no valid one. */
  static BlockStream open(
      SeekableByteChannel channel, long fileSize, FileHeader header, long start, long end,
      int maxBlockBytes, ContainerIndex index) throws IOException {
    BlockReader reader = new BlockReader(header.syncMarkerShared(), fileSize, maxBlockBytes);
    if (index != null) {
      int first = index.firstBlockAtOrAfter(start);
      int last = index.firstBlockAtOrAfter(end);
      if (first >= last) {
        return BlockStream.empty();
      }
      long at = index.blockOffset(first);
      channel.position(at);
      PositionedInput input = new PositionedInput(channel, at, bufferSize(index.blockEnd(last - 1) - at));
      return new IndexedBlocks(input, index, reader, first, last);
    }
    if (start > 0) {
      return BlockStream.empty();
    }
    long trailerTotal = ContainerIndex.trailerTotal(channel, fileSize, header);
    channel.position(header.length());
    PositionedInput input =
        new PositionedInput(channel, header.length(), PositionedInput.DEFAULT_BUFFER_SIZE);
    return new ChainedBlocks(input, header, reader, fileSize, trailerTotal);
  }

  /** Small ranges get small buffers: split tests create thousands of readers. */
  private static int bufferSize(long bytes) {
    return (int) Math.min(PositionedInput.DEFAULT_BUFFER_SIZE, Math.max(4096, bytes + 64));
  }
}
