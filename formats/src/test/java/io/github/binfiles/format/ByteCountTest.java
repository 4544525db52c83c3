package io.github.binfiles.format;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The one size syntax of the command line, by hand. */
public class ByteCountTest {
  @Test
  public void bareNumbersAreBytes() {
    assertEquals(100000, ByteCount.parse("100000"));
    assertEquals(64, ByteCount.parse("64"));
    assertEquals(-4, ByteCount.parse("-4"));
    assertEquals(0, ByteCount.parse(" 0 "));
  }

  @Test
  public void unitsArePowersOf1024() {
    assertEquals(102400, ByteCount.parse("100k"));
    assertEquals(256L * 1024, ByteCount.parse("256KiB"));
    assertEquals(64L << 20, ByteCount.parse("64MB"));
    assertEquals(64L << 20, ByteCount.parse("64m"));
    assertEquals(1L << 30, ByteCount.parse("1GiB"));
    assertEquals(2L << 40, ByteCount.parse("2T"));
  }

  @Test
  public void otherTextIsRefusedWithExamples() {
    for (String bad : new String[] {"", "1.5M", "ten", "64 MB extra", "9223372036854775808", "9000000T"}) {
      String m = assertThrows(IllegalArgumentException.class, () -> ByteCount.parse(bad)).getMessage();
      assertTrue(m, m.contains("not a whole number or byte count") || m.contains("too large"));
    }
  }
}
