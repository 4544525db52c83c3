package io.github.binfiles.fixed;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class FixedRecordFramingTest {
  @Test
  public void firstRecordAtOrAfterAlignsToRecordBoundaries() {
    FixedRecordFraming f = FixedRecordFraming.of(10, 5, 0);
    assertEquals(5, f.firstRecordAtOrAfter(0));
    assertEquals(5, f.firstRecordAtOrAfter(5));
    assertEquals(15, f.firstRecordAtOrAfter(6));
    assertEquals(15, f.firstRecordAtOrAfter(15));
    assertEquals(25, f.firstRecordAtOrAfter(16));
    assertEquals(2, f.ordinalAt(25));
    assertEquals(25, f.offsetOf(2));
  }

  @Test
  public void rejectsBadArgumentsWithMessagesThatSayWhat() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> FixedRecordFraming.of(0, 0, 0))
            .getMessage()
            .contains("record length must be a positive number of bytes, was 0"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> FixedRecordFraming.of(-3, 0, 0))
            .getMessage()
            .contains("was -3"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> FixedRecordFraming.of(4, -1, 0))
            .getMessage()
            .contains("header bytes must be >= 0"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> FixedRecordFraming.of(4, 0, -1))
            .getMessage()
            .contains("trailer bytes must be >= 0"));
    assertThrows(
        IllegalArgumentException.class,
        () -> FixedRecordFraming.of(FixedRecordFraming.MAX_RECORD_AND_TRAILER_BYTES, 0, 1));
  }

  @Test
  public void layoutDescribesPartialRecordsAndShortFiles() {
    FixedRecordFraming f = FixedRecordFraming.of(10, 4, 2);
    assertEquals(3, f.layoutOf(4 + 30 + 2).records);
    assertTrue(f.layoutOf(4 + 30 + 2).isWhole());
    assertEquals(7, f.layoutOf(4 + 37 + 2).partialBytes);
    assertEquals(-1, f.layoutOf(5).partialBytes);
    assertTrue(f.layoutOf(5).toString().contains("shorter than the 4-byte header plus the 2-byte"));
  }
}
