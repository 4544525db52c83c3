package io.github.binfiles.codec;

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
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.SingleXZInputStream;
import org.tukaani.xz.XZOutputStream;
import org.xerial.snappy.Snappy;

/**
 * The block codecs (ids are part of the container format, FORMAT.md section 5), usable by any
 * block format. Each codec makes a {@link Compressor} for writers and a {@link Decompressor} for
 * readers; both hold reusable native or JDK state and are not thread-safe.
 *
 * <p>A decompressor writes exactly the raw size the block header promises into a buffer the caller
 * sized from that (bounds-checked) number, and reports any other outcome as a {@link
 * DamagedPayloadException}, including the codec libraries' own unchecked exceptions.
 */
public enum Codec {
  NONE(0, "none", 0, 0, 0) {
    @Override
    Compressor libraryCompressor(int level) {
      return (src, off, len, out) -> out.write(src, off, len);
    }

    @Override
    Decompressor libraryDecompressor() {
      return (src, off, len, dst, rawSize) -> {
        if (len != rawSize) {
          throw new DamagedPayloadException("stored size " + len + " != raw size " + rawSize, null);
        }
        System.arraycopy(src, off, dst, 0, len);
      };
    }
  },
  DEFLATE(1, "deflate", 1, 9, 6) {
    @Override
    Compressor libraryCompressor(int level) {
      return new DeflateCompressor(level);
    }

    @Override
    Decompressor libraryDecompressor() {
      return new InflateDecompressor();
    }
  },
  ZSTD(2, "zstd", 1, 19, 3) {
    @Override
    Compressor libraryCompressor(int level) {
      return (src, off, len, out) -> {
        int bound = (int) Zstd.compressBound(len);
        int at = out.reserve(bound);
        long n = Zstd.compressByteArray(out.array(), at, bound, src, off, len, level);
        if (Zstd.isError(n)) {
          throw new IOException("zstd compression failed: " + Zstd.getErrorName(n));
        }
        out.truncate(at + (int) n);
      };
    }

    @Override
    Decompressor libraryDecompressor() {
      return (src, off, len, dst, rawSize) -> {
        long n = Zstd.decompressByteArray(dst, 0, rawSize, src, off, len);
        if (Zstd.isError(n)) {
          throw new DamagedPayloadException(Zstd.getErrorName(n), null);
        }
        expectRaw(n, rawSize);
      };
    }
  },
  LZ4(3, "lz4", 0, 0, 0) {
    @Override
    Compressor libraryCompressor(int level) {
      LZ4Compressor lz4 = LZ4Factory.fastestInstance().fastCompressor();
      return (src, off, len, out) -> {
        int bound = lz4.maxCompressedLength(len);
        int at = out.reserve(bound);
        int n = lz4.compress(src, off, len, out.array(), at, bound);
        out.truncate(at + n);
      };
    }

    @Override
    Decompressor libraryDecompressor() {
      LZ4SafeDecompressor lz4 = LZ4Factory.fastestInstance().safeDecompressor();
      return (src, off, len, dst, rawSize) ->
          expectRaw(lz4.decompress(src, off, len, dst, 0, rawSize), rawSize);
    }
  },
  SNAPPY(4, "snappy", 0, 0, 0) {
    @Override
    Compressor libraryCompressor(int level) {
      return (src, off, len, out) -> {
        int bound = Snappy.maxCompressedLength(len);
        int at = out.reserve(bound);
        int n = Snappy.compress(src, off, len, out.array(), at);
        out.truncate(at + n);
      };
    }

    @Override
    Decompressor libraryDecompressor() {
      return (src, off, len, dst, rawSize) -> {
        // The length check first: snappy writes as much as the stream says, so it must fit.
        expectRaw(Snappy.uncompressedLength(src, off, len), rawSize);
        expectRaw(Snappy.uncompress(src, off, len, dst, 0), rawSize);
      };
    }
  },
  BZIP2(5, "bzip2", 1, 9, 9) {
    @Override
    Compressor libraryCompressor(int level) {
      return (src, off, len, out) -> {
        try (OutputStream s = new BZip2CompressorOutputStream(asStream(out), level)) {
          s.write(src, off, len);
        }
      };
    }

    @Override
    Decompressor libraryDecompressor() {
      return (src, off, len, dst, rawSize) -> {
        ByteArrayInputStream in = new ByteArrayInputStream(src, off, len);
        readOneStream(new BZip2CompressorInputStream(in, false), in, dst, rawSize);
      };
    }
  },
  // Levels up to 6: their dictionaries (8 MiB at 6) are what readers accept for any block
  // (FORMAT.md section 5); 7 to 9 would make every reader refuse the blocks.
  XZ(6, "xz", 0, 6, 6) {
    @Override
    Compressor libraryCompressor(int level) {
      return (src, off, len, out) -> {
        try (OutputStream s = new XZOutputStream(asStream(out), new LZMA2Options(level))) {
          s.write(src, off, len);
        }
      };
    }

    @Override
    Decompressor libraryDecompressor() {
      return (src, off, len, dst, rawSize) -> {
        ByteArrayInputStream in = new ByteArrayInputStream(src, off, len);
        readOneStream(new SingleXZInputStream(in, xzMemoryLimitKib(rawSize)), in, dst, rawSize);
      };
    }
  };

  private final int id;
  private final String codecName;
  private final int minLevel;
  private final int maxLevel;
  private final int defaultLevel;

  Codec(int id, String codecName, int minLevel, int maxLevel, int defaultLevel) {
    this.id = id;
    this.codecName = codecName;
    this.minLevel = minLevel;
    this.maxLevel = maxLevel;
    this.defaultLevel = defaultLevel;
  }

  /** Whether {@link #newCompressor(int)} takes a level (deflate, zstd, bzip2, xz). */
  public boolean hasLevels() {
    return maxLevel > 0;
  }

  /** The level writers use unless told otherwise (0 for codecs without levels). */
  public int defaultLevel() {
    return defaultLevel;
  }

  /**
   * Checks {@code level} for this codec: deflate 1-9, zstd 1-19, bzip2 1-9, xz 0-6 (higher xz
   * levels need dictionaries readers refuse); codecs without levels take none.
   *
   * @throws IllegalArgumentException naming the codec's range
   */
  public int checkLevel(int level) {
    if (!hasLevels()) {
      throw new IllegalArgumentException(codecName + " has no compression levels");
    }
    if (level < minLevel || level > maxLevel) {
      throw new IllegalArgumentException(codecName + " levels are " + minLevel + " to " + maxLevel
          + (this == XZ ? " (7 to 9 need dictionaries larger than readers accept, FORMAT.md section 5)" : "")
          + ", not " + level);
    }
    return level;
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

  /** A compressor for this codec at its {@linkplain #defaultLevel default level}. */
  public Compressor newCompressor() {
    return libraryCompressor(defaultLevel);
  }

  /** A compressor for this codec at {@code level} ({@link #checkLevel}). */
  public Compressor newCompressor(int level) {
    return libraryCompressor(checkLevel(level));
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
        throw new DamagedPayloadException(codecName + ": " + e.getMessage(), e.getCause());
      } catch (IOException | RuntimeException e) {
        throw new DamagedPayloadException(codecName + ": " + e, e);
      }
    };
  }

  abstract Compressor libraryCompressor(int level);

  /** The library's decoder; {@link #newDecompressor()} types whatever it throws. */
  abstract Decompressor libraryDecompressor();

  /**
   * The most memory (KiB) an xz payload of {@code rawSize} bytes may ask for: a dictionary larger
   * than the output it produces is never needed, so a stream declaring one more than max(8 MiB, raw
   * size) (8 MiB: the dictionary of xz's default preset 6) is damage, never an allocation.
   */
  static int xzMemoryLimitKib(int rawSize) {
    return (Math.max(8 << 20, rawSize) >> 10) + 1024;
  }

  private static void expectRaw(long produced, int rawSize) throws DamagedPayloadException {
    if (produced != rawSize) {
      throw new DamagedPayloadException(
          "decompressed to " + produced + " bytes, header says " + rawSize, null);
    }
  }

  /**
   * Reads exactly {@code rawSize} bytes from one compressed stream that must also end there, and
   * must consume all of {@code source}: a second stream after the first is damage.
   */
  private static void readOneStream(
      InputStream in, ByteArrayInputStream source, byte[] dst, int rawSize) throws IOException {
    try (in) {
      int n = 0;
      while (n < rawSize) {
        int r = in.read(dst, n, rawSize - n);
        if (r < 0) {
          throw new DamagedPayloadException(
              "decompressed to " + n + " bytes, header says " + rawSize, null);
        }
        n += r;
      }
      if (in.read() >= 0) {
        throw new DamagedPayloadException(
            "decompresses to more than the " + rawSize + " bytes the header says", null);
      }
      if (source.available() > 0) {
        throw new DamagedPayloadException(
            source.available() + " bytes follow the end of the compressed stream", null);
      }
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
    private final Deflater deflater;

    DeflateCompressor(int level) {
      this.deflater = new Deflater(level, true);
    }

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
    private final byte[] probe = new byte[1];

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
        // Room is exhausted: the stream must end here, with no more output.
        if (!inflater.finished() && n == rawSize && inflater.inflate(probe) > 0) {
          throw new DamagedPayloadException(
              "decompresses to more than the " + rawSize + " bytes the header says", null);
        }
      } catch (DataFormatException e) {
        throw new DamagedPayloadException(e.getMessage(), e);
      }
      if (!inflater.finished() || n != rawSize || inflater.getRemaining() != 0) {
        throw new DamagedPayloadException("stream of " + len + " bytes decompressed to " + n
            + " bytes (header says " + rawSize + (inflater.finished() ? ")" : ", stream incomplete)"), null);
      }
    }
  }
}
