package io.github.binfiles.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The harness that measures what a worker does: each reader in its own fresh JVM (one format per
 * JVM, as a Dataflow worker reading one format), forks alternating between a reader and its
 * baseline (A B A B ...), and the ratio taken within each adjacent pair, so the VM's drift over
 * minutes hits both sides of every ratio; the median and the spread of the ratios are printed.
 * The files are {@link ReadComparison}'s (written once, reused).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.binfiles.benchmarks.ForkedComparison
 *     [--records 4000000] [--pairs 7] [--warmup 3] [--passes 5] [--dir DIR] [--heap 3g]
 *     [--pair "fixed -> byte[]=avro-null" ...] [--settle no]
 *     [--jar-a A.jar --jar-b B.jar --reader "fixed -> byte[]"]   # A/B: one reader, two builds</pre>
 *
 * Before the first fork every file is brought to one page-cache state ({@link PageCacheSettling}:
 * on this machine a cached file reads up to 2.4x faster or slower depending on how it was written);
 * {@code --settle no} skips that.
 *
 * <p>Each fork reads its file {@code warmup} times, then {@code passes} times timed, and reports the
 * median pass. Readers: the rows of ReadComparison's table, and {@code copy ceiling} (each 64-byte
 * record copied out of the page cache into a new array with Beam's per-record claim: the floor of
 * any {@code byte[]} reader) with its parts for a per-record breakdown: {@code read only} (the
 * same loop touching each record's last byte), {@code claim only} (and claiming each), {@code copy
 * only} (and copying each into a new array, no claim); {@code tfrecord floor} is the copy ceiling
 * over TFRecord's framing with both checksums checked; {@code fixed units} and {@code fixed units +
 * claim} drive binfiles' fixed-record framing without Beam's reader. A name {@code write W} is writer W of the
 * write table (fixed, container CODEC, avro-CODEC, tfrecord, tfrecord (binfiles)) writing every
 * record to a scratch file, its inputs made before the clock starts:
 * {@code --pair "write container zstd=write avro-zstd"}.
 */
public final class ForkedComparison {
  private ForkedComparison() {}

  /** The pairs measured when none is given: binfiles' readers against their baselines. */
  static final String[] DEFAULT_PAIRS = {
    "fixed -> byte[]=avro-null", "container none=avro-null", "container none (SDF)=avro-null",
    "container zstd=avro-zstd", "container deflate=avro-deflate", "tfrecord (binfiles)=avro-null",
    "fixed -> byte[]=copy ceiling", "fixed 4 KiB -> byte[]=raw FileChannel 4 KiB"};

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--worker")) {
      worker(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--pair")) {
        pairs.add(args[i + 1]);
      }
    }
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--pair")) {
        i++;
      } else {
        rest.add(args[i]);
      }
    }
    Map<String, String> a = ReadComparison.parse(rest.toArray(new String[0]));
    long records = Long.parseLong(a.getOrDefault("records", "4000000"));
    int n = Integer.parseInt(a.getOrDefault("pairs", "7"));
    Path dir = a.containsKey("dir") ? Paths.get(a.get("dir")) : Files.createTempDirectory("binfiles-forked-");
    String heap = a.getOrDefault("heap", "3g");
    String warmup = a.getOrDefault("warmup", "3");
    String passes = a.getOrDefault("passes", "5");
    String thisJar = Paths.get(ForkedComparison.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();

    ReadComparison files = new ReadComparison(records, 1, 0, dir, System.out);
    files.reuse = true;
    Files.createDirectories(dir);
    files.writeAll();
    if (!"no".equals(a.get("settle"))) {
      PageCacheSettling.settleAll(dir, System.out);
    }
    System.out.printf("forked comparison: %,d records of 64 bytes, %d pairs of forks (A B A B ...), each fork %s"
        + " warm-up and %s timed passes (median), -Xmx%s, %s; files in %s%n", records, n, warmup, passes, heap,
        Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"), dir);

    if (a.containsKey("jar-a")) {
      String reader = a.get("reader");
      measure(reader + " (A: " + a.get("jar-a") + ")", reader, a.get("jar-a"),
          reader + " (B: " + a.get("jar-b") + ")", reader, a.get("jar-b"), n, records, dir, heap, warmup, passes);
      return;
    }
    if (pairs.isEmpty()) {
      pairs.addAll(Arrays.asList(DEFAULT_PAIRS));
    }
    System.out.printf("| %-30s | %-24s | %14s | %15s | %13s | %13s |%n", "reader (A)", "baseline (B)", "median A / B",
        "min - max", "A M rec/s", "B M rec/s");
    System.out.println("|--------------------------------|--------------------------|----------------|-----------------|---------------|---------------|");
    for (String pair : pairs) {
      String[] ab = pair.split("=", 2);
      measure(ab[0], ab[0], thisJar, ab[1], ab[1], thisJar, n, records, dir, heap, warmup, passes);
    }
  }

  private static void measure(String labelA, String readerA, String jarA, String labelB, String readerB, String jarB,
      int n, long records, Path dir, String heap, String warmup, String passes) throws Exception {
    double[] ratios = new double[n];
    double[] ratesA = new double[n];
    double[] ratesB = new double[n];
    for (int i = 0; i < n; i++) {
      ratesA[i] = fork(jarA, readerA, records, dir, heap, warmup, passes);
      ratesB[i] = fork(jarB, readerB, records, dir, heap, warmup, passes);
      ratios[i] = ratesA[i] / ratesB[i];
    }
    double[] sorted = ratios.clone();
    Arrays.sort(sorted);
    System.out.printf("| %-30s | %-24s | %13.2fx | %6.2f - %6.2f | %13.2f | %13.2f |%n", labelA, labelB,
        ReadComparison.median(ratios), sorted[0], sorted[n - 1], ReadComparison.median(ratesA) / 1e6,
        ReadComparison.median(ratesB) / 1e6);
    System.out.flush();
  }

  /** Runs one reader in a fresh JVM; returns its median records per second. */
  private static double fork(String jar, String reader, long records, Path dir, String heap, String warmup,
      String passes) throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", jar, ForkedComparison.class.getName(), "--worker",
        "--reader", reader, "--records", String.valueOf(records), "--dir", dir.toString(), "--warmup", warmup,
        "--passes", passes);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String result = null;
    StringBuilder all = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        all.append(line).append('\n');
        if (line.startsWith("result ")) {
          result = line;
        }
      }
    }
    if (p.waitFor() != 0 || result == null) {
      throw new IllegalStateException("fork of " + reader + " failed:\n" + all);
    }
    String[] f = result.split(" ");
    return Long.parseLong(f[1]) / Double.parseDouble(f[2]);
  }

  /** A fork: warm-up passes, then timed passes; prints "result RECORDS MEDIAN_SECONDS". */
  private static void worker(String[] args) throws Exception {
    Map<String, String> a = ReadComparison.parse(args);
    String reader = a.get("reader");
    ReadComparison c = new ReadComparison(Long.parseLong(a.get("records")), 1, 0, Paths.get(a.get("dir")), System.out);
    c.reuse = true;
    c.only = reader;
    // Files matched, sources built and a writer's inputs made before any timing.
    ReadComparison.Run run = reader.startsWith("write ") ? c.writer(reader.substring("write ".length())) : c.reader(reader);
    for (int w = 0; w < Integer.parseInt(a.get("warmup")); w++) {
      run.once();
    }
    double[] times = new double[Integer.parseInt(a.get("passes"))];
    long n = 0;
    for (int i = 0; i < times.length; i++) {
      System.gc();
      long start = System.nanoTime();
      n = run.once();
      times[i] = (System.nanoTime() - start) / 1e9;
    }
    System.out.println("result " + n + " " + ReadComparison.median(times));
  }
}
