package io.github.binfiles.io;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PositionedInputTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static PositionedInput over(byte[] data, int bufferSize) {
    return new PositionedInput(
        Channels.newChannel(new ByteArrayInputStream(data)), 0, bufferSize);
  }

  @Test
  public void indexOfFindsEveryOccurrenceAcrossBufferBoundaries() throws Exception {
    byte[] pattern = {7, 7, 1, 2};
    Random random = new Random(1);
    byte[] data = new byte[5000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (random.nextInt(3) + 5);
    }
    int[] at = {0, 4, 100, 1019, 1023, 1027, 4996};
    for (int a : at) {
      System.arraycopy(pattern, 0, data, a, pattern.length);
    }
    for (int bufferSize : new int[] {4, 5, 7, 64, 1024, 8192}) {
      PositionedInput in = over(data, bufferSize);
      for (int a : at) {
        assertEquals("buffer " + bufferSize, a, in.indexOf(pattern, Long.MAX_VALUE));
        assertEquals(a, in.position());
        assertArrayEquals(
            pattern,
            Arrays.copyOfRange(in.buffer(), in.bufferIndex(), in.bufferIndex() + pattern.length));
        in.consume(1);
      }
      assertEquals(-1, in.indexOf(pattern, Long.MAX_VALUE));
    }
  }

  @Test
  public void indexOfStopsAtTheLimit() throws Exception {
    byte[] data = new byte[100];
    data[50] = 9;
    data[51] = 9;
    PositionedInput in = over(data, 16);
    assertEquals(-1, in.indexOf(new byte[] {9, 9}, 50));
    assertTrue(in.position() <= 50);
    assertEquals(50, in.indexOf(new byte[] {9, 9}, 51));
  }

  @Test
  public void directInputKeepsAbsoluteOffsetsAcrossRefillsAndGrowth() throws Exception {
    byte[] data = new byte[10_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7);
    }
    PositionedInput in =
        new PositionedInput(Channels.newChannel(new ByteArrayInputStream(data)), 100, 64, true);
    long seen = 0;
    while (in.request(10)) {
      for (int k = 0; k < 10; k++) {
        assertEquals(data[(int) seen + k], in.byteBuffer().get(in.bufferIndex() + k));
      }
      assertEquals(100 + seen, in.position());
      in.consume(10);
      seen += 10;
      if (seen == 5000) {
        in.ensureCapacity(256);
        assertEquals(256, in.capacity());
      }
    }
    assertEquals(10_000, seen);
    assertThrows(IllegalStateException.class, in::buffer);
    assertThrows(IllegalStateException.class, () -> in.indexOf(new byte[] {1}, Long.MAX_VALUE));
  }

  @Test
  public void requestReportsTheBytesLeftAtEndOfFile() throws Exception {
    PositionedInput in = over(new byte[10], 8);
    assertTrue(in.request(8));
    in.consume(5);
    assertFalse(in.request(6));
    assertEquals(5, in.buffered());
    assertEquals(5, in.position());
  }

  @Test
  public void skipSeeksOnSeekableChannelsAndStopsAtEndOfFile() throws Exception {
    Path file = tmp.newFile().toPath();
    byte[] data = new byte[1000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    Files.write(file, data);
    try (SeekableByteChannel ch = Files.newByteChannel(file)) {
      PositionedInput in = new PositionedInput(ch, 0, 16);
      assertEquals(500, in.skip(500));
      in.require(1);
      assertEquals((byte) 500, in.buffer()[in.bufferIndex()]);
      assertEquals(500, in.skip(600));
      assertEquals(1000, in.position());
      assertFalse(in.request(1));
    }
    PositionedInput stream = over(data, 16);
    assertEquals(1000, stream.skip(2000));
    assertEquals(1000, stream.position());
  }
}
