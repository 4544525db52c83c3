package io.github.binfiles.framing;

import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * What a {@link Framing} reads: the byte range {@code [start, end)} of one file, and a channel over
 * the file.
 *
 * <p>The channel is either the file itself ({@link SeekableByteChannel}, positioned anywhere), or,
 * when {@code decompressed} is true, a stream of the file's decompressed bytes from offset 0 (the
 * file is compressed as a whole: its range is always the whole file, offsets are decompressed
 * offsets, and a read that fails is damage, not an I/O error to retry). {@code compressedRead}
 * reports how many compressed bytes were consumed so far, for messages ({@code null} when unknown).
 *
 * @param file the file's name as errors print it
 * @param size the file's size in bytes (compressed size when compressed)
 * @param directBuffers whether the consumer copies records anyway, so a framing may read into a
 *     direct buffer and save the JDK's copy
 */
public record FileRange(
    String file,
    long size,
    long start,
    long end,
    ReadableByteChannel channel,
    boolean decompressed,
    java.util.function.LongSupplier compressedRead,
    boolean directBuffers) {

  /** A range of an uncompressed file. */
  public static FileRange of(
      String file, long size, long start, long end, SeekableByteChannel channel, boolean directBuffers) {
    return new FileRange(file, size, start, end, channel, false, null, directBuffers);
  }

  /**
   * Why a decompressed stream failed at {@code position} (decompressed bytes served), for the
   * damage every format reports the same way: a stream that failed its check before serving a byte
   * ({@link io.github.binfiles.io.CheckedDecompression}), or one that broke while being read.
   */
  public String brokenStreamReason(long position, java.io.IOException e) {
    String offsets = " (offsets in a compressed file are positions in its decompressed data)";
    if (e instanceof io.github.binfiles.io.CheckedDecompression.StreamCheckFailed) {
      return "the compressed file (" + size + " bytes) is damaged or truncated: " + e.getMessage() + offsets;
    }
    return "the compressed file (" + size + " bytes) is damaged or truncated: decompression failed"
        + (compressedRead == null ? "" : " at or before compressed byte " + compressedRead.getAsLong())
        + ", after " + position + " decompressed bytes (" + e + "); nothing after that point can be read" + offsets;
  }

  /** The seekable channel over the file; fails for a decompressed stream. */
  public SeekableByteChannel seekable() {
    if (!(channel instanceof SeekableByteChannel)) {
      throw new IllegalStateException(file + " is read as a decompressed stream, not a seekable file");
    }
    return (SeekableByteChannel) channel;
  }
}
