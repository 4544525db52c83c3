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
   * How binary items ({@code COMP}, {@code COMP-4}, {@code COMP-5}, {@code BINARY}) of more than 18
   * digits are sized. IBM Enterprise COBOL stops at 18 digits (2, 4 or 8 bytes); beyond them
   * compilers differ.
   */
  public enum WideBinaries {
    /**
     * The fewest bytes that hold the digits and a sign: {@code ceil((digits * log2(10) + 1) / 8)},
     * 9 bytes for 19 to 21 digits, 12 for 28, 16 for 38: Cobrix's rule (the default).
     */
    MINIMAL,
    /** 16 bytes for every binary item of 19 to 38 digits (binfiles before 2026-12). */
    SIXTEEN_BYTES;

    int bytes(int digits) {
      if (this == SIXTEEN_BYTES) {
        return digits <= 38 ? 16 : 17; // 17: refused where the item becomes a field
      }
      return (int) Math.ceil((digits * (Math.log(10) / Math.log(2)) + 1) / 8);
    }
  }

  /**
   * Parses copybook text in the fixed reference format (code in columns 8-72), binary items beyond
   * 18 digits sized {@link WideBinaries#MINIMAL}.
   *
   * @throws CopybookException naming the line and column of the first problem
   */
  public static Copybook parse(String text) {
    return parse(text, WideBinaries.MINIMAL);
  }

  /** As {@link #parse(String)}, binary items beyond 18 digits sized as {@code wide} says. */
  public static Copybook parse(String text, WideBinaries wide) {
    List<CopybookItem> records = CopybookParser.parse(text);
    if (records.isEmpty()) {
      throw new CopybookException(1, 8, "no data description entries (is the code in columns 8-72?)");
    }
    for (CopybookItem r : records) {
      setWide(r, wide);
    }
    for (CopybookItem r : records) {
      checkRedefines(r);
      align(r, 0, false);
      r.bytes();
    }
    return new Copybook(records);
  }

  private static void setWide(CopybookItem item, WideBinaries wide) {
    item.wide = wide;
    for (CopybookItem c : item.children) {
      setWide(c, wide);
    }
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
        long own = size(c) - c.slack;
        list(c, depth + 1, at + c.slack, end - k == 1 ? own : groupLength - c.slack, f, out);
      }
      at += groupLength;
      k = end;
    }
  }

  /** Bytes of all occurrences, and the slack before them. */
  private static long size(CopybookItem c) {
    return c.slack + c.bytes() * (long) Math.max(1, c.maxOccurs);
  }

  /**
   * Sets the slack bytes of SYNCHRONIZED items, as IBM Enterprise COBOL inserts them: a binary item
   * of 1-4 digits on a 2-byte boundary, of 5-18 digits and COMP-1 on 4, COMP-2 on 8, counted from
   * the record's start (SYNC on a group applies to its binary and float items; on other usages it
   * changes nothing). Returns the bytes of one occurrence of {@code item} starting at {@code start}.
   * Inside a repeated group the compiler also pads each occurrence; that is refused here.
   */
  private static int align(CopybookItem item, long start, boolean synced) {
    boolean sync = synced || item.sync;
    if (!item.isGroup()) {
      return item.bytes();
    }
    long setStart = start;
    long setBytes = 0;
    for (CopybookItem c : item.children) {
      if (c.redefines == null) {
        setStart = setStart + setBytes;
        setBytes = 0;
      }
      long base = setStart;
      int boundary = sync || c.sync ? boundary(c) : 1;
      c.slack = (int) ((boundary - base % boundary) % boundary);
      if ((c.maxOccurs > 0 || item.maxOccurs > 0) && (c.slack > 0 || hasSync(c, sync))) {
        throw new CopybookException(c.line, 8, c.name + ": SYNCHRONIZED items inside OCCURS are not"
            + " supported yet (the compiler pads each occurrence; remove SYNC if the data has no slack bytes)");
      }
      long size = c.slack + (long) align(c, base + c.slack, sync) * Math.max(1, c.maxOccurs);
      setBytes = Math.max(setBytes, size);
    }
    return item.bytes();
  }

  private static int boundary(CopybookItem c) {
    if (c.isGroup()) {
      return 1;
    }
    switch (c.usage()) {
      case BINARY:
        return c.picture.digits() <= 4 ? 2 : 4;
      case FLOAT4:
        return 4;
      case FLOAT8:
        return 8;
      default:
        return 1;
    }
  }

  private static boolean hasSync(CopybookItem c, boolean inherited) {
    if ((c.sync || inherited) && boundary(c) > 1) {
      return true;
    }
    for (CopybookItem k : c.children) {
      if (hasSync(k, inherited || c.sync)) {
        return true;
      }
    }
    return false;
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
