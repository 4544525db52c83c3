package io.github.binfiles.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Brings every file of a comparison to one page-cache state before any reader is timed, so that a
 * reader is not measured partly by the writer of its file. On this machine (Linux 6.18, ext4; the
 * page cache's folios presumably follow the size of the writes that filled it) how fast a cached
 * file reads depends on how it was written: the same 256 MB read through a 1 MiB direct buffer at
 * 6.7 GB/s after 8 KiB writes, 13 GB/s after 64 KiB writes and 16 GB/s after 1 MiB writes, and the
 * comparison's own files, written by Beam's AvroIO and TFRecordIO and by binfiles' sinks, read at
 * 4.6 to 21 GB/s in the runs of 2026-12-06 (20 to 28 after settling). Each file is copied in 1 MiB
 * writes and the copy renamed over it; its raw read speed before and after is printed. A Dataflow
 * worker reads from Cloud Storage, not from a page cache: the state of this machine's page cache is
 * not something a reader should be credited or blamed for.
 */
final class PageCacheSettling {
  private static final int CHUNK = 1 << 20;

  private PageCacheSettling() {}

  /** Settles every regular file of {@code dir} (scratch files of write forks apart). */
  static void settleAll(Path dir, PrintStream out) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("forked-write-"))
          .filter(p -> !p.getFileName().toString().endsWith(".settling"))
          .sorted()
          .forEach(files::add);
    }
    out.println("page cache settled (each file rewritten in 1 MiB writes; raw read through a 1 MiB direct"
        + " buffer, median of 3, before -> after):");
    for (Path f : files) {
      double before = rawReadGbPerSecond(f);
      settle(f);
      double after = rawReadGbPerSecond(f);
      out.printf("  %-22s %6.2f -> %6.2f GB/s%n", f.getFileName(), before, after);
    }
  }

  /**
   * Rewrites {@code file} in 1 MiB writes: a copy, renamed over the original (not {@code
   * Files.copy}, whose write size is the JDK's to choose).
   */
  static void settle(Path file) throws IOException {
    Path copy = file.resolveSibling(file.getFileName() + ".settling");
    ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
    try (FileChannel in = FileChannel.open(file);
        FileChannel outChannel = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (true) {
        buffer.clear();
        while (buffer.hasRemaining() && in.read(buffer) >= 0) {
          // fill the whole chunk: one write per MiB
        }
        if (buffer.position() == 0) {
          break;
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
          outChannel.write(buffer);
        }
      }
      if (outChannel.size() != in.size()) {
        throw new IOException("settling " + file + ": copied " + outChannel.size() + " of " + in.size() + " bytes");
      }
    }
    Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The median of three whole reads of {@code file} through a 1 MiB direct buffer, in GB/s. */
  static double rawReadGbPerSecond(Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
    double[] rates = new double[3];
    for (int i = 0; i < rates.length; i++) {
      long start = System.nanoTime();
      long bytes = ReadComparison.readRaw(file, buffer);
      rates[i] = bytes / ((System.nanoTime() - start) / 1e9) / 1e9;
    }
    return ReadComparison.median(rates);
  }
}
