package io.github.binfiles.benchmarks;

import io.github.binfiles.codec.Codec;
import io.github.binfiles.codec.Decompressor;
import io.github.binfiles.io.OutputBuffer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.compressors.deflate.DeflateCompressorInputStream;
import org.apache.commons.compress.compressors.deflate.DeflateParameters;
import org.apache.commons.compress.compressors.lz4.BlockLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.snappy.SnappyCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Why the container uses zstd-jni, lz4-java and snappy-java directly: decompressing the same 1 MiB
 * block with the library binfiles uses, and with commons-compress's implementation of the same
 * format. Score: blocks per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecLibraryBenchmark {
  @Param({"deflate", "zstd", "lz4", "snappy"})
  public String codec;

  private byte[] stored;
  private int storedLength;
  private final byte[] raw = new byte[BlockDecodeBenchmark.BLOCK];
  private Decompressor binfiles;

  @Setup
  public void setUp() throws Exception {
    byte[] block = BlockDecodeBenchmark.rawBlock();
    OutputBuffer out = new OutputBuffer(block.length);
    Codec.byName(codec).newCompressor().compress(block, 0, block.length, out);
    stored = out.array();
    storedLength = out.size();
    binfiles = Codec.byName(codec).newDecompressor();
  }

  @Benchmark
  public int binfilesLibrary() throws Exception {
    binfiles.decompress(stored, 0, storedLength, raw, raw.length);
    return raw[raw.length - 1];
  }

  @Benchmark
  public int commonsCompress() throws Exception {
    ByteArrayInputStream in = new ByteArrayInputStream(stored, 0, storedLength);
    try (InputStream s = open(in)) {
      int n = 0;
      while (n < raw.length) {
        int r = s.read(raw, n, raw.length - n);
        if (r < 0) {
          throw new IllegalStateException("short block");
        }
        n += r;
      }
    }
    return raw[raw.length - 1];
  }

  private InputStream open(ByteArrayInputStream in) throws Exception {
    switch (codec) {
      case "deflate":
        DeflateParameters p = new DeflateParameters();
        p.setWithZlibHeader(false);
        return new DeflateCompressorInputStream(in, p);
      case "zstd":
        return new ZstdCompressorInputStream(in);
      case "lz4":
        return new BlockLZ4CompressorInputStream(in);
      default:
        return new SnappyCompressorInputStream(in);
    }
  }
}
