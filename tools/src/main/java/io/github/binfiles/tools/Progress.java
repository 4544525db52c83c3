package io.github.binfiles.tools;

import java.io.PrintWriter;

/**
 * A progress display for long local commands: on a terminal one bar redrawn in place (bytes done of
 * the total, rate, time left), otherwise a plain line every two seconds, for logs.
 */
final class Progress {
  private final PrintWriter err;
  private final String what;
  private final long total;
  private final boolean terminal = System.console() != null;
  private final long start = System.nanoTime();
  /** When the last plain line was printed: the first comes two seconds in, so short commands print none. */
  private long lastLine = start;

  Progress(PrintWriter err, String what, long totalBytes) {
    this.err = err;
    this.what = what;
    this.total = totalBytes;
  }

  void update(long bytes, long records) {
    long now = System.nanoTime();
    if (!terminal && now - lastLine < 2_000_000_000L) {
      return;
    }
    lastLine = now;
    err.print(line(bytes, records, (now - start) / 1e9) + (terminal ? "\r" : System.lineSeparator()));
    err.flush();
  }

  void done(long bytes, long records) {
    if (terminal) {
      err.print(line(bytes, records, (System.nanoTime() - start) / 1e9) + System.lineSeparator());
      err.flush();
    }
  }

  private String line(long bytes, long records, double seconds) {
    double f = total <= 0 ? 1 : Math.min(1.0, (double) bytes / total);
    int width = 30;
    int filled = (int) (f * width);
    double rate = seconds > 0 ? bytes / seconds : 0;
    String eta = rate > 0 && f < 1 ? String.format("ETA %.0f s", (total - bytes) / rate) : "";
    return String.format("  %s [%s%s] %3.0f%%  %s of %s  %,d records  %s  %s", what, "#".repeat(filled),
        " ".repeat(width - filled), 100 * f, Units.bytes(bytes), Units.bytes(total), records,
        Units.rate(bytes, seconds), eta);
  }
}
