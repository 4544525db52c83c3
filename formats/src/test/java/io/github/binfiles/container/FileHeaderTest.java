package io.github.binfiles.container;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.io.LittleEndian;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileHeaderTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  static int headerLength(byte[] file) {
    return ContainerFormat.HEADER_FIXED_SIZE + (int) LittleEndian.getUnsignedInt(file, 12) + 4;
  }

  @Test
  public void crc32cIsCastagnoli() {
    CRC32C crc = new CRC32C();
    crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
    assertEquals(0xE3069283L, crc.getValue());
  }

  @Test
  public void roundTripsMetadataAndDetectsTextModeDamage() throws Exception {
    Map<String, byte[]> meta = new LinkedHashMap<>();
    meta.put("a", new byte[] {1, 2, 3});
    meta.put("binfiles.codec", "zstd".getBytes(StandardCharsets.UTF_8));
    byte[] sync = new byte[16];
    sync[3] = 9;
    byte[] header = FileHeader.encode(sync, meta);
    Path f = tmp.newFile().toPath();
    Files.write(f, header);
    try (SeekableByteChannel ch = Files.newByteChannel(f)) {
      FileHeader h = FileHeader.parse(ch).header();
      assertEquals(header.length, h.length());
      assertArrayEquals(sync, h.syncMarker());
      assertArrayEquals(new byte[] {1, 2, 3}, h.metadata().get("a"));
      assertEquals("zstd", h.metadataString("binfiles.codec"));
    }
    // A text-mode transfer that turns \r\n into \n shifts everything after byte 4.
    byte[] mangled = new byte[header.length - 1];
    System.arraycopy(header, 0, mangled, 0, 4);
    System.arraycopy(header, 5, mangled, 4, header.length - 5);
    Files.write(f, mangled);
    try (SeekableByteChannel ch = Files.newByteChannel(f)) {
      FileHeader.Parsed parsed = FileHeader.parse(ch);
      assertFalse(parsed.isIntact());
      assertTrue(parsed.problem(), parsed.problem().contains("text-mode"));
    }
  }
}
