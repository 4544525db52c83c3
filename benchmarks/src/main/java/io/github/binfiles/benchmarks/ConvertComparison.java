package io.github.binfiles.benchmarks;

import io.github.binfiles.Formats;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.sample.SampleRecords;
import io.github.binfiles.sinks.WriteToBinaryFiles;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.tools.LocalConvert;
import io.github.binfiles.tools.WholeFile;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileIO;

/**
 * Issue 14's harness: the CLI's local engine ({@link LocalConvert}, what {@code binfiles convert}
 * runs without {@code --runner}) against the same reader and writer driven in a plain loop in one
 * thread, in one run. Input: one fixed-record file per core, of 64-byte sample records. Reports MB/s
 * of logical (uncompressed) data and the engine's share of "plain loop x files converted at once".
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.binfiles.benchmarks.ConvertComparison
 *     [--mb-per-file 256] [--runs 3] [--dir DIR]</pre>
 */
public final class ConvertComparison {
  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Map<String, String> a = ReadComparison.parse(args);
    long mb = Long.parseLong(a.getOrDefault("mb-per-file", "256"));
    int runs = Integer.parseInt(a.getOrDefault("runs", "3"));
    Path dir = a.containsKey("dir") ? Paths.get(a.get("dir")) : Files.createTempDirectory("binfiles-convert-");
    int cores = Runtime.getRuntime().availableProcessors();
    long perFile = mb * 1_000_000 / 64;
    Files.createDirectories(dir);
    for (int f = 0; f < cores; f++) {
      Path p = dir.resolve("in-" + f + ".bin");
      if (!Files.exists(p) || Files.size(p) != perFile * 64) {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(p), 1 << 20)) {
          for (long i = 0; i < perFile; i++) {
            out.write(SampleRecords.record(f * perFile + i, 64));
          }
        }
      }
    }
    long logical = cores * perFile * 64;
    System.out.printf("binfiles convert comparison: %d files of %,d MB (64-byte records), %d cores, %d runs (median)%n",
        cores, mb, cores, runs);
    System.out.println("| conversion | plain loop, 1 thread, 1 file MB/s | local engine, " + cores + " files MB/s | engine / (loop x " + cores + ") |");
    System.out.println("|---|---|---|---|");
    FileFormat fixed = Formats.fixed(64);
    for (Codec codec : new Codec[] {Codec.ZSTD, Codec.NONE}) {
      FileFormat container = Formats.container().withCodec(codec).withFixedRecordLength(64);
      String name = codec.codecName();
      double loop = median(runs, () -> plainLoop(dir.resolve("in-0.bin").toString(), fixed, dir.resolve("loop.bfc"), container));
      double engine = median(runs, () -> engine(dir + "/in-*.bin", fixed, dir.resolve("c-" + name).toString(), container));
      report("fixed -> container " + name, perFile * 64 / loop, logical / engine, cores);
      double back = median(runs, () -> plainLoop(dir.resolve("c-" + name + "-00000-of-0000" + cores + ".bfc").toString(),
          container, dir.resolve("loop.bin"), fixed));
      double backEngine = median(runs, () -> engine(dir + "/c-" + name + "-*.bfc", container, dir.resolve("f-" + name).toString(), fixed));
      report("container " + name + " -> fixed", perFile * 64 / back, logical / backEngine, cores);
    }
  }

  private interface Timed {
    double seconds() throws Exception;
  }

  private static double median(int runs, Timed t) throws Exception {
    t.seconds(); // warm-up
    double[] s = new double[runs];
    for (int i = 0; i < runs; i++) {
      System.gc();
      s[i] = t.seconds();
    }
    return ReadComparison.median(s);
  }

  private static void report(String name, double loopBytesPerSecond, double engineBytesPerSecond, int cores) {
    System.out.printf("| %s | %.0f | %.0f | %.0f%% |%n", name, loopBytesPerSecond / 1e6, engineBytesPerSecond / 1e6,
        100 * engineBytesPerSecond / (loopBytesPerSecond * cores));
  }

  /** The reader and the writer in a plain loop, one thread, one file. */
  private static double plainLoop(String in, FileFormat from, Path out, FileFormat to) throws Exception {
    long start = System.nanoTime();
    FileIO.Sink<byte[]> sink = WriteToBinaryFiles.of(to).sink();
    try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
        BoundedSource.BoundedReader<byte[]> reader = WholeFile.reader(in, from,
            ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL)) {
      sink.open(ch);
      for (boolean more = reader.start(); more; more = reader.advance()) {
        sink.write(reader.getCurrent());
      }
      sink.flush();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double engine(String pattern, FileFormat from, String prefix, FileFormat to) throws Exception {
    long start = System.nanoTime();
    new LocalConvert(from, to, CorruptionPolicy.FAIL).run(pattern, prefix, Runtime.getRuntime().availableProcessors(),
        new PrintWriter(java.io.OutputStream.nullOutputStream()));
    return (System.nanoTime() - start) / 1e9;
  }
}
