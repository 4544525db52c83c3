package io.github.binfiles.framing;

import io.github.binfiles.report.BinaryFileException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/**
 * The check that makes a search-started range exact ({@link Framing#searchesForRangeStarts()}).
 * The reader of the range before a boundary follows the true chain of units and stops at the first
 * split point at or past the boundary (or at the end of the data); the reader of the range after it
 * searches from the boundary. The two agree unless bytes inside a unit look like a start, and then
 * one of them is wrong: records would be lost, repeated or invented. So the reader before the
 * boundary, when it stops, opens the framing at the boundary exactly as the next reader does and
 * compares. By induction from the range at byte 0, whose start is never searched, a read whose
 * every boundary is confirmed is exact; one that is not fails with this error.
 */
public final class RangeBoundary {
  private RangeBoundary() {}

  /**
   * Where a reader of {@code file} starting at {@code boundary} claims its first unit, or -1 when
   * it finds none. Moves {@code channel}.
   */
  public static long firstUnitAt(Framing framing, String file, long size, SeekableByteChannel channel,
      long boundary) throws IOException {
    UnitReader next = framing.open(FileRange.of(file, size, boundary, size, channel, false));
    return next.next() == UnitReader.Unit.END ? -1 : next.claimOffset();
  }

  /**
   * Confirms that a reader of {@code file} starting at {@code boundary} begins with the split point
   * claimed at {@code expected}, or, when {@code expected} is negative (the reader before the
   * boundary reached the end of the data), finds nothing.
   *
   * @throws BinaryFileException when it does not
   */
  public static void confirm(Framing framing, String file, long size, SeekableByteChannel channel,
      long boundary, long expected) throws IOException {
    if (boundary >= size) {
      return;
    }
    long found = firstUnitAt(framing, file, size, channel, boundary);
    if (found == expected) {
      return;
    }
    throw new BinaryFileException(file, boundary, "this file cannot be split exactly at byte "
        + boundary + ": the reader of the bytes before it follows the chain of units "
        + (expected < 0 ? "to the end of the data" : "to a unit at byte " + expected)
        + ", but a reader starting at byte " + boundary + " would start "
        + (found < 0 ? "nowhere" : "at byte " + found)
        + ". Bytes inside a record look like a chain of descriptors; read such files unsplit"
        + " (withoutSplitting(), or --split-by file)");
  }
}
