package io.github.binfiles.copybook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One data description entry of a copybook: a group (with children) or an elementary item (with a
 * picture or a float usage), with its OCCURS, REDEFINES and SIGN clauses and the line it came from.
 * Immutable once the parser is done; offsets are computed by {@link Copybook#listing()}.
 */
public final class CopybookItem {
  final int level;
  final String name;
  final int line;
  Picture picture;
  Usage usage;
  /** OCCURS: fixed count (min == max), or a range with {@code dependingOn}; 0 when absent. */
  int minOccurs;
  int maxOccurs;
  String dependingOn;
  String redefines;
  boolean signLeading;
  boolean signSeparate;
  boolean sync;
  boolean blankWhenZero;
  /** Slack bytes the compiler inserts before this item to align it (SYNCHRONIZED); set by {@link Copybook#parse}. */
  int slack;
  /** How binary items beyond 18 digits are sized; set by {@link Copybook#parse}. */
  Copybook.WideBinaries wide = Copybook.WideBinaries.MINIMAL;
  final List<CopybookItem> children = new ArrayList<>();

  CopybookItem(int level, String name, int line) {
    this.level = level;
    this.name = name;
    this.line = line;
  }

  public int level() {
    return level;
  }

  /** The COBOL name, {@code FILLER} for unnamed items. */
  public String name() {
    return name;
  }

  public int line() {
    return line;
  }

  public boolean isGroup() {
    return !children.isEmpty();
  }

  /** The picture of an elementary item; null for groups and COMP-1/COMP-2 items without one. */
  public Picture picture() {
    return picture;
  }

  /** The usage, inherited from the enclosing groups; DISPLAY by default. */
  public Usage usage() {
    return usage == null ? Usage.DISPLAY : usage;
  }

  /** 0 when the item does not repeat. */
  public int maxOccurs() {
    return maxOccurs;
  }

  public int minOccurs() {
    return minOccurs;
  }

  /** The field whose value is the number of occurrences (OCCURS ... DEPENDING ON), or null. */
  public String dependingOn() {
    return dependingOn;
  }

  /** The item this one redefines, or null. */
  public String redefines() {
    return redefines;
  }

  public boolean signSeparate() {
    return signSeparate;
  }

  /** Whether the item is SYNCHRONIZED. */
  public boolean sync() {
    return sync;
  }

  /** Slack bytes before this item that align it (SYNCHRONIZED binary and float items); 0 otherwise. */
  public int slack() {
    return slack;
  }

  /** Bytes of one occurrence (a group's children with REDEFINES sharing bytes, slack bytes included). */
  public int length() {
    return bytes();
  }

  /** Whether the item says BLANK WHEN ZERO: zero is stored as spaces. */
  public boolean blankWhenZero() {
    return blankWhenZero;
  }

  public boolean signLeading() {
    return signLeading;
  }

  public List<CopybookItem> children() {
    return Collections.unmodifiableList(children);
  }

  /** Bytes of one occurrence: a group's children laid out with REDEFINES sharing bytes. */
  int bytes() {
    if (!isGroup()) {
      if (picture == null && usage() != Usage.FLOAT4 && usage() != Usage.FLOAT8) {
        throw new CopybookException(line, 8, name + " has neither a PIC clause nor children");
      }
      return usage().bytes(picture, signSeparate, wide);
    }
    int total = 0;
    int groupStart = 0;
    int groupBytes = 0;
    for (CopybookItem c : children) {
      int size = c.slack + c.bytes() * Math.max(1, c.maxOccurs);
      if (c.redefines != null) {
        groupBytes = Math.max(groupBytes, size);
        total = groupStart + groupBytes;
      } else {
        groupStart = total;
        groupBytes = size;
        total += size;
      }
    }
    return total;
  }
}
