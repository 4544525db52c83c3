package io.github.binfiles.layout;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A declarative layout of a fixed-length record: named fields at byte offsets, each with a {@link
 * FieldType}, or a nested group (a layout of its own, decoded to a nested {@link
 * org.apache.beam.sdk.values.Row}); any field may repeat ({@link Builder#occurs}, a Beam array) a
 * fixed number of times or as many times as a preceding field says (COBOL {@code OCCURS DEPENDING
 * ON}; the bytes of all {@code max} occurrences are reserved, as in a fixed-length file, unless
 * {@link #withVariableSizeOccurs} shrinks each record to the occurrences it holds), and fields
 * may share bytes ({@link Builder#redefines}, COBOL {@code REDEFINES}): each alternative is a
 * nullable field, chosen by a key field's value ({@link Builder#selectBy}) or, without a selector,
 * decoded where its bytes are valid for it. Validated on construction: every field inside the
 * record, none overlapping except alternatives, names unique. Defines the Beam {@link Schema} of the
 * rows it decodes to (fillers are not in it).
 *
 * <pre>{@code
 * RecordLayout layout = RecordLayout.builder(32)
 *     .add("account", FieldType.signed(4, true))
 *     .add("name", FieldType.text(12, "IBM037", FieldType.Trim.RIGHT))
 *     .add("balance", FieldType.packedDecimal(6, 2))
 *     .add("status", FieldType.zonedDecimal(3, 0, "IBM037"))
 *     .add("spare", FieldType.filler(7))
 *     .build();
 * }</pre>
 *
 * <p>{@link #fromCopybook} builds a layout from a COBOL copybook.
 */
public final class RecordLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One field: name, offset, and a type or a group, maybe repeated, maybe an alternative. */
  public static final class Field implements Serializable {
    private static final long serialVersionUID = 1L;
    final String name;
    final int offset;
    /** Null for a group. */
    final FieldType type;
    /** Null for an elementary field. */
    final RecordLayout group;
    /** 0 when the field does not repeat. */
    final int minOccurs;
    final int maxOccurs;
    /** The field (name or dotted path) whose value is the number of occurrences; or null. */
    final String dependingOn;
    /** The field whose bytes this one shares; null unless an alternative. */
    final String redefines;
    /** For a group's text copy (a non-terminal): the group's name; else null. */
    final String textOf;
    /** A counter's value (as text) to the number of occurrences (Cobrix's occurs_mappings); or null. */
    final Map<String, Integer> countOf;

    Field(String name, int offset, FieldType type) {
      this(name, offset, type, null, 0, 0, null, null);
    }

    Field(String name, int offset, FieldType type, RecordLayout group, int minOccurs, int maxOccurs,
        String dependingOn, String redefines) {
      this(name, offset, type, group, minOccurs, maxOccurs, dependingOn, redefines, null);
    }

    Field(String name, int offset, FieldType type, RecordLayout group, int minOccurs, int maxOccurs,
        String dependingOn, String redefines, String textOf) {
      this(name, offset, type, group, minOccurs, maxOccurs, dependingOn, redefines, textOf, null);
    }

    Field(String name, int offset, FieldType type, RecordLayout group, int minOccurs, int maxOccurs,
        String dependingOn, String redefines, String textOf, Map<String, Integer> countOf) {
      this.textOf = textOf;
      this.countOf = countOf;
      this.name = name;
      this.offset = offset;
      this.type = type;
      this.group = group;
      this.minOccurs = minOccurs;
      this.maxOccurs = maxOccurs;
      this.dependingOn = dependingOn;
      this.redefines = redefines;
    }

    public String name() {
      return name;
    }

    public int offset() {
      return offset;
    }

    /** The elementary type; null for a group. */
    public FieldType type() {
      return type;
    }

    /** The group's layout (offsets relative to the group); null for an elementary field. */
    public RecordLayout group() {
      return group;
    }

    public boolean isGroup() {
      return group != null;
    }

    public boolean isArray() {
      return maxOccurs > 0;
    }

    public boolean isFiller() {
      return type != null && type.kind == FieldType.Kind.FILLER;
    }

    public int minOccurs() {
      return minOccurs;
    }

    public int maxOccurs() {
      return maxOccurs;
    }

    public String dependingOn() {
      return dependingOn;
    }

    public String redefines() {
      return redefines;
    }

    /**
     * For an array counted by a field that is not a number: the counter's value (decoded, as text,
     * trimmed) to the number of occurrences (Cobrix's {@code occurs_mappings}); null otherwise.
     */
    public Map<String, Integer> occursMapping() {
      return countOf;
    }

    /**
     * For a non-terminal (a group's bytes also offered as one text field, Cobrix's
     * {@code non_terminals}): the group's name; else null. Decoded only; writing leaves it out.
     */
    public String textOf() {
      return textOf;
    }

    /** Bytes of one occurrence. */
    public int elementLength() {
      return type != null ? type.length() : group.recordLength();
    }

    /** Bytes of all occurrences. */
    public int length() {
      return elementLength() * Math.max(1, maxOccurs);
    }

    Field withOccurs(int min, int max, String dependingOn, Map<String, Integer> countOf) {
      return new Field(name, offset, type, group, min, max, dependingOn, redefines, textOf, countOf);
    }

    Field redefining(String other, int at) {
      return new Field(name, at, type, group, minOccurs, maxOccurs, dependingOn, other, textOf, countOf);
    }

    /** The Beam type of one occurrence. */
    Schema.FieldType elementBeamType(boolean nulling) {
      return type != null ? type.beamType() : Schema.FieldType.row(nulling ? group.nullingSchema : group.schema);
    }
  }

  /**
   * Picks one of a set of alternatives (fields that share bytes) by the value of a key field: the
   * key's decoded value, as text and trimmed, looked up in {@code alternatives}; the chosen
   * alternative is decoded, the others are null; a value not in the map leaves all of them null.
   */
  public static final class Selector implements Serializable {
    private static final long serialVersionUID = 1L;
    final String key;
    final Map<String, String> alternatives;

    Selector(String key, Map<String, String> alternatives) {
      this.key = key;
      this.alternatives = Collections.unmodifiableMap(new LinkedHashMap<>(alternatives));
    }

    public String key() {
      return key;
    }

    /** Key value to the name of the alternative it selects. */
    public Map<String, String> alternatives() {
      return alternatives;
    }
  }

  private final int recordLength;
  private final List<Field> fields;
  private final List<Selector> selectors;
  private final Schema schema;
  private final Schema nullingSchema;
  private final boolean variableSizeOccurs;

  private RecordLayout(int recordLength, List<Field> fields, List<Selector> selectors) {
    this(recordLength, fields, selectors, false);
  }

  private RecordLayout(int recordLength, List<Field> fields, List<Selector> selectors, boolean variableSizeOccurs) {
    this.recordLength = recordLength;
    this.variableSizeOccurs = variableSizeOccurs;
    this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
    this.selectors = Collections.unmodifiableList(new ArrayList<>(selectors));
    Set<String> alternatives = alternativeNames(fields);
    Schema.Builder s = Schema.builder();
    Schema.Builder nulling = Schema.builder();
    for (Field f : fields) {
      if (f.isFiller()) {
        continue;
      }
      boolean alternative = alternatives.contains(f.name);
      s.addField(f.name, beamType(f, false, alternative));
      nulling.addField(f.name, beamType(f, true, alternative));
    }
    this.schema = s.build();
    this.nullingSchema = nulling.build();
  }

  private static Schema.FieldType beamType(Field f, boolean nulling, boolean alternative) {
    Schema.FieldType element = f.elementBeamType(nulling);
    if (f.type != null) {
      element = element.withNullable(f.type.nullable() || (nulling && f.type.canRejectBytes()));
    }
    Schema.FieldType t = f.isArray() ? Schema.FieldType.array(element) : element;
    boolean nullable = alternative || (f.type != null && !f.isArray() && Nullability.isNullable(element))
        || (nulling && f.dependingOn != null);
    return t.withNullable(nullable);
  }

  /** Names of the fields that share bytes with another: the redefined ones and their redefiners. */
  static Set<String> alternativeNames(List<Field> fields) {
    Set<String> names = new HashSet<>();
    for (Field f : fields) {
      if (f.redefines != null) {
        names.add(f.name);
        names.add(f.redefines);
      }
    }
    return names;
  }

  public static Builder builder(int recordLength) {
    return new Builder(recordLength);
  }

  /**
   * The layout a COBOL copybook describes, with the defaults of {@link CopybookLayout}: EBCDIC code
   * page IBM037, IBM hexadecimal floats, big-endian binaries, text trimmed at both ends.
   *
   * @throws io.github.binfiles.copybook.CopybookException naming the copybook line and column
   */
  public static RecordLayout fromCopybook(String copybook) {
    return CopybookLayout.of(copybook).toLayout();
  }

  /**
   * The record's length in bytes; with {@link #variableSizeOccurs()}, the longest record (every
   * OCCURS DEPENDING ON array at its maximum).
   */
  public int recordLength() {
    return recordLength;
  }

  /**
   * Whether an OCCURS DEPENDING ON array takes only the bytes of the occurrences its counter says
   * (Cobrix's {@code variable_size_occurs}), so that the fields after it move up and the record
   * shrinks; otherwise (the default, as IBM's compilers lay out a record in storage) the bytes of
   * the maximum are reserved and every field has one offset.
   */
  public boolean variableSizeOccurs() {
    return variableSizeOccurs;
  }

  /**
   * This layout with {@link #variableSizeOccurs()} set: each record is laid out from its counters.
   * Decoding reads every field after an array where the array's last occurrence ends; encoding
   * writes records that way. A counter (or a selector's key) must come before the fields it places.
   *
   * @throws IllegalArgumentException if a counter or selector key follows what it places (checked
   *     when a decoder or encoder is made)
   */
  public RecordLayout withVariableSizeOccurs(boolean on) {
    return new RecordLayout(recordLength, fields, selectors, on);
  }

  public List<Field> fields() {
    return fields;
  }

  public List<Selector> selectors() {
    return selectors;
  }

  /** The schema of decoded rows: every field but fillers, in layout order. */
  public Schema schema() {
    return schema;
  }

  /**
   * The schema of rows decoded under {@link io.github.binfiles.report.CorruptionPolicy#SKIP}: as {@link
   * #schema()}, except that fields which can hold undecodable bytes ({@link
   * FieldType#canRejectBytes()}) are nullable, since such a field is then null instead of failing
   * the read.
   */
  public Schema nullingSchema() {
    return nullingSchema;
  }

  /**
   * Parses a layout from JSON:
   *
   * <pre>{"recordLength": 32, "fields": [
   *   {"name": "account", "type": "int32", "endian": "big"},
   *   {"name": "name", "type": "text", "length": 12, "charset": "IBM037", "trim": "right"},
   *   {"name": "balance", "type": "packed", "length": 6, "scale": 2},
   *   {"name": "status", "type": "zoned", "length": 3, "scale": 0, "charset": "IBM037"},
   *   {"type": "filler", "length": 7}]}</pre>
   *
   * Types: int8/16/32/64, uint8/16/32/64, float32, float64 (with "endian": "big" or "little",
   * default big), text, bytes, packed, zoned, boolean, filler. A field without "offset" follows the
   * previous one. Strict: unknown keys, a missing "length" where the type needs one, and values of
   * the wrong kind are errors naming the field.
   *
   * @throws IOException if the text is not JSON
   * @throws IllegalArgumentException naming the field, if the layout is not valid
   */
  public static RecordLayout fromJson(String json) throws IOException {
    return LayoutJson.parse(json);
  }

  /** The layout as JSON that {@link #fromJson} reads back to an equal layout. */
  public String toJson() {
    return LayoutJson.write(this);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("RecordLayout(" + (variableSizeOccurs ? "up to " : "")
        + recordLength + " bytes" + (variableSizeOccurs ? ", variable-size OCCURS" : "") + ":");
    for (Field f : fields) {
      s.append(' ').append(f.name).append('@').append(f.offset).append(' ')
          .append(f.type != null ? f.type : f.group)
          .append(f.isArray() ? "[" + (f.dependingOn == null ? "" : f.minOccurs + ".." ) + f.maxOccurs + "]" : "")
          .append(f.redefines != null ? " redefines " + f.redefines : "").append(';');
    }
    return s.append(')').toString();
  }

  /**
   * Builds a layout; fields are placed after the previous one (after the largest alternative of a
   * REDEFINES set) unless given an offset.
   */
  public static final class Builder {
    private final int recordLength;
    private final List<Field> fields = new ArrayList<>();
    private final List<Selector> selectors = new ArrayList<>();
    private int next;

    private Builder(int recordLength) {
      if (recordLength <= 0) {
        throw new IllegalArgumentException("record length must be positive, was " + recordLength);
      }
      this.recordLength = recordLength;
    }

    public Builder add(String name, FieldType type) {
      return at(name, next, type);
    }

    public Builder at(String name, int offset, FieldType type) {
      return place(new Field(name, offset, java.util.Objects.requireNonNull(type, "type")));
    }

    /** A nested group: decoded to a nested Row of {@code group}'s schema. */
    public Builder addGroup(String name, RecordLayout group) {
      return place(new Field(name, next, null, java.util.Objects.requireNonNull(group, "group"), 0, 0, null, null));
    }

    /** The field added last repeats {@code count} times: a Beam array. */
    public Builder occurs(int count) {
      return occurs(count, count, null);
    }

    /**
     * The field added last repeats {@code min} to {@code max} times, as many as the value of the
     * field {@code dependingOn} (a name, or a dotted path from the record's top, of a numeric field
     * before this one outside any array) says; the bytes of {@code max} occurrences are reserved.
     * A count outside {@code min..max} is damage.
     */
    public Builder occurs(int min, int max, String dependingOn) {
      return occurs(min, max, dependingOn, null);
    }

    /**
     * As {@link #occurs(int, int, String)}, the counter's value (decoded, as text, trimmed; numbers
     * in plain notation) mapped to the number of occurrences by {@code counts} (Cobrix's {@code
     * occurs_mappings}): how a text code says how many entries follow. A value not in the map is
     * damage, as a count outside {@code min..max} is.
     */
    public Builder occurs(int min, int max, String dependingOn, Map<String, Integer> counts) {
      Field last = last("occurs");
      if (counts != null) {
        if (dependingOn == null) {
          throw new IllegalArgumentException("field " + last.name + ": an occurs mapping needs DEPENDING ON a field");
        }
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
          if (e.getValue() == null || e.getValue() < min || e.getValue() > max) {
            throw new IllegalArgumentException("field " + last.name + ": the occurs mapping gives " + e.getKey()
                + " -> " + e.getValue() + ", outside OCCURS " + min + " TO " + max);
          }
        }
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
      }
      if (min < 0 || max < 1 || min > max || (dependingOn == null && min != max)) {
        throw new IllegalArgumentException("field " + last.name + ": OCCURS " + min + " TO " + max
            + (dependingOn == null ? " needs DEPENDING ON a field" : " is not a range"));
      }
      if (last.isArray()) {
        throw new IllegalArgumentException("field " + last.name + " already repeats");
      }
      fields.set(fields.size() - 1, last.withOccurs(min, max, dependingOn, counts));
      next = Math.max(next, last.offset + last.elementLength() * max);
      return this;
    }

    /**
     * The field added last shares the bytes of {@code other}, an earlier field of this layout (or an
     * alternative of it): the two are alternatives, each nullable in the schema.
     */
    public Builder redefines(String other) {
      Field last = last("redefines");
      Field target = null;
      for (Field f : fields) {
        if (f.name.equals(other) && f != last) {
          target = f;
        }
      }
      if (target == null) {
        throw new IllegalArgumentException("field " + last.name + " redefines " + other + ", which is not an earlier field");
      }
      String root = target.redefines != null ? target.redefines : target.name;
      int at = target.offset;
      fields.set(fields.size() - 1, last.redefining(root, at));
      next = 0;
      for (Field f : fields) {
        next = Math.max(next, f.offset + f.length());
      }
      return this;
    }

    /**
     * Offers the bytes of {@code group} (a group added earlier, not repeated) also as the text field
     * {@code name} (a non-terminal, Cobrix's {@code non_terminals}), right after it: decoded from the
     * same bytes, left out when writing (the group's fields write them).
     */
    public Builder nonTerminal(String group, String name, FieldType text) {
      Field target = null;
      for (Field f : fields) {
        if (f.name.equals(group)) {
          target = f;
        }
      }
      if (target == null || !target.isGroup() || target.isArray()) {
        throw new IllegalArgumentException("non-terminal " + name + ": " + group
            + (target == null ? " is not an earlier field" : " is not a group that occurs once"));
      }
      if (text.kind != FieldType.Kind.TEXT || text.length() != target.length()) {
        throw new IllegalArgumentException("non-terminal " + name + " is text of the group's " + target.length() + " bytes");
      }
      fields.add(new Field(name, target.offset, text, null, 0, 0, null, null, group));
      return this;
    }

    /**
     * Bytes over {@code other} (an earlier field) that no field names, {@code length} of them from
     * its start (COBOL {@code FILLER REDEFINES}): the next field added follows both.
     */
    Builder fillerRedefining(String other, int length) {
      Field target = null;
      for (Field f : fields) {
        if (f.name.equals(other)) {
          target = f;
        }
      }
      if (target == null) {
        throw new IllegalArgumentException("a FILLER redefines " + other + ", which is not an earlier field");
      }
      next = Math.max(next, target.offset + length);
      return this;
    }

    /**
     * Chooses among the alternatives named in {@code alternatives} (values: field names of one
     * REDEFINES set of this layout) by the value of {@code key} (a name or dotted path of an
     * elementary field outside arrays): see {@link Selector}.
     */
    public Builder selectBy(String key, Map<String, String> alternatives) {
      selectors.add(new Selector(key, alternatives));
      return this;
    }

    private Field last(String what) {
      if (fields.isEmpty()) {
        throw new IllegalStateException(what + " applies to the field added last; none was added");
      }
      return fields.get(fields.size() - 1);
    }

    private Builder place(Field f) {
      if (f.name == null || f.name.isEmpty()) {
        throw new IllegalArgumentException("field names must not be empty");
      }
      fields.add(f);
      next = f.offset + f.length();
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the field: outside the record, overlapping another
     *     that is not its alternative, a duplicate name, or a selector naming unknown alternatives
     */
    public RecordLayout build() {
      Set<String> names = new HashSet<>();
      List<Field> sorted = new ArrayList<>(fields);
      sorted.sort((a, b) -> Integer.compare(a.offset, b.offset));
      Field reach = null; // the field reaching furthest so far
      for (Field f : sorted) {
        if (f.offset < 0 || (long) f.offset + f.length() > recordLength) {
          throw new IllegalArgumentException("field " + f.name + " (bytes " + f.offset + " to "
              + ((long) f.offset + f.length()) + ") does not fit in a record of " + recordLength + " bytes");
        }
        if (!f.isFiller() && !names.add(f.name)) {
          throw new IllegalArgumentException("field name " + f.name + " is used twice");
        }
        if (f.textOf != null) {
          continue; // the group's own bytes, seen as text
        }
        if (reach != null && reach.offset + reach.length() > f.offset && !sameSet(reach, f)) {
          throw new IllegalArgumentException("field " + f.name + " at byte " + f.offset
              + " overlaps field " + reach.name + " (bytes " + reach.offset + " to "
              + (reach.offset + reach.length()) + ")" + " (fields that share bytes need redefines)");
        }
        if (reach == null || f.offset + f.length() > reach.offset + reach.length()) {
          reach = f;
        }
      }
      for (Selector s : selectors) {
        Set<String> sets = new HashSet<>();
        for (String alternative : s.alternatives.values()) {
          Field f = fields.stream().filter(x -> x.name.equals(alternative)).findFirst().orElse(null);
          if (f == null || !alternativeNames(fields).contains(alternative)) {
            throw new IllegalArgumentException("selector on " + s.key + ": " + alternative
                + " is not a field that shares bytes with another (redefines)");
          }
          sets.add(f.redefines != null ? f.redefines : f.name);
        }
        if (sets.size() > 1) {
          throw new IllegalArgumentException("selector on " + s.key + " names alternatives of different"
              + " REDEFINES sets: " + s.alternatives.values());
        }
      }
      // By offset; the sort is stable, so an alternative follows the field it redefines.
      return new RecordLayout(recordLength, sorted, selectors);
    }

    private static boolean sameSet(Field a, Field b) {
      String ra = a.redefines != null ? a.redefines : a.name;
      String rb = b.redefines != null ? b.redefines : b.name;
      return ra.equals(rb);
    }
  }
}
