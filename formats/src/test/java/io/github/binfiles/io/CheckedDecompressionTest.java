package io.github.binfiles.io;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.io.Compression;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A compressed stream is served only once its checks passed: from memory when it fits the spool,
 * else decompressed a second time; a stream that fails gives no byte.
 */
public class CheckedDecompressionTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static byte[] data(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    for (int i = 0; i < n; i += 3) {
      b[i] = 'x'; // compressible, not trivially
    }
    return b;
  }

  private Path gzip(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return Files.write(tmp.newFile().toPath(), out.toByteArray());
  }

  private static byte[] readAll(CheckedDecompression in) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.allocate(4096);
    while (in.read(b) >= 0) {
      out.write(b.array(), 0, b.position());
      b.clear();
    }
    return out.toByteArray();
  }

  @Test
  public void streamsWithinAndBeyondTheSpoolReadTheSame() throws Exception {
    byte[] data = data(300_000);
    Path f = gzip(data);
    for (int spool : new int[] {1 << 20, 1024}) {
      try (FileChannel ch = FileChannel.open(f)) {
        CountingChannel counting = new CountingChannel(ch);
        CheckedDecompression in = new CheckedDecompression(f.toString(), Compression.GZIP, ch, counting, spool);
        assertArrayEquals("spool " + spool, data, readAll(in));
        if (spool == 1024) {
          assertEquals("the second pass reads the whole file", Files.size(f), counting.count());
        }
      }
    }
  }

  @Test
  public void aDamagedStreamGivesNoByteWithinOrBeyondTheSpool() throws Exception {
    byte[] data = data(300_000);
    byte[] gz = Files.readAllBytes(gzip(data));
    gz[gz.length - 6] ^= 0x01; // inside the CRC-32 trailer: every data byte decompresses right
    Path f = Files.write(tmp.newFile().toPath(), gz);
    for (int spool : new int[] {1 << 20, 1024}) {
      try (FileChannel ch = FileChannel.open(f)) {
        CheckedDecompression in = new CheckedDecompression(f.toString(), Compression.GZIP, ch, new CountingChannel(ch), spool);
        CheckedDecompression.StreamCheckFailed e = assertThrows(CheckedDecompression.StreamCheckFailed.class,
            () -> in.read(ByteBuffer.allocate(10)));
        // The decompressor held back its last bytes when the check failed; none were served anyway.
        assertTrue(e.decompressedBytes() + " of " + data.length, e.decompressedBytes() > 250_000 && e.decompressedBytes() <= data.length);
        assertTrue(e.getMessage(), e.getMessage().contains("none of the file is delivered"));
      }
    }
  }

  @Test
  public void aGzipFileWithoutItsMagicIsRefusedNamingBothCauses() throws Exception {
    byte[] gz = Files.readAllBytes(gzip(data(1000)));
    gz[0] ^= 0x01;
    Path f = Files.write(tmp.newFile().toPath(), gz);
    try (FileChannel ch = FileChannel.open(f)) {
      CheckedDecompression in = new CheckedDecompression(f.toString(), Compression.GZIP, ch, new CountingChannel(ch), 1 << 20);
      Exception e = assertThrows(CheckedDecompression.StreamCheckFailed.class, () -> in.read(ByteBuffer.allocate(10)));
      assertTrue(e.getMessage(), e.getMessage().contains("does not start with gzip's magic bytes 1f 8b but 1e8b"));
      assertTrue(e.getMessage(), e.getMessage().contains("withCompression(UNCOMPRESSED)"));
    }
  }
}
