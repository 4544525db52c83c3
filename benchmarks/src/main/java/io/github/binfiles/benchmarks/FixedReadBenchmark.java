package io.github.binfiles.benchmarks;

import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.ElementFactory;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The fixed-record hot path: framing plus decode, through the Beam reader exactly as a worker runs
 * it, over a 64 MiB file in page cache. Score: records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FixedReadBenchmark {
  private static final long FILE_BYTES = 64L << 20;

  @Param({"64", "4096"})
  public int recordSize;

  @Param({"bytes", "userType"})
  public String decode;

  private Path file;
  private BoundedSource<?> source;
  private final PipelineOptions options = PipelineOptionsFactory.create();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    file = Files.createTempFile("fixed-bench", ".bin");
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (long i = 0; i < FILE_BYTES / recordSize; i++) {
        out.write(LogicalRecords.binary(i, recordSize));
      }
    }
    source = FramedSource.ofFile(FileSystems.matchSingleFileSpec(file.toString()),
        FixedRecordFraming.of(recordSize, 0, 0), elements(), CorruptionPolicy.FAIL);
  }

  private ElementFactory<?> elements() {
    return decode.equals("bytes")
        ? ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of())
        : ElementFactories.decoded(new SampleDecoder(), SampleDecoder.CODER);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    Files.deleteIfExists(file);
  }

  /** Reads the whole file; JMH's score is files per second, times records per file below. */
  @Benchmark
  public long readFile(Blackhole bh) throws Exception {
    long n = 0;
    try (BoundedSource.BoundedReader<?> reader = source.createReader(options)) {
      for (boolean more = reader.start(); more; more = reader.advance()) {
        bh.consume(reader.getCurrent());
        n++;
      }
    }
    return n;
  }
}
