package io.github.binfiles.copybook;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * The copybook parser and its field listing: Cobrix's own listings of its test copybooks
 * (testdata/cobrix, offsets as Cobrix prints them), hand-computed sizes for every usage, and errors
 * that name the line and column.
 */
public class CopybookTest {
  private static Path testdata(String name) {
    Path p = Paths.get("..", "testdata", "cobrix", name);
    return Files.exists(p) ? p : Paths.get("testdata", "cobrix", name);
  }

  /** "name start end length" per line of a Cobrix layout listing, names with - as _. */
  private static List<String> cobrixListing(String file) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(testdata(file))) {
      String[] w = line.trim().split("\\s+");
      if (w.length < 6 || !w[0].matches("\\d+")) {
        continue;
      }
      int n = w.length;
      out.add(w[1] + " " + w[n - 3] + " " + w[n - 2] + " " + w[n - 1]);
    }
    return out;
  }

  private static List<String> ours(Copybook c) {
    List<String> out = new ArrayList<>();
    for (Copybook.ListingLine l : c.listing()) {
      out.add(l.item().name().replace('-', '_') + " " + (l.offset() + 1) + " "
          + (l.offset() + l.length()) + " " + l.length());
    }
    return out;
  }

  private static Copybook parse(String file) throws Exception {
    return Copybook.parse(Files.readString(testdata(file)));
  }

  @Test
  public void listingsMatchCobrixs() throws Exception {
    assertEquals(cobrixListing("test16_layout.txt"), ours(parse("test16_fix_len_segments.cob")));
    assertEquals(cobrixListing("test13b_layout.txt"), ours(parse("test13b_vrl_file_headers.cob")));
    assertEquals(cobrixListing("test17a_layout.txt"), ours(parse("test17_hierarchical.cob")));
  }

  @Test
  public void redefinesFlagsAsCobrixPrintsThem() throws Exception {
    List<String> flags = new ArrayList<>();
    for (Copybook.ListingLine l : parse("test16_fix_len_segments.cob").listing()) {
      if (l.depth() == 1) {
        flags.add(l.item().name() + ":" + l.redefines());
      }
    }
    assertEquals(List.of("SEGMENT-ID:", "COMPANY:r", "PERSON:rR", "PO-BOX:R"), flags);
  }

  @Test
  public void everyCobrixSampleCopybookParses() throws Exception {
    for (String f : new String[] {"test1_copybook.cob", "test10_copybook.cob", "test4_copybook.cob"}) {
      Copybook c = parse(f);
      assertTrue(f, c.listing().size() > 3);
    }
  }

  private static String entries(String... lines) {
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append("       ").append(l).append('\n');
    }
    return b.toString();
  }

  @Test
  public void sizesOfEveryUsageComputedByHand() {
    Copybook c = Copybook.parse(entries(
        "01  R.",
        "    05  A   PIC S9(4) COMP.",          // 2
        "    05  B   PIC 9(5) BINARY.",          // 4
        "    05  C   PIC S9(18) COMP-5.",        // 8
        "    05  D   PIC S9(7)V99 COMP-3.",      // 9 digits: 5
        "    05  E   COMP-1.",                   // 4
        "    05  F   USAGE IS COMP-2.",          // 8
        "    05  G   PIC S9(3)V9 SIGN IS LEADING SEPARATE CHARACTER.", // 5
        "    05  H   PIC 9(3) OCCURS 4 TIMES.",  // 12
        "    05  I   OCCURS 2.",
        "        10  J  PIC X(2).",
        "        10  FILLER PIC X.",             // 2 x 3 = 6
        "    05  K   PIC ZZ9.99-.",              // 7
        "    05  L   PIC 9(3)PP.",               // 3
        "    05  M   PIC X(3) VALUE 'AB'.",     // 3
        "    88  M-IS-AB VALUE 'AB '."));
    List<String> listing = ours(c);
    assertEquals(List.of("R 1 67 67", "A 1 2 2", "B 3 6 4", "C 7 14 8", "D 15 19 5", "E 20 23 4",
        "F 24 31 8", "G 32 36 5", "H 37 48 12", "I 49 54 6", "J 49 50 2", "FILLER 51 51 1",
        "K 55 61 7", "L 62 64 3", "M 65 67 3"), listing);
    CopybookItem d = c.records().get(0).children().get(3);
    assertEquals(Usage.PACKED, d.usage());
    assertEquals(9, d.picture().digits());
    assertEquals(2, d.picture().scale());
    assertTrue(d.picture().signed());
    assertEquals(-2, c.records().get(0).children().get(10).picture().scale());
  }

  @Test
  public void occursDependingOnTakesItsMaximumAndNamesTheCounter() {
    Copybook c = Copybook.parse(entries(
        "01  R.",
        "    05  N   PIC 9(2).",
        "    05  T   OCCURS 1 TO 10 TIMES DEPENDING ON N",
        "            INDEXED BY T-IX.",
        "        10  V  PIC S9(5) COMP-3.",
        "    05  Z   PIC X."));
    CopybookItem t = c.records().get(0).children().get(1);
    assertEquals(1, t.minOccurs());
    assertEquals(10, t.maxOccurs());
    assertEquals("N", t.dependingOn());
    assertEquals(List.of("R 1 33 33", "N 1 2 2", "T 3 32 30", "V 3 5 3", "Z 33 33 1"), ours(c));
  }

  @Test
  public void fixedFormatColumnsCommentsAndSequenceNumbersAreIgnored() {
    String text = String.format("%-72s%s%n", "000100 01  REC.", "SEQ00001")
        + "000200* a comment with PIC X(99) in it\n"
        + "000300/ a page eject comment\n"
        + String.format("%-72s%s%n", "000400     05  A    PIC X(4).", "IGNORED!")
        + "000500     05  B    PIC X(6) VALUE 'ABC\n"
        + "000600-    'DEF'.\n"
        + "      05  C    PIC X.\n"; // shifted into column 7
    assertEquals(List.of("REC 1 11 11", "A 1 4 4", "B 5 10 6", "C 11 11 1"), ours(Copybook.parse(text)));
  }

  @Test
  public void errorsNameTheLineAndColumn() {
    CopybookException missingPeriod = assertThrows(CopybookException.class, () -> Copybook.parse(entries(
        "01  R.", "    05  A  PIC X(2)", "    05  B  PIC X.")));
    assertTrue(missingPeriod.getMessage(), missingPeriod.getMessage().startsWith("copybook line 3, column 12: unexpected '05'"));
    CopybookException pic = assertThrows(CopybookException.class, () -> Copybook.parse(entries(
        "01  R.", "    05  A  PIC 9(4)Q.")));
    assertTrue(pic.getMessage(), pic.getMessage().startsWith("copybook line 2, column 27: PIC 9(4)Q: 'Q'"));
    CopybookException redefines = assertThrows(CopybookException.class, () -> Copybook.parse(entries(
        "01  R.", "    05  A  PIC X(2).", "    05  B  PIC X.", "    05  C REDEFINES A PIC X.")));
    assertTrue(redefines.getMessage(), redefines.getMessage().contains("C REDEFINES A, which is not the item before it"));
    CopybookException indicator = assertThrows(CopybookException.class, () -> Copybook.parse(
        "000001 01 R.\n000002X05 A PIC X.\n"));
    assertTrue(indicator.getMessage(), indicator.getMessage().contains("fixed format"));
  }
}
