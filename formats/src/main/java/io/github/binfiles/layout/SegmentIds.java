package io.github.binfiles.layout;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Segment ids for files of several record types in a hierarchy (Cobrix's {@code segment_field},
 * {@code segment_id_level0..n} and {@code segment_id_prefix}): a field of every record says its
 * segment; the segments of level 0 are roots, those of level 1 their children, and so on. A read
 * with segment ids adds columns {@code Seg_Id0} to {@code Seg_Id<n-1>} to each row:
 *
 * <ul>
 *   <li>{@code Seg_Id0}, for every record from a root to the next root: {@code <prefix>_<n>}, where
 *       {@code n} is the root record's ordinal in its file where the format numbers records (fixed
 *       files, containers) and its byte offset where it does not (V, VB): unique within a file.
 *       Cobrix writes {@code <prefix>_<file index>_<n>}; a Beam read has no file index (pair the id
 *       with the {@code File_Name} column);
 *   <li>{@code Seg_Id<k>}, k &gt; 0: {@code <Seg_Id0>_L<k>_<c>}, where {@code c} counts the level-k
 *       records since the root (1 for the first), as Cobrix counts them (a counter restarts only at
 *       a root);
 *   <li>levels below the record's own are null, and so is every level of a record before a file's
 *       first root; a record whose segment is in no level keeps the ids of the record before it, as
 *       in Cobrix.
 * </ul>
 *
 * <p>The ids of a record depend on the records before it back to its root, so a read with segment
 * ids splits files only where a root starts: every range of a file begins at a root (the first
 * range also holds the records before the first root) and reads past its end to the next root.
 */
public final class SegmentIds implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String field;
  private final List<List<String>> levels;
  private final String prefix;

  private SegmentIds(String field, List<List<String>> levels, String prefix) {
    this.field = field;
    this.levels = levels;
    this.prefix = prefix;
  }

  /** Segment ids by the values of {@code segmentField} (its name, path, or COBOL name); add levels. */
  public static SegmentIds by(String segmentField) {
    if (segmentField == null || segmentField.isBlank()) {
      throw new IllegalArgumentException("the segment field must be named");
    }
    return new SegmentIds(segmentField, List.of(), "ID");
  }

  /** Adds the next level: the segment field values of its records (Cobrix's {@code segment_id_levelN}). */
  public SegmentIds level(String... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("a segment level needs at least one segment field value");
    }
    List<List<String>> l = new ArrayList<>(levels);
    List<String> v = new ArrayList<>();
    for (String s : values) {
      String t = s.trim();
      for (List<String> other : levels) {
        if (other.contains(t)) {
          throw new IllegalArgumentException("segment value " + t + " is in two levels");
        }
      }
      v.add(t);
    }
    l.add(Collections.unmodifiableList(v));
    return new SegmentIds(field, Collections.unmodifiableList(l), prefix);
  }

  /** The text ids start with (Cobrix's {@code segment_id_prefix}); default {@code ID}. */
  public SegmentIds withPrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException("the segment id prefix must not be empty");
    }
    return new SegmentIds(field, levels, prefix);
  }

  /**
   * Segment ids from a command-line style setting: {@code FIELD:ROOTS/LEVEL1/...}, each level's
   * values separated by commas, e.g. {@code SEGMENT-ID:1/2,5/3,4,6,7}.
   */
  public static SegmentIds parse(String setting) {
    int colon = setting.indexOf(':');
    if (colon <= 0 || colon == setting.length() - 1) {
      throw new IllegalArgumentException("segment ids are FIELD:ROOT_VALUES/LEVEL1_VALUES/... (values"
          + " of a level separated by commas), e.g. SEGMENT-ID:C/P; was " + setting);
    }
    SegmentIds s = by(setting.substring(0, colon));
    for (String level : setting.substring(colon + 1).split("/", -1)) {
      s = s.level(level.split(","));
    }
    return s;
  }

  public String field() {
    return field;
  }

  public List<List<String>> levels() {
    return levels;
  }

  public String prefix() {
    return prefix;
  }

  /** The columns added: {@code Seg_Id0} to {@code Seg_Id<levels-1>}. */
  public List<String> columnNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < levels.size(); i++) {
      names.add("Seg_Id" + i);
    }
    return names;
  }

  /**
   * These ids over records of {@code layout}.
   *
   * @throws IllegalArgumentException when no level is given, or the layout has no such field at a
   *     fixed place
   */
  public Bound bind(RecordLayout layout) {
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("segment ids by " + field + " need at least one level (the root"
          + " segments' values)");
    }
    return new Bound(this, FixedPlaceField.named(layout, field, "the segment field"));
  }

  @Override
  public String toString() {
    return field + ":" + levels + " prefix " + prefix;
  }

  /** Segment ids bound to a layout: reads a record's level. */
  public static final class Bound implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SegmentIds ids;
    private final FixedPlaceField field;
    private final Map<String, Integer> levelOf = new HashMap<>();

    Bound(SegmentIds ids, FixedPlaceField field) {
      this.ids = ids;
      this.field = field;
      for (int i = 0; i < ids.levels.size(); i++) {
        for (String v : ids.levels.get(i)) {
          levelOf.put(v, i);
        }
      }
    }

    public SegmentIds ids() {
      return ids;
    }

    /**
     * The level of the record at {@code b[offset, offset + length)}: 0 for a root; -1 when its
     * segment field is in no level, cannot be decoded, or lies past the record's end.
     */
    public int level(byte[] b, int offset, int length) {
      if (field.offset() + field.type().length() > length) {
        return -1;
      }
      Object v;
      try {
        v = field.decode(b, offset);
      } catch (FieldCodec.BadFieldException | RuntimeException e) {
        return -1;
      }
      if (v == null) {
        return -1;
      }
      Integer level = levelOf.get(LayoutPlan.keyText(v));
      return level == null ? -1 : level;
    }

    /** Whether the record is a root (level 0), where a range of a file may start. */
    public boolean isRoot(byte[] b, int offset, int length) {
      return level(b, offset, length) == 0;
    }

    /** A fresh count for one reader, which must start at a root or at a file's first record. */
    public Tracker newTracker() {
      return new Tracker(ids.prefix, ids.levels.size());
    }
  }

  /** The ids of the records read so far in file order: one per reader. */
  public static final class Tracker {
    private final String prefix;
    private final long[] counts;
    private final String[] current;
    private int currentLevel = -1;
    private String root;

    Tracker(String prefix, int levels) {
      this.prefix = prefix;
      this.counts = new long[levels];
      this.current = new String[levels];
    }

    /**
     * Moves to the next record, of {@code level} (-1: in no level), with its ordinal (negative where
     * the format numbers no records) and byte offset: a root is named by its ordinal, else its offset.
     */
    public void next(int level, long ordinal, long offset) {
      long rootKey = ordinal >= 0 ? ordinal : offset;
      if (level < 0) {
        return;
      }
      if (level == 0) {
        root = prefix + "_" + rootKey;
        java.util.Arrays.fill(counts, 0);
        java.util.Arrays.fill(current, null);
        current[0] = root;
      } else if (root == null) {
        return; // before the file's first root: no ids
      } else {
        counts[level]++;
        current[level] = root + "_L" + level + "_" + counts[level];
      }
      currentLevel = level;
    }

    /** The current record's id at {@code level}, or null. */
    public String id(int level) {
      if (root == null || level > currentLevel) {
        return null;
      }
      if (level > 0 && counts[level] == 0) {
        return root + "_L" + level + "_0";
      }
      return current[level];
    }
  }
}
