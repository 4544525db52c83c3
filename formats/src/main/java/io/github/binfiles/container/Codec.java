package io.github.binfiles.container;

import com.github.luben.zstd.Zstd;
import io.github.binfiles.io.OutputBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.SingleXZInputStream;
import org.tukaani.xz.XZOutputStream;
import org.xerial.snappy.Snappy;

/**
 * The block codecs of the container format (ids are part of the format, see FORMAT.md section 5).
 * Each codec makes a {@link Compressor} for writers and a {@link Decompressor} for readers; both hold
 * reusable native or JDK state and are not thread-safe.
 *
 * <p>A decompressor writes exactly the raw size the block header promises into a buffer the caller
 * sized from that (bounds-checked) number, and reports any other outcome as damage.
 */
public enum Codec {
  NONE(0, "none"),
  DEFLATE(1, "deflate"),
  ZSTD(2, "zstd"),
  LZ4(3, "lz4"),
  SNAPPY(4, "snappy"),
  BZIP2(5, "bzip2"),
  XZ(6, "xz");

  private final int id;
  private final String codecName;

  Codec(int id, String codecName) {
    this.id = id;
    this.codecName = codecName;
  }

  public int id() {
    return id;
  }

  public String codecName() {
    return codecName;
  }

  /** The codec with this id, or null for an unknown id. */
  public static Codec byId(int id) {
    for (Codec c : values()) {
      if (c.id == id) {
        return c;
      }
    }
    return null;
  }

  /** The codec with this name (case-insensitive). */
  public static Codec byName(String name) {
    for (Codec c : values()) {
      if (c.codecName.equalsIgnoreCase(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown codec '" + name + "'; known: none, deflate, zstd, lz4, snappy, bzip2, xz");
  }

  /** Compresses one block's raw bytes, appending to an output buffer. */
  public interface Compressor {
    void compress(byte[] src, int off, int len, OutputBuffer out) throws IOException;
  }

  /** Decompresses one block; throws {@link DamagedPayloadException} unless exactly {@code rawSize} bytes result. */
  public interface Decompressor {
    void decompress(byte[] src, int off, int len, byte[] dst, int rawSize) throws IOException;
  }

  /** Decompression failed: the payload is damaged (its CRC matched, so the writer was at fault). */
  public static final class DamagedPayloadException extends IOException {
    private static final long serialVersionUID = 1L;

    DamagedPayloadException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public Compressor newCompressor() {
    switch (this) {
      case NONE:
        return (src, off, len, out) -> out.write(src, off, len);
      case DEFLATE:
        return new DeflateCompressor();
      case ZSTD:
        return (src, off, len, out) -> {
          int bound = (int) Zstd.compressBound(len);
          int at = out.reserve(bound);
          long n = Zstd.compressByteArray(out.array(), at, bound, src, off, len, 3);
          if (Zstd.isError(n)) {
            throw new IOException("zstd compression failed: " + Zstd.getErrorName(n));
          }
          out.truncate(at + (int) n);
        };
      case LZ4:
        return new Lz4Compressor();
      case SNAPPY:
        return (src, off, len, out) -> {
          int bound = Snappy.maxCompressedLength(len);
          int at = out.reserve(bound);
          int n = Snappy.compress(src, off, len, out.array(), at);
          out.truncate(at + n);
        };
      case BZIP2:
        return (src, off, len, out) -> {
          try (OutputStream s = new BZip2CompressorOutputStream(asStream(out))) {
            s.write(src, off, len);
          }
        };
      case XZ:
        return (src, off, len, out) -> {
          try (OutputStream s = new XZOutputStream(asStream(out), new LZMA2Options(6))) {
            s.write(src, off, len);
          }
        };
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * A decompressor for this codec. Whatever a payload holds, it either fills exactly {@code rawSize}
   * bytes or throws {@link DamagedPayloadException}: the codec libraries' own exceptions (zstd-jni,
   * lz4-java and snappy-java throw unchecked ones on some inputs) are caught here, at the boundary.
   */
  public Decompressor newDecompressor() {
    Decompressor d = libraryDecompressor();
    return (src, off, len, dst, rawSize) -> {
      try {
        d.decompress(src, off, len, dst, rawSize);
      } catch (DamagedPayloadException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw new DamagedPayloadException(codecName + ": " + e, e);
      }
    };
  }

  private Decompressor libraryDecompressor() {
    switch (this) {
      case NONE:
        return (src, off, len, dst, rawSize) -> {
          if (len != rawSize) {
            throw new DamagedPayloadException("stored size " + len + " != raw size " + rawSize, null);
          }
          System.arraycopy(src, off, dst, 0, len);
        };
      case DEFLATE:
        return new InflateDecompressor();
      case ZSTD:
        return (src, off, len, dst, rawSize) -> {
          long n = Zstd.decompressByteArray(dst, 0, rawSize, src, off, len);
          if (Zstd.isError(n)) {
            throw new DamagedPayloadException("zstd: " + Zstd.getErrorName(n), null);
          }
          expectRaw(n, rawSize);
        };
      case LZ4:
        LZ4SafeDecompressor lz4 = LZ4Factory.fastestInstance().safeDecompressor();
        return (src, off, len, dst, rawSize) -> {
          try {
            expectRaw(lz4.decompress(src, off, len, dst, 0, rawSize), rawSize);
          } catch (LZ4Exception e) {
            throw new DamagedPayloadException("lz4: " + e.getMessage(), e);
          }
        };
      case SNAPPY:
        return (src, off, len, dst, rawSize) -> {
          int n;
          try {
            n = Snappy.uncompressedLength(src, off, len);
          } catch (IOException e) {
            throw new DamagedPayloadException("snappy: " + e.getMessage(), e);
          }
          expectRaw(n, rawSize);
          try {
            expectRaw(Snappy.uncompress(src, off, len, dst, 0), rawSize);
          } catch (IOException e) {
            throw new DamagedPayloadException("snappy: " + e.getMessage(), e);
          }
        };
      case BZIP2:
        return (src, off, len, dst, rawSize) -> {
          ByteArrayInputStream in = new ByteArrayInputStream(src, off, len);
          readExactly(() -> new BZip2CompressorInputStream(in, false), in, dst, rawSize, "bzip2");
        };
      case XZ:
        return (src, off, len, dst, rawSize) -> {
          ByteArrayInputStream in = new ByteArrayInputStream(src, off, len);
          readExactly(() -> new SingleXZInputStream(in, xzMemoryLimitKib(rawSize)), in, dst, rawSize, "xz");
        };
      default:
        throw new AssertionError(this);
    }
  }

  private static void expectRaw(long produced, int rawSize) throws DamagedPayloadException {
    if (produced != rawSize) {
      throw new DamagedPayloadException(
          "decompressed to " + produced + " bytes, header says " + rawSize, null);
    }
  }

  private interface StreamOpener {
    InputStream open() throws IOException;
  }

  /**
   * The most memory (KiB) an xz payload of {@code rawSize} bytes may ask for: a dictionary larger
   * than the output it produces is never needed, so a stream declaring one more than max(8 MiB, raw
   * size) (8 MiB: the dictionary of xz's default preset 6) is damage, never an allocation.
   */
  static int xzMemoryLimitKib(int rawSize) {
    return (Math.max(8 << 20, rawSize) >> 10) + 1024;
  }

  /**
   * Reads exactly {@code rawSize} bytes from one compressed stream that must also end there, and
   * must consume all of {@code source}: a second stream after the first is damage.
   */
  private static void readExactly(
      StreamOpener opener, ByteArrayInputStream source, byte[] dst, int rawSize, String name)
      throws IOException {
    try (InputStream in = opener.open()) {
      int n = 0;
      while (n < rawSize) {
        int r = in.read(dst, n, rawSize - n);
        if (r < 0) {
          throw new DamagedPayloadException(
              name + ": decompressed to " + n + " bytes, header says " + rawSize, null);
        }
        n += r;
      }
      if (in.read() >= 0) {
        throw new DamagedPayloadException(
            name + ": decompresses to more than the " + rawSize + " bytes the header says", null);
      }
      if (source.available() > 0) {
        throw new DamagedPayloadException(
            name + ": " + source.available() + " bytes follow the end of the compressed stream", null);
      }
    } catch (DamagedPayloadException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DamagedPayloadException(name + ": " + e.getMessage(), e);
    }
  }

  private static OutputStream asStream(OutputBuffer out) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        out.writeByte(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        out.write(b, off, len);
      }
    };
  }

  private static final class DeflateCompressor implements Compressor {
    private final Deflater deflater = new Deflater(6, true);

    @Override
    public void compress(byte[] src, int off, int len, OutputBuffer out) {
      deflater.reset();
      deflater.setInput(src, off, len);
      deflater.finish();
      while (!deflater.finished()) {
        int at = out.reserve(Math.max(4096, len / 2));
        int n = deflater.deflate(out.array(), at, out.size() - at);
        out.truncate(at + n);
      }
    }
  }

  private static final class InflateDecompressor implements Decompressor {
    private final Inflater inflater = new Inflater(true);

    @Override
    public void decompress(byte[] src, int off, int len, byte[] dst, int rawSize)
        throws IOException {
      inflater.reset();
      inflater.setInput(src, off, len);
      int n = 0;
      try {
        while (n < rawSize && !inflater.finished()) {
          int r = inflater.inflate(dst, n, rawSize - n);
          if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            break;
          }
          n += r;
        }
        if (!inflater.finished() && n == rawSize) {
          // Room is exhausted: the stream must end here, with no more output.
          byte[] probe = new byte[1];
          if (inflater.inflate(probe) > 0) {
            throw new DamagedPayloadException(
                "deflate: decompresses to more than the " + rawSize + " bytes the header says", null);
          }
        }
      } catch (DataFormatException e) {
        throw new DamagedPayloadException("deflate: " + e.getMessage(), e);
      }
      if (!inflater.finished() || n != rawSize || inflater.getRemaining() != 0) {
        throw new DamagedPayloadException(
            "deflate: stream of "
                + len
                + " bytes decompressed to "
                + n
                + " bytes (header says "
                + rawSize
                + (inflater.finished() ? ")" : ", stream incomplete)"),
            null);
      }
    }
  }

  private static final class Lz4Compressor implements Compressor {
    private final LZ4Compressor lz4 = LZ4Factory.fastestInstance().fastCompressor();

    @Override
    public void compress(byte[] src, int off, int len, OutputBuffer out) {
      int bound = lz4.maxCompressedLength(len);
      int at = out.reserve(bound);
      int n = lz4.compress(src, off, len, out.array(), at, bound);
      out.truncate(at + n);
    }
  }
}
