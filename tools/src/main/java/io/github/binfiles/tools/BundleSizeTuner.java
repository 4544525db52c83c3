package io.github.binfiles.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.github.binfiles.beam.FileRanges;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.Framing;
import io.github.binfiles.framing.UnitReader;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Measures what a bundle size costs for given files: how many splits it makes, what starting one
 * bundle costs (open, seek, find the first record or block: its time, and the bytes passed over
 * before the first unit the split owns), and the read throughput of N parallel readers working
 * through those splits exactly as workers do (BoundedReader loops, no runner).
 */
final class BundleSizeTuner {
  /** One candidate's measurements. */
  static final class Result {
    long bundleBytes;
    int splits;
    double startMillis;
    /** Bytes between a split's start and its first unit: mean and largest over the splits. */
    double meanScanBytes;
    long maxScanBytes;
    double seconds;
    long records;
    long bytes;

    double mbPerSecond() {
      return bytes / 1e6 / seconds;
    }
  }

  private final PipelineOptions options = PipelineOptionsFactory.create();
  private final int parallelism;
  private final Framing framing;

  /** @param framing the files' framing, to measure how far each split searches for its first unit */
  BundleSizeTuner(int parallelism, Framing framing) {
    this.parallelism = parallelism;
    this.framing = framing;
  }

  /** Splits each of {@code sources} into bundles of {@code bundleBytes} and reads them all in parallel. */
  <T> Result measure(List<? extends BoundedSource<T>> sources, long bundleBytes, long totalBytes) throws Exception {
    List<BoundedSource<T>> splits = new ArrayList<>();
    for (BoundedSource<T> source : sources) {
      splits.addAll(source.split(bundleBytes, options));
    }
    Result r = new Result();
    r.bundleBytes = bundleBytes;
    r.splits = splits.size();
    r.bytes = totalBytes;
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      long start = System.nanoTime();
      List<Future<long[]>> done = new ArrayList<>();
      for (BoundedSource<T> split : splits) {
        done.add(pool.submit(() -> readAll(split)));
      }
      long startNanos = 0;
      for (Future<long[]> f : done) {
        long[] x = f.get();
        r.records += x[0];
        startNanos += x[1];
      }
      r.seconds = (System.nanoTime() - start) / 1e9;
      r.startMillis = startNanos / 1e6 / Math.max(1, splits.size());
      long scanned = 0;
      for (BoundedSource<T> split : splits) { // off the clock
        long b = scannedBytes(split);
        scanned += b;
        r.maxScanBytes = Math.max(r.maxScanBytes, b);
      }
      r.meanScanBytes = (double) scanned / Math.max(1, splits.size());
    } finally {
      pool.shutdownNow();
    }
    return r;
  }

  /** Reads a split; returns {records, nanoseconds to open and reach the first record}. */
  private <T> long[] readAll(BoundedSource<T> split) throws Exception {
    long t0 = System.nanoTime();
    try (BoundedSource.BoundedReader<T> reader = split.createReader(options)) {
      boolean more = reader.start();
      long startNanos = System.nanoTime() - t0;
      long n = 0;
      while (more) {
        n++;
        more = reader.advance();
      }
      return new long[] {n, startNanos};
    }
  }

  /**
   * How many bytes the framing passes over from the split's start to the first unit it owns (its
   * resync search for formats without markers at fixed places); 0 for compressed files, which the
   * split at 0 reads whole. Measured by the framing, since Beam's range tracker moves its start to
   * the first record it is given and so cannot tell.
   */
  private long scannedBytes(BoundedSource<?> split) throws IOException {
    if (!(split instanceof FramedSource)) {
      return 0;
    }
    FramedSource<?> s = (FramedSource<?>) split;
    Metadata m = s.getSingleFileMetadata();
    try (SeekableByteChannel ch = (SeekableByteChannel) FileSystems.open(m.resourceId())) {
      String file = m.resourceId().toString();
      ch.position(s.getStartOffset());
      FileRange range = FileRanges.open(file, m.sizeBytes(), s.getStartOffset(), s.getEndOffset(),
          framing.splittable(), ch, s.fileCompression(), false);
      if (range == null || range.decompressed()) {
        return 0;
      }
      UnitReader units = framing.open(range);
      return units.next() == UnitReader.Unit.END
          ? Math.min(s.getEndOffset(), m.sizeBytes()) - s.getStartOffset()
          : units.claimOffset() - s.getStartOffset();
    }
  }

  /**
   * The recommendation: among sizes within 10% of the best throughput, the smallest, since smaller
   * bundles let the runner rebalance work; but never one whose start cost exceeds 1% of its read.
   */
  static Result recommend(List<Result> results) {
    double best = 0;
    for (Result r : results) {
      best = Math.max(best, r.mbPerSecond());
    }
    Result pick = null;
    for (Result r : results) {
      double perBundleSeconds = r.seconds * Math.min(r.splits, 1) / Math.max(1, r.splits);
      boolean cheapStart = r.startMillis / 1e3 <= 0.01 * Math.max(perBundleSeconds, 1e-9) || r.splits == 1;
      if (r.mbPerSecond() >= 0.9 * best && cheapStart && (pick == null || r.bundleBytes < pick.bundleBytes)) {
        pick = r;
      }
    }
    if (pick == null) {
      for (Result r : results) {
        if (pick == null || r.mbPerSecond() > pick.mbPerSecond()) {
          pick = r;
        }
      }
    }
    return pick;
  }
}
