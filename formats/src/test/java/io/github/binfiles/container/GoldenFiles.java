package io.github.binfiles.container;

import io.github.binfiles.codec.Codec;
import io.github.binfiles.testing.ContainerTestFiles;
import io.github.binfiles.testing.TestRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the golden container files in {@code testdata/}. Run once per format version; the files are
 * committed and every later version must read them ({@link GoldenFilesTest}). Regenerating them is a
 * format change: do not do it to make a test pass.
 *
 * <pre>./mvnw -pl formats test-compile exec:java -Dexec.classpathScope=test
 *   -Dexec.mainClass=io.github.binfiles.container.GoldenFiles -Dexec.args=testdata</pre>
 * (run from the repository root; {@code exec:java} runs in Maven's own working directory)
 */
public final class GoldenFiles {
  static final int RECORDS = 100;
  static final int MAX_LENGTH = 60;
  static final int BLOCK_BYTES = 600;

  public static List<byte[]> records() {
    return ContainerTestFiles.varied(RECORDS, MAX_LENGTH);
  }

  public static List<byte[]> fixedRecords() {
    return TestRecords.records(RECORDS, 24);
  }

  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : "testdata");
    Files.createDirectories(dir);
    for (Codec codec : Codec.values()) {
      ContainerTestFiles.write(
          dir.resolve("container-v1-" + codec.codecName() + ".bfc"),
          ContainerOptions.defaults()
              .withCodec(codec)
              .withTargetBlockBytes(BLOCK_BYTES)
              .withMetadata("golden", "v1 " + codec.codecName()),
          records());
    }
    ContainerTestFiles.write(
        dir.resolve("container-v1-fixed24-none.bfc"),
        ContainerOptions.defaults().withTargetBlockBytes(BLOCK_BYTES).withFixedRecordLength(24),
        fixedRecords());
    byte[] zstd = Files.readAllBytes(dir.resolve("container-v1-zstd.bfc"));
    Files.write(dir.resolve("container-v1-truncated.bfc"), Arrays.copyOf(zstd, zstd.length * 2 / 3));
    byte[] damaged = Files.readAllBytes(dir.resolve("container-v1-none.bfc"));
    damaged[damaged.length / 3] ^= 0x01;
    Files.write(dir.resolve("container-v1-damaged.bfc"), damaged);
    byte[] fixedFile = new byte[16 + RECORDS * 24 + 8];
    Arrays.fill(fixedFile, 0, 16, (byte) 'H');
    for (int i = 0; i < RECORDS; i++) {
      System.arraycopy(fixedRecords().get(i), 0, fixedFile, 16 + i * 24, 24);
    }
    Arrays.fill(fixedFile, 16 + RECORDS * 24, fixedFile.length, (byte) 'T');
    Files.write(dir.resolve("fixed-24-header16-trailer8.bin"), fixedFile);
  }
}
