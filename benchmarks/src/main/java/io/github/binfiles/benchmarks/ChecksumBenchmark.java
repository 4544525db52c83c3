package io.github.binfiles.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
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

/** CRC32C over a block (the JDK's intrinsic), with CRC32 for reference. Score: blocks per second. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChecksumBenchmark {
  @Param({"65536", "1048576"})
  public int blockBytes;

  private byte[] block;
  private final CRC32C crc32c = new CRC32C();
  private final CRC32 crc32 = new CRC32();

  @Setup
  public void setUp() {
    block = new byte[blockBytes];
    new Random(1).nextBytes(block);
  }

  @Benchmark
  public long crc32c() {
    crc32c.reset();
    crc32c.update(block, 0, block.length);
    return crc32c.getValue();
  }

  @Benchmark
  public long crc32() {
    crc32.reset();
    crc32.update(block, 0, block.length);
    return crc32.getValue();
  }
}
