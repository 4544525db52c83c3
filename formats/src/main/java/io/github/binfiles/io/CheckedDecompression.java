package io.github.binfiles.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.Compression;

/**
 * The decompressed bytes of a whole-file compressed file, served only after the compressed
 * stream's own checks (gzip's CRC-32 and length per member, bzip2's block and stream CRCs, zlib's
 * Adler-32, the zip entry CRC, zstd's content checksum where the frame has one) have passed: a
 * flipped bit in the compressed data changes decompressed bytes before the check that covers them
 * fails at the stream's end, so reading while decompressing would hand out wrong records.
 *
 * <p>Before the first byte is served the whole stream is decompressed: into memory up to {@code
 * spoolBytes}, and served from there; a larger stream is decompressed to its end to check it, then
 * again from the start to be served (twice the CPU, no memory). A stream that fails throws a {@link
 * StreamCheckFailed} on the first read, so no byte of it (and no record) is delivered. Codecs or
 * frames without a check (zstd frames written without a checksum, LZO, raw snappy) cannot be
 * verified; their damage shows only where decompression itself fails.
 */
public final class CheckedDecompression implements ReadableByteChannel {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CheckedDecompression.class);
  /** Streams up to this many decompressed bytes are checked and served from memory. */
  public static final int DEFAULT_SPOOL_BYTES = 32 << 20;
  private static final int CHUNK = 1 << 20;

  /** A compressed stream that failed: no byte of it is served. */
  public static final class StreamCheckFailed extends IOException {
    private static final long serialVersionUID = 1L;
    private final long decompressedBytes;

    StreamCheckFailed(String message, long decompressedBytes, Throwable cause) {
      super(message, cause);
      this.decompressedBytes = decompressedBytes;
    }

    /** Bytes the stream gave before it failed; none of them is delivered. */
    public long decompressedBytes() {
      return decompressedBytes;
    }
  }

  private final String name;
  private final Compression compression;
  private final SeekableByteChannel file;
  private final CountingChannel counting;
  private final int spoolBytes;
  private boolean checked;
  private List<byte[]> spool;
  private int chunk;
  private int inChunk;
  private long spoolTotal;
  private long served;
  private ReadableByteChannel second;

  /**
   * @param counting counts the compressed bytes the served stream reads, over {@code file}
   *     (progress); the check pass reads {@code file} directly
   */
  public CheckedDecompression(String name, Compression compression, SeekableByteChannel file, CountingChannel counting,
      int spoolBytes) {
    this.name = name;
    this.compression = compression;
    this.file = file;
    this.counting = counting;
    this.spoolBytes = spoolBytes;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!checked) {
      check();
      checked = true;
    }
    if (second != null) {
      return second.read(dst);
    }
    if (served == spoolTotal) {
      return -1;
    }
    int n = 0;
    while (dst.hasRemaining() && served < spoolTotal) {
      byte[] c = spool.get(chunk);
      int take = (int) Math.min(dst.remaining(), Math.min(c.length - inChunk, spoolTotal - served));
      dst.put(c, inChunk, take);
      inChunk += take;
      served += take;
      n += take;
      if (inChunk == c.length) {
        chunk++;
        inChunk = 0;
      }
    }
    return n;
  }

  /** Decompresses the whole stream, keeping up to the spool's worth; throws if it fails. */
  private void check() throws IOException {
    checkGzipMagic();
    warnOfUncheckedZstd();
    file.position(0);
    CountingChannel compressed = new CountingChannel(unclosable(file));
    spool = new ArrayList<>();
    long total = 0;
    boolean spooling = true;
    byte[] scratch = null;
    ByteBuffer b = null;
    try (ReadableByteChannel in = compression.readDecompressed(compressed)) {
      while (true) {
        byte[] c = spooling ? new byte[CHUNK] : scratch;
        b = ByteBuffer.wrap(c);
        int n = 0;
        while (b.hasRemaining() && (n = in.read(b)) >= 0) {}
        total += b.position();
        b = null;
        if (spooling) {
          spool.add(c);
          if (total > spoolBytes) {
            spooling = false; // too large to keep: check to the end, then read again
            spool = null;
            scratch = c;
          }
        }
        if (n < 0) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      spool = null;
      total += b == null ? 0 : b.position();
      throw new StreamCheckFailed(compression + " stream fails after " + total + " decompressed bytes, at or before"
          + " compressed byte " + compressed.count() + " (" + e + "): its check covers the bytes before too, so"
          + " none of the file is delivered", total, e);
    }
    if (spooling) {
      spoolTotal = total;
      return;
    }
    file.position(0);
    second = compression.readDecompressed(counting);
  }

  /**
   * Beam reads a gzip-named file that does not start with gzip's magic bytes as uncompressed (for
   * objects a store serves decompressed): a damaged first byte would turn the compressed bytes
   * into records. Refused instead, naming both causes.
   */
  private void checkGzipMagic() throws IOException {
    if (compression != Compression.GZIP) {
      return;
    }
    ByteBuffer head = head(2);
    if (head.position() == 0 || (head.position() == 2 && (head.get(0) & 0xFF) == 0x1F && (head.get(1) & 0xFF) == 0x8B)) {
      return; // an empty file holds nothing either way
    }
    throw new StreamCheckFailed("a gzip file that does not start with gzip's magic bytes 1f 8b but "
        + java.util.HexFormat.of().formatHex(head.array(), 0, head.position()) + ": damaged, or stored (or served, as"
        + " by GCS decompressive transcoding) uncompressed: then read it with withCompression(UNCOMPRESSED)", 0, null);
  }

  /** A zstd frame says in its header whether it carries a content checksum (bit 2 of byte 4). */
  private void warnOfUncheckedZstd() throws IOException {
    if (compression != Compression.ZSTD) {
      return;
    }
    ByteBuffer head = head(5);
    boolean zstd = head.position() == 5 && (head.getInt(0) == 0x28B52FFD);
    if (zstd && (head.get(4) & 0x04) == 0) {
      LOG.warn(name + ": a zstd frame without a content checksum: damage inside it cannot be detected, and a flipped"
          + " bit may give wrong records (write zstd files with checksums: the zstd tool does by default)");
    }
  }

  /** The file's first {@code n} bytes (fewer if it is shorter), in a buffer positioned after them. */
  private ByteBuffer head(int n) throws IOException {
    file.position(0);
    ByteBuffer head = ByteBuffer.allocate(n);
    while (head.hasRemaining() && file.read(head) >= 0) {}
    return head;
  }

  /** {@code file}, for a pass whose stream's close must leave it open for the next. */
  private static ReadableByteChannel unclosable(SeekableByteChannel file) {
    return new ReadableByteChannel() {
      @Override
      public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
      }

      @Override
      public boolean isOpen() {
        return file.isOpen();
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public boolean isOpen() {
    return file.isOpen();
  }

  @Override
  public void close() throws IOException {
    spool = null;
    if (second != null) {
      second.close();
    } else {
      file.close();
    }
  }
}
