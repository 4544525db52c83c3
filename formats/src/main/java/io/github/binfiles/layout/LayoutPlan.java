package io.github.binfiles.layout;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A root {@link RecordLayout} compiled for decoding and encoding: every group with its members, the
 * charsets looked up once, and each name a layout refers to (an OCCURS DEPENDING ON counter, a
 * selector's key) resolved to bytes: an offset in the same group, or in the record for fields of
 * enclosing groups. Built once per decoder or encoder; the layout itself stays the serializable
 * description.
 */
final class LayoutPlan {
  /** An elementary field somewhere in the record, read to count occurrences or choose an alternative. */
  static final class Ref {
    final String path;
    final FieldType type;
    final Charset charset;
    /** Relative to the enclosing group's start when {@code local}, else to the record's. */
    final int offset;
    final boolean local;
    /** Where a decoding with variable-size OCCURS keeps this field's position; set by the plan. */
    int slot = -1;

    Ref(String path, FieldType type, int offset, boolean local) {
      this.path = path;
      this.type = type;
      this.charset = type.charset == null ? null : FieldType.charset(type.charset);
      this.offset = offset;
      this.local = local;
    }
  }

  /** One member of a group. */
  static final class Member {
    final RecordLayout.Field field;
    final String path;
    final FieldType type;
    final Charset charset;
    final Group group;
    final Ref counter;
    /** Index of the REDEFINES set this member belongs to in its group, or -1. */
    final int set;
    /** With variable-size OCCURS, where its position is kept when a Ref names it; else -1. */
    int slot = -1;

    Member(RecordLayout.Field field, String path, Group group, Ref counter, int set) {
      this.field = field;
      this.path = path;
      this.type = field.type;
      this.charset = field.type == null || field.type.charset == null ? null : FieldType.charset(field.type.charset);
      this.group = group;
      this.counter = counter;
      this.set = set;
    }
  }

  /** A set of alternatives and, when the layout has one, the selector that picks among them. */
  static final class Choice {
    final Ref key;
    final Map<String, String> alternatives;

    Choice(Ref key, Map<String, String> alternatives) {
      this.key = key;
      this.alternatives = alternatives;
    }

    /**
     * The alternative a decoded key value picks: the value as text (decimals plain, text trimmed)
     * looked up in the selector; "" when the key is null or the value is not in it.
     */
    String alternativeFor(Object keyValue) {
      return keyValue == null ? "" : alternatives.getOrDefault(keyText(keyValue), "");
    }
  }

  /**
   * A decoded key value as the text record types and segment levels name it: decimals plain, text
   * trimmed. Every lookup by a field's value (selectors, segment ids, hierarchies) goes through it.
   */
  static String keyText(Object keyValue) {
    return keyValue instanceof java.math.BigDecimal
        ? ((java.math.BigDecimal) keyValue).toPlainString() : keyValue.toString().trim();
  }

  static final class Group {
    final RecordLayout layout;
    final Schema schema;
    final Schema nullingSchema;
    final List<Member> members = new ArrayList<>();
    /** Per REDEFINES set: its selector, or null. */
    final List<Choice> choices = new ArrayList<>();

    Group(RecordLayout layout) {
      this.layout = layout;
      this.schema = layout.schema();
      this.nullingSchema = layout.nullingSchema();
    }
  }

  final Group root;
  /** Whether arrays take only the bytes of their occurrences ({@link RecordLayout#variableSizeOccurs}). */
  final boolean variable;
  /** With {@link #variable}: how many fields Refs name (the positions a decoding keeps). */
  final int slots;
  /**
   * An OCCURS DEPENDING ON array is followed by other fields: read with reserved bytes, a file
   * written with variable-size OCCURS cuts those fields (an error hint names the option).
   */
  boolean fieldsFollowAnArrayWithACounter;
  /** Every elementary field outside arrays: full path to its offset in the record and type. */
  private final Map<String, Ref> absolute = new HashMap<>();
  private final Map<String, Integer> slotOfPath = new HashMap<>();
  private final int rootLength;

  LayoutPlan(RecordLayout layout) {
    this.variable = layout.variableSizeOccurs();
    index(layout, "", 0);
    this.rootLength = layout.recordLength();
    this.root = compile(layout, "", 0, false);
    if (variable) {
      assignSlots(root);
    }
    this.slots = slotOfPath.size();
  }

  private void assignSlots(Group g) {
    for (Member m : g.members) {
      Integer slot = slotOfPath.get(m.path);
      if (slot != null && m.type != null && !m.field.isArray()) {
        m.slot = slot;
      }
      if (m.group != null) {
        assignSlots(m.group);
      }
    }
  }

  /** With variable-size OCCURS, a Ref is read where the decoding last placed the field it names. */
  private Ref slotted(Ref ref, int offsetOfUser, String user) {
    if (variable) {
      if (ref.offset >= offsetOfUser) {
        throw new IllegalArgumentException(user + " names " + ref.path + ", which does not come before it:"
            + " with variable-size OCCURS a field's place depends on the counters before it");
      }
      ref.slot = slotOfPath.computeIfAbsent(ref.path, k -> slotOfPath.size());
    }
    return ref;
  }

  private void index(RecordLayout layout, String prefix, int base) {
    for (RecordLayout.Field f : layout.fields()) {
      if (f.isFiller() || f.isArray()) {
        continue;
      }
      String path = prefix + f.name;
      if (f.isGroup()) {
        index(f.group, path + ".", base + f.offset);
      } else {
        absolute.put(path, new Ref(path, f.type, base + f.offset, false));
      }
    }
  }

  private Group compile(RecordLayout layout, String prefix, int base, boolean inArray) {
    Group g = new Group(layout);
    Map<String, Integer> sets = new HashMap<>();
    for (RecordLayout.Field f : layout.fields()) {
      if (f.redefines != null) {
        sets.computeIfAbsent(f.redefines, k -> sets.size());
      }
    }
    for (int i = 0; i < sets.size(); i++) {
      g.choices.add(null);
    }
    for (RecordLayout.Selector s : layout.selectors()) {
      String any = s.alternatives.values().iterator().next();
      RecordLayout.Field f = field(layout, any);
      int set = sets.get(f.redefines != null ? f.redefines : f.name);
      Ref key = resolve(s.key, layout, prefix, inArray, "the selector of " + prefix + any);
      g.choices.set(set, new Choice(slotted(key, key.local ? f.offset : base + f.offset, "the selector of " + prefix + any),
          s.alternatives));
    }
    for (RecordLayout.Field f : layout.fields()) {
      String path = prefix + f.name;
      Integer set = f.redefines != null ? sets.get(f.redefines) : sets.get(f.name);
      Group nested = f.isGroup() ? compile(f.group, path + ".", base + f.offset, inArray || f.isArray()) : null;
      Ref counter = f.dependingOn == null ? null
          : resolve(f.dependingOn, layout, prefix, inArray, "OCCURS DEPENDING ON of " + path);
      if (counter != null && !isNumeric(counter.type) && f.countOf == null) {
        throw new IllegalArgumentException("field " + path + " occurs DEPENDING ON " + counter.path
            + ", which is not a number (" + counter.type + "): give an occurs mapping from its values to counts"
            + " (withOccursMappings, --occurs-mappings)");
      }
      if (counter != null) {
        slotted(counter, counter.local ? f.offset : base + f.offset, "OCCURS DEPENDING ON of " + path);
        if (base + f.offset + f.length() < rootLength) {
          fieldsFollowAnArrayWithACounter = true;
        }
      }
      g.members.add(new Member(f, path, nested, counter, set == null ? -1 : set));
    }
    return g;
  }

  private static RecordLayout.Field field(RecordLayout layout, String name) {
    for (RecordLayout.Field f : layout.fields()) {
      if (f.name.equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("no field " + name);
  }

  /**
   * A name a field refers to: an elementary field of the same group (read relative to it), else a
   * unique elementary field outside arrays named by its path or its path's last parts.
   */
  private Ref resolve(String name, RecordLayout layout, String prefix, boolean inArray, String what) {
    for (RecordLayout.Field f : layout.fields()) {
      if (f.name.equals(name) && f.type != null && !f.isArray()) {
        return new Ref(prefix + name, f.type, f.offset, true);
      }
    }
    List<Ref> matches = new ArrayList<>();
    for (Map.Entry<String, Ref> e : absolute.entrySet()) {
      if (e.getKey().equals(name) || e.getKey().endsWith("." + name)) {
        matches.add(e.getValue());
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    List<String> paths = new ArrayList<>();
    matches.forEach(m -> paths.add(m.path));
    throw new IllegalArgumentException(what + " names " + name + ", which "
        + (matches.isEmpty() ? "is not an elementary field outside arrays" : "is ambiguous: " + paths
            + " (use a dotted path)"));
  }

  private static boolean isNumeric(FieldType t) {
    switch (t.kind) {
      case INT:
      case UINT:
      case PACKED_DECIMAL:
      case ZONED_DECIMAL:
      case BINARY_DECIMAL:
        return true;
      default:
        return false;
    }
  }
}
