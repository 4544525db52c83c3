package io.github.binfiles.testing;

import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.container.ContainerFileWriter;
import io.github.binfiles.container.ContainerOptions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Writes small container files for tests. */
public final class ContainerTestFiles {
  private ContainerTestFiles() {}

  public static Path write(Path file, ContainerOptions options, List<byte[]> records)
      throws IOException {
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ContainerFileWriter<byte[]> w =
          new ContainerFileWriter<>(ch, options, RecordEncoder.bytes(), file.toString());
      for (byte[] r : records) {
        w.write(r);
      }
      w.finish();
    }
    return file;
  }

  /** Records of varying lengths 0..maxLength, deterministic. */
  public static List<byte[]> varied(int count, int maxLength) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(TestRecords.record(i, (i * 7919) % (maxLength + 1)));
    }
    return out;
  }
}
