package io.github.binfiles.benchmarks;

import io.github.binfiles.Formats;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.container.ContainerFraming;
import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.framing.Framing;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.RecordDecoder;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.extensions.avro.io.AvroSource;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.TextSource;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;

/**
 * One reader's loop in a JVM where every other reader of {@link ReadComparison} has run first, as
 * in the full harness: the JIT then sees several classes at the adapter's call sites. Reads each of
 * the harness's files (fixed, containers, Avro null, text) once, then the TFRecord file {@code
 * passes} times, and prints the TFRecord records per second. For counting instructions and cycles
 * per record with {@code perf stat}, run it twice with different pass counts and divide the
 * difference by the extra records:
 *
 * <pre>
 * for n in 30 130; do perf stat -x, -e instructions:u,cycles:u -o stat-$n.txt \
 *   java -Xms6g -Xmx6g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar \
 *   io.github.binfiles.benchmarks.MixedJvmLoop DIR $n; done</pre>
 *
 * <p>{@code DIR} holds the files of a {@code ReadComparison --dir DIR} run.
 */
public final class MixedJvmLoop {
  static {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // before Beam logs
  }

  private static final PipelineOptions OPTIONS = PipelineOptionsFactory.create();

  private MixedJvmLoop() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: MixedJvmLoop DIR PASSES   (DIR: the files of a ReadComparison --dir DIR run)");
      System.exit(2);
    }
    int passes = Integer.parseInt(args[1]);
    long[] start = new long[1];
    long records = run(Paths.get(args[0]), passes, start);
    double seconds = (System.nanoTime() - start[0]) / 1e9;
    System.out.printf("TFRecord after every other reader: %d passes, %,d records, %.2f M records/s%n",
        passes, records, records / 1e6 / seconds);
  }

  /**
   * Reads every other file once, then the TFRecord file {@code passes} times; returns the TFRecord
   * records read, and sets {@code startNanos[0]} when the TFRecord loop begins.
   */
  static long run(Path dir, int passes, long[] startNanos) throws Exception {
    List<BoundedSource<?>> others = new ArrayList<>();
    others.add(framed(dir.resolve("fixed.bin"), FixedRecordFraming.of(64, 0, 0)));
    for (String codec : new String[] {"none", "zstd", "lz4", "deflate"}) {
      others.add(framed(dir.resolve("container-" + codec + ".bfc"), ContainerFraming.defaults()));
    }
    others.add(whole(AvroSource.from(dir.resolve("avro-null.avro").toString()).withSchema(LogicalRecords.SCHEMA)));
    others.add(whole(new TextSource(StaticValueProvider.of(dir.resolve("data.txt").toString()),
        EmptyMatchTreatment.DISALLOW, null)));
    BoundedSource<?> tfRecord = framed(dir.resolve("data.tfrecord"), Formats.tfRecord().framing());
    for (BoundedSource<?> s : others) {
      read(s);
    }
    startNanos[0] = System.nanoTime();
    long records = 0;
    for (int i = 0; i < passes; i++) {
      records += read(tfRecord);
    }
    return records;
  }

  private static BoundedSource<byte[]> framed(Path file, Framing framing) throws Exception {
    return whole(FramedSource.of(StaticValueProvider.of(file.toString()), EmptyMatchTreatment.DISALLOW, framing,
        Compression.UNCOMPRESSED, ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of()),
        CorruptionPolicy.FAIL));
  }

  private static <T> BoundedSource<T> whole(BoundedSource<T> source) throws Exception {
    return ReadComparison.wholeFile("MixedJvmLoop", source, OPTIONS);
  }

  private static long read(BoundedSource<?> source) throws Exception {
    return ReadComparison.readAll("MixedJvmLoop", source, OPTIONS);
  }
}
