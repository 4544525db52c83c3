package io.github.binfiles.beam;

import io.github.binfiles.framing.FileRange;
import io.github.binfiles.io.CheckedDecompression;
import io.github.binfiles.io.CountingChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * Makes the {@link FileRange} a framing reads from a channel Beam opened, undoing whole-file
 * compression: the one place that decides how a compressed file is read, for {@link FramedSource}
 * and for tools.
 */
public final class FileRanges {
  private FileRanges() {}

  /**
   * The range {@code [start, end)} of {@code file} as a framing reads it, or null when the range
   * owns nothing (a compressed file, or any file of a framing that is not splittable, belongs whole
   * to the range at offset 0).
   *
   * @param splittable whether the framing reads uncompressed files in ranges ({@link
   *     io.github.binfiles.framing.Framing#splittable()})
   * @param compression the file's compression, already resolved (not AUTO)
   * @param channel the file (seekable), or a stream Beam's {@code CompressedSource} decompressed
   */
  public static FileRange open(
      String file, long size, long start, long end, boolean splittable, ReadableByteChannel channel,
      org.apache.beam.sdk.io.Compression compression, boolean directBuffers) {
    boolean compressed = compression != org.apache.beam.sdk.io.Compression.UNCOMPRESSED;
    if (!(channel instanceof SeekableByteChannel)) {
      // A stream from Beam's CompressedSource, decompressed when the file's extension says so;
      // read failures of an uncompressed one stay I/O errors.
      return new FileRange(file, size, 0, Long.MAX_VALUE, channel, compressed, null, directBuffers);
    }
    if (!compressed && splittable) {
      return FileRange.of(file, size, start, end, (SeekableByteChannel) channel, directBuffers);
    }
    if (start > 0) {
      return null;
    }
    if (!compressed) {
      return FileRange.of(file, size, 0, size, (SeekableByteChannel) channel, directBuffers);
    }
    CountingChannel counting = new CountingChannel(channel);
    // Checked before a byte is served: a damaged stream gives wrong bytes before its check fails.
    return new FileRange(file, size, 0, Long.MAX_VALUE, new CheckedDecompression(file, compression,
        (SeekableByteChannel) channel, counting, CheckedDecompression.DEFAULT_SPOOL_BYTES), true,
        counting::count, directBuffers);
  }
}
