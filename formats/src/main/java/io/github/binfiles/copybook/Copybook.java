package io.github.binfiles.copybook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parsed COBOL copybook: its records (level 01 items, or the top items of a copybook without an
 * 01) as trees of {@link CopybookItem}s, and the field listing a compiler would print: every item's
 * offset and length in the record.
 *
 * <pre>{@code
 * Copybook c = Copybook.parse(Files.readString(Path.of("ACCOUNTS.cpy")));
 * System.out.print(c.listingText());
 * }</pre>
 *
 * <p>{@link io.github.binfiles.layout.RecordLayout#fromCopybook} and {@link
 * io.github.binfiles.layout.CopybookLayout} turn a copybook into a record layout.
 */
public final class Copybook {
  private final List<CopybookItem> records;

  private Copybook(List<CopybookItem> records) {
    this.records = records;
  }

  /**
   * Parses copybook text in the fixed reference format (code in columns 8-72).
   *
   * @throws CopybookException naming the line and column of the first problem
   */
  public static Copybook parse(String text) {
    List<CopybookItem> records = CopybookParser.parse(text);
    if (records.isEmpty()) {
      throw new CopybookException(1, 8, "no data description entries (is the code in columns 8-72?)");
    }
    for (CopybookItem r : records) {
      checkRedefines(r);
      r.bytes();
    }
    return new Copybook(records);
  }

  public List<CopybookItem> records() {
    return Collections.unmodifiableList(records);
  }

  /**
   * One line of the listing: the item, its 0-based offset and its length in bytes (all
   * occurrences), and its REDEFINES role: {@code r} redefined by the next item, {@code R} redefining
   * the previous one, {@code rR} both. Members of a REDEFINES group are listed with the group's
   * length, the largest member's, as Cobrix lists them.
   */
  public record ListingLine(CopybookItem item, int depth, long offset, long length, String redefines) {
    /** The Cobrix-style line: level and name indented by depth, flags, 1-based start, end, length. */
    @Override
    public String toString() {
      String label = "  ".repeat(depth) + item.level() + " " + item.name();
      return String.format("%-36s %-4s %8d %8d %8d", label, redefines, offset + 1, offset + length, length);
    }
  }

  /** Every item of every record in copybook order, with offsets from its record's start. */
  public List<ListingLine> listing() {
    List<ListingLine> out = new ArrayList<>();
    for (CopybookItem r : records) {
      list(r, 0, 0, r.bytes() * (long) Math.max(1, r.maxOccurs), "", out);
    }
    return out;
  }

  /** {@link #listing()} as text, one line per item under a header. */
  public String listingText() {
    StringBuilder b = new StringBuilder(String.format("%-36s %-4s %8s %8s %8s%n", "LEVEL NAME",
        "REDF", "START", "END", "LENGTH"));
    for (ListingLine l : listing()) {
      b.append(l).append(System.lineSeparator());
    }
    return b.toString();
  }

  private static void list(CopybookItem item, int depth, long offset, long length, String flags,
      List<ListingLine> out) {
    out.add(new ListingLine(item, depth, offset, length, flags));
    long at = offset;
    List<CopybookItem> kids = item.children;
    int k = 0;
    while (k < kids.size()) {
      int end = k + 1;
      while (end < kids.size() && kids.get(end).redefines != null) {
        end++;
      }
      long groupLength = 0;
      for (int j = k; j < end; j++) {
        groupLength = Math.max(groupLength, size(kids.get(j)));
      }
      for (int j = k; j < end; j++) {
        String f = end - k == 1 ? "" : (j < end - 1 ? "r" : "") + (j > k ? "R" : "");
        CopybookItem c = kids.get(j);
        list(c, depth + 1, at, end - k == 1 ? size(c) : groupLength, f, out);
      }
      at += groupLength;
      k = end;
    }
  }

  private static long size(CopybookItem c) {
    return c.bytes() * (long) Math.max(1, c.maxOccurs);
  }

  /** A REDEFINES names the item just before it at the same level (or one it redefines too). */
  private static void checkRedefines(CopybookItem group) {
    String base = null;
    for (CopybookItem c : group.children) {
      if (c.redefines != null) {
        if (base == null || !(c.redefines.equals(base) || redefinesChain(group, c.redefines, base))) {
          throw new CopybookException(c.line, 8, c.name + " REDEFINES " + c.redefines
              + ", which is not the item before it at level " + c.level
              + (base == null ? "" : " (" + base + ")"));
        }
      } else {
        base = c.name;
      }
      checkRedefines(c);
    }
  }

  private static boolean redefinesChain(CopybookItem group, String name, String base) {
    for (CopybookItem c : group.children) {
      if (c.name.equals(name) && c.redefines != null) {
        return c.redefines.equals(base) || redefinesChain(group, c.redefines, base);
      }
    }
    return false;
  }
}
