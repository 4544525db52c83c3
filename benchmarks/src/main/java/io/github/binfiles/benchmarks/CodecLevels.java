package io.github.binfiles.benchmarks;

import io.github.binfiles.codec.Codec;
import io.github.binfiles.codec.Compressor;
import io.github.binfiles.io.OutputBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Speed and ratio of each codec level on the harness's data, as a container writer compresses it:
 * 1 MiB blocks of the 64-byte logical records of ReadComparison's {@code fixed.bin}, one thread,
 * each level's blocks compressed {@code runs} times (median pass). What chose zstd's default. With a
 * file name it compresses that file of DIR instead: {@code avro-null.avro} (the same records as
 * Avro writes them) is how deflate's speed was found to depend on the bytes, not on the writer.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.binfiles.benchmarks.CodecLevels DIR [runs] [block bytes] [file]</pre>
 */
public final class CodecLevels {
  private CodecLevels() {}

  public static void main(String[] args) throws Exception {
    Path file = Paths.get(args[0]).resolve(args.length > 3 ? args[3] : "fixed.bin");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    byte[] data = Files.readAllBytes(file);
    int block = args.length > 2 ? Integer.parseInt(args[2]) : 1 << 20;
    System.out.printf("%s: %,d bytes in blocks of %,d bytes, median of %d passes%n", file, data.length, block, runs);
    System.out.println("| codec | level | MB/s (raw) | ratio (raw / stored) |");
    System.out.println("|---|---|---|---|");
    int[][] levels = {{Codec.ZSTD.id(), 1}, {Codec.ZSTD.id(), 2}, {Codec.ZSTD.id(), 3}, {Codec.ZSTD.id(), 6},
        {Codec.ZSTD.id(), 9}, {Codec.DEFLATE.id(), 1}, {Codec.DEFLATE.id(), 3}, {Codec.DEFLATE.id(), 4}, {Codec.DEFLATE.id(), 6},
        {Codec.XZ.id(), 1}};
    OutputBuffer out = new OutputBuffer(block + (block >> 2));
    for (int[] l : levels) {
      Codec codec = Codec.byId(l[0]);
      Compressor c = codec.newCompressor(l[1]);
      double[] seconds = new double[runs];
      long stored = 0;
      for (int r = -1; r < runs; r++) { // one warm-up pass
        stored = 0;
        long start = System.nanoTime();
        for (int at = 0; at < data.length; at += block) {
          out.reset();
          c.compress(data, at, Math.min(block, data.length - at), out);
          stored += out.size();
        }
        if (r >= 0) {
          seconds[r] = (System.nanoTime() - start) / 1e9;
        }
      }
      Arrays.sort(seconds);
      System.out.printf("| %s | %d | %.0f | %.2f |%n", codec.codecName(), l[1], data.length / 1e6 / seconds[runs / 2],
          (double) data.length / stored);
    }
  }
}
