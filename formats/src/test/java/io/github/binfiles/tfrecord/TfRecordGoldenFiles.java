package io.github.binfiles.tfrecord;

import io.github.binfiles.testing.TestRecords;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TFRecordIO;

/**
 * Writes the golden TFRecord files in {@code testdata/} with Beam's own {@code TFRecordIO} sink (a
 * writer independent of ours). Run once; the files are committed and every later version must read
 * them ({@link TfRecordGoldenFilesTest}). Do not regenerate them to make a test pass.
 *
 * <pre>./mvnw -q -pl formats test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   -Dmdep.includeScope=test
 * java -cp formats/target/test-classes:formats/target/classes:$(cat /tmp/cp.txt) \
 *   io.github.binfiles.tfrecord.TfRecordGoldenFiles testdata</pre>
 */
public final class TfRecordGoldenFiles {
  static final int RECORDS = 40;

  /** Records of 0 to 50 bytes. */
  public static List<byte[]> records() {
    List<byte[]> out = new ArrayList<>();
    List<byte[]> base = TestRecords.records(RECORDS, 50);
    for (int i = 0; i < RECORDS; i++) {
      out.add(Arrays.copyOf(base.get(i), (i * 17) % 51));
    }
    return out;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : "testdata");
    Path intact = dir.resolve("tfrecord-v1.tfrecord");
    try (FileChannel ch = FileChannel.open(intact, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      FileIO.Sink<byte[]> sink = TFRecordIO.sink();
      sink.open(ch);
      for (byte[] r : records()) {
        sink.write(r);
      }
      sink.flush();
    }
    byte[] bytes = Files.readAllBytes(intact);
    Files.write(dir.resolve("tfrecord-v1-truncated.tfrecord"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
    byte[] damaged = bytes.clone();
    damaged[damaged.length / 3] ^= 0x01;
    Files.write(dir.resolve("tfrecord-v1-damaged.tfrecord"), damaged);
  }
}
