package io.github.binfiles.tools;

/** Human-readable byte counts and rates for the CLI's output. */
final class Units {
  private Units() {}

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format("%.1f %s", v, units[u]);
  }

  static String rate(long bytes, double seconds) {
    return seconds <= 0 ? "-" : bytes((long) (bytes / seconds)) + "/s";
  }
}
