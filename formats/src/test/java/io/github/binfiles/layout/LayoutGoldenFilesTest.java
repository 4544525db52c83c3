package io.github.binfiles.layout;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.spi.FieldNullingDecoder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** The layout golden files in testdata/ (see {@link LayoutGoldenFiles}) keep decoding to the same rows. */
public class LayoutGoldenFilesTest {
  private static final Path DIR = Paths.get("..", "testdata");

  private static RecordLayout jsonLayout() throws Exception {
    return RecordLayout.fromJson(Files.readString(DIR.resolve("accounts.layout.json"), StandardCharsets.UTF_8));
  }

  @Test
  public void filesAreWhatTheGeneratorWrites() throws Exception {
    assertArrayEquals(LayoutGoldenFiles.accounts(), Files.readAllBytes(DIR.resolve("accounts-ebcdic-32.dat")));
    assertArrayEquals(LayoutGoldenFiles.accountsWithBadField(),
        Files.readAllBytes(DIR.resolve("accounts-ebcdic-32-badfield.dat")));
    assertEquals(LayoutGoldenFiles.layout().toJson(), jsonLayout().toJson());
  }

  @Test
  public void everyRecordDecodesToTheKnownRow() throws Exception {
    byte[] bytes = Files.readAllBytes(DIR.resolve("accounts-ebcdic-32.dat"));
    LayoutDecoder decoder = new LayoutDecoder(jsonLayout());
    List<Row> expected = LayoutGoldenFiles.rows();
    for (int i = 0; i < LayoutGoldenFiles.RECORDS; i++) {
      assertEquals("record " + i, expected.get(i), decoder.decode(bytes, i * 32, 32));
    }
    // Hand-checked, independent of the encoder: record 1 is 00 00 03 e9 | c2 c1 d2 c5 d9 40 f1 40 ..
    // | 00 00 03 76 54 4d | f0 f0 c1.
    Row r1 = decoder.decode(bytes, 32, 32);
    assertEquals(1001, (int) r1.getInt32("account"));
    assertEquals("BAKER 1", r1.getString("name"));
    assertEquals(new BigDecimal("-3765.44"), r1.getDecimal("balance"));
    assertEquals(new BigDecimal("1"), r1.getDecimal("status"));
  }

  @Test
  public void theBadFieldFileFailsOrNullsRecordFivesBalance() throws Exception {
    byte[] bytes = Files.readAllBytes(DIR.resolve("accounts-ebcdic-32-badfield.dat"));
    int at = LayoutGoldenFiles.BAD_RECORD * 32;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LayoutDecoder(jsonLayout()).decode(bytes, at, 32));
    assertTrue(e.getMessage(), e.getMessage().contains(
        "field balance (packed_decimal(6, scale 2)) at record byte 16 holds 000001172807:"
            + " packed decimal sign nibble is 7, expected A-F"));
    List<String> nulled = new ArrayList<>();
    FieldNullingDecoder<Row> nulling = LayoutDecoder.nullingBadFields(jsonLayout());
    Row row = nulling.decode(bytes, at, 32, (field, offset, b, problem) -> nulled.add(field));
    assertNull(row.getDecimal("balance"));
    assertEquals("FISHER 5", row.getString("name"));
    assertEquals(List.of("balance"), nulled);
  }
}
