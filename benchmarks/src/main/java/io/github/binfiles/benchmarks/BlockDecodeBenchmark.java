package io.github.binfiles.benchmarks;

import io.github.binfiles.codec.Codec;
import io.github.binfiles.codec.Decompressor;
import io.github.binfiles.io.OutputBuffer;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
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
 * Container block decode per codec: payload CRC32C plus decompression of one 1 MiB block of 64-byte
 * sample records, as the reader does for every block. Score: blocks per second (x 1 MiB = MB/s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BlockDecodeBenchmark {
  static final int BLOCK = 1 << 20;

  @Param({"none", "deflate", "zstd", "lz4", "snappy"})
  public String codec;

  private byte[] stored;
  private int storedLength;
  private byte[] raw;
  private Decompressor decompressor;
  private final CRC32C crc = new CRC32C();

  static byte[] rawBlock() {
    byte[] raw = new byte[BLOCK];
    for (int i = 0; i < BLOCK / 64; i++) {
      System.arraycopy(LogicalRecords.binary(i, 64), 0, raw, i * 64, 64);
    }
    return raw;
  }

  @Setup
  public void setUp() throws Exception {
    byte[] block = rawBlock();
    Codec c = Codec.byName(codec);
    OutputBuffer out = new OutputBuffer(BLOCK);
    c.newCompressor().compress(block, 0, block.length, out);
    stored = out.array();
    storedLength = out.size();
    raw = new byte[BLOCK];
    decompressor = c.newDecompressor();
  }

  @Benchmark
  public int decodeBlock() throws Exception {
    crc.reset();
    crc.update(stored, 0, storedLength);
    decompressor.decompress(stored, 0, storedLength, raw, BLOCK);
    return (int) crc.getValue() ^ raw[BLOCK - 1];
  }
}
