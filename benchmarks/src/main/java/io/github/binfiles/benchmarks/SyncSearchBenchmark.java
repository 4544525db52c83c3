package io.github.binfiles.benchmarks;

import io.github.binfiles.io.PositionedInput;
import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * Sync-marker search: how fast a reader that starts mid-file (or resyncs after damage) scans for
 * the 16-byte marker. The marker sits at the end of a 16 MiB buffer of random bytes. Score: scans
 * per second (x 16 MiB = MB/s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SyncSearchBenchmark {
  @Param({"16777216"})
  public int bytes;

  private byte[] data;
  private byte[] marker;

  @Setup
  public void setUp() {
    Random r = new Random(7);
    data = new byte[bytes];
    r.nextBytes(data);
    marker = new byte[16];
    r.nextBytes(marker);
    System.arraycopy(marker, 0, data, bytes - 16, 16);
  }

  @Benchmark
  public long findMarker() throws Exception {
    PositionedInput in = new PositionedInput(Channels.newChannel(new ByteArrayInputStream(data)), 0, 1 << 20);
    return in.indexOf(marker, Long.MAX_VALUE);
  }
}
