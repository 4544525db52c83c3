package io.github.binfiles.codec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.container.ContainerFileFormat;
import io.github.binfiles.io.OutputBuffer;
import java.util.Random;
import org.junit.Test;

/** Compression levels: each level of each codec round-trips; ranges are checked and named. */
public class CodecLevelTest {
  private static byte[] sample() {
    byte[] b = new byte[1 << 16];
    Random r = new Random(3);
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (r.nextInt(16) + 'a'); // compressible, not trivially
    }
    return b;
  }

  @Test
  public void everyLevelRoundTrips() throws Exception {
    byte[] raw = sample();
    int[][] ranges = {{Codec.DEFLATE.id(), 1, 9}, {Codec.ZSTD.id(), 1, 19}, {Codec.BZIP2.id(), 1, 9}, {Codec.XZ.id(), 0, 6}};
    for (int[] range : ranges) {
      Codec c = Codec.byId(range[0]);
      assertTrue(c.hasLevels());
      for (int level = range[1]; level <= range[2]; level++) {
        OutputBuffer out = new OutputBuffer(1 << 17);
        c.newCompressor(level).compress(raw, 0, raw.length, out);
        byte[] back = new byte[raw.length];
        c.newDecompressor().decompress(out.array(), 0, out.size(), back, raw.length);
        assertArrayEquals(c.codecName() + " level " + level, raw, back);
        assertTrue(c.codecName() + " level " + level + " compresses", out.size() < raw.length);
      }
    }
  }

  @Test
  public void levelsOutsideARangeAreRefusedNamingIt() {
    assertEquals("zstd levels are 1 to 19, not 20",
        assertThrows(IllegalArgumentException.class, () -> Codec.ZSTD.newCompressor(20)).getMessage());
    assertEquals("deflate levels are 1 to 9, not 0",
        assertThrows(IllegalArgumentException.class, () -> Codec.DEFLATE.newCompressor(0)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Codec.XZ.newCompressor(7)).getMessage()
        .contains("need dictionaries larger than readers accept"));
    assertEquals("lz4 has no compression levels",
        assertThrows(IllegalArgumentException.class, () -> Codec.LZ4.newCompressor(1)).getMessage());
    assertEquals(3, Codec.ZSTD.defaultLevel());
    assertEquals(6, Codec.DEFLATE.defaultLevel());
  }

  @Test
  public void theContainerFormatKeepsItsLevelAndChecksItAgainstALaterCodec() {
    ContainerFileFormat f = ContainerFileFormat.defaults().withCodec(Codec.ZSTD).withCodecLevel(12);
    assertEquals(12, f.describe().get("codecLevel"));
    assertEquals(3, ContainerFileFormat.defaults().withCodec(Codec.ZSTD).describe().get("codecLevel"));
    assertEquals("xz levels are 0 to 6 (7 to 9 need dictionaries larger than readers accept, FORMAT.md section 5), not 12",
        assertThrows(IllegalArgumentException.class, () -> f.withCodec(Codec.XZ)).getMessage());
    assertEquals("none has no compression levels",
        assertThrows(IllegalArgumentException.class, () -> ContainerFileFormat.defaults().withCodecLevel(3)).getMessage());
  }
}
