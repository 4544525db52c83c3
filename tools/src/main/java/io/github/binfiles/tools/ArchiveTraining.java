package io.github.binfiles.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The run the launcher ({@code binfiles}) writes its class-data archive from: the local commands
 * (generate, convert, cat, inspect, verify) on a few small files of each kind of format, in a
 * directory it deletes. An archive holds the classes of the run that wrote it; written from the
 * user's first command instead (a {@code --version}, say), it held a third of what a {@code convert}
 * loads, and start-up kept 0.07 s it need not pay.
 */
final class ArchiveTraining {
  private ArchiveTraining() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("binfiles-archive-training");
    try {
      String d = dir.toString();
      run("generate", "--format", "fixed", "--record-length", "64", "--records", "2000", "--shards", "1", d + "/f");
      String fixed = d + "/f-00000-of-00001.bin";
      run("convert", "--from", "fixed", "--record-length", "64", "--to", "container", "--codec", "zstd", fixed, d + "/c");
      run("convert", "--from", "fixed", "--record-length", "64", "--to", "tfrecord", fixed, d + "/t");
      run("convert", "--from", "fixed", "--record-length", "64", "--to", "variable", fixed, d + "/v");
      run("cat", d + "/c-00000-of-00001.bfc");
      run("cat", d + "/t-00000-of-00001.tfrecord");
      run("inspect", d + "/c-00000-of-00001.bfc");
      run("verify", d + "/c-00000-of-00001.bfc");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }

  /** Runs one command; a failure fails the training (and so the archive), with the command's output. */
  private static void run(String... args) {
    StringWriter out = new StringWriter();
    int code = BinfilesCli.run(args, new PrintWriter(out), new PrintWriter(out));
    if (code != 0) {
      throw new IllegalStateException("binfiles " + String.join(" ", args) + " exited " + code + ":\n" + out);
    }
  }
}
