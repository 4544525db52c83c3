package io.github.binfiles.layout;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Parent and child segments of a hierarchical file (Cobrix's {@code segment-children}): each
 * record type (a REDEFINES alternative chosen by {@link CopybookLayout#withRecordTypes}) names the
 * types of its children. A read with a hierarchy returns one row per root record, its children
 * nested into it as arrays, theirs into them, and so on, as Cobrix's hierarchical reader does:
 *
 * <ul>
 *   <li>the row keeps the layout's fields outside the alternatives (the segment field) from the
 *       root record, and the root's alternative, to which an array field per child type is added
 *       (named as the child's alternative, in the order given); the other alternatives are gone;
 *   <li>a record belongs to the last record before it of its parent's type, within its root;
 *   <li>a record that cannot be placed (before the file's first root, before any record of its
 *       parent's type since the root, or of a type outside the hierarchy) fails the read, naming
 *       it: binfiles does not drop records silently.
 * </ul>
 */
public final class SegmentHierarchy implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Map<String, List<String>> children;

  private SegmentHierarchy(Map<String, List<String>> children) {
    this.children = children;
  }

  /** A hierarchy without segments yet: add each parent's children with {@link #children}. */
  public static SegmentHierarchy of() {
    return new SegmentHierarchy(Map.of());
  }

  /**
   * Adds the child types of {@code parent} (alternative names, or their COBOL names; Cobrix's
   * {@code segment-children:N "PARENT => CHILD1,CHILD2"}).
   */
  public SegmentHierarchy children(String parent, String... childTypes) {
    String p = CopybookLayout.beamName(parent.trim());
    if (children.containsKey(p)) {
      throw new IllegalArgumentException("the children of " + parent + " are given twice");
    }
    if (childTypes.length == 0) {
      throw new IllegalArgumentException(parent + " needs at least one child type");
    }
    Map<String, List<String>> m = new LinkedHashMap<>(children);
    List<String> c = new ArrayList<>();
    for (String child : childTypes) {
      c.add(CopybookLayout.beamName(child.trim()));
    }
    m.put(p, Collections.unmodifiableList(c));
    return new SegmentHierarchy(Collections.unmodifiableMap(m));
  }

  /** From {@code PARENT=>CHILD,CHILD;PARENT=>CHILD,...}, e.g. {@code COMPANY=>DEPT,CUSTOMER;DEPT=>EMPLOYEE}. */
  public static SegmentHierarchy parse(String setting) {
    SegmentHierarchy h = of();
    for (String part : setting.split(";")) {
      int arrow = part.indexOf("=>");
      if (arrow <= 0 || part.substring(arrow + 2).isBlank()) {
        throw new IllegalArgumentException("a segment hierarchy is PARENT=>CHILD,CHILD;PARENT=>CHILD,...,"
            + " e.g. COMPANY=>DEPT,CUSTOMER;DEPT=>EMPLOYEE; was " + setting);
      }
      h = h.children(part.substring(0, arrow), part.substring(arrow + 2).split(","));
    }
    return h;
  }

  /** Parent type to its child types. */
  public Map<String, List<String>> children() {
    return children;
  }

  @Override
  public String toString() {
    return children.toString();
  }

  /**
   * This hierarchy over {@code layout}'s record types.
   *
   * @throws IllegalArgumentException when the layout has no record types holding every segment
   *     named, or the segments do not form one tree
   */
  public Bound bind(RecordLayout layout) {
    if (children.isEmpty()) {
      throw new IllegalArgumentException("a segment hierarchy needs at least one parent and its children");
    }
    Set<String> named = new LinkedHashSet<>();
    Map<String, String> parentOf = new HashMap<>();
    for (Map.Entry<String, List<String>> e : children.entrySet()) {
      named.add(e.getKey());
      for (String c : e.getValue()) {
        named.add(c);
        String before = parentOf.put(c, e.getKey());
        if (before != null) {
          throw new IllegalArgumentException("segment " + c + " is a child of both " + before + " and " + e.getKey());
        }
      }
    }
    RecordLayout.Selector selector = null;
    for (RecordLayout.Selector s : layout.selectors()) {
      if (s.alternatives().values().containsAll(named)) {
        selector = s;
      }
    }
    if (selector == null) {
      throw new IllegalArgumentException("no record types of the layout hold all of the segments " + named
          + ": name each REDEFINES alternative's segment field values with withRecordTypes (--record-types)"
          + " first; the layout's record types are " + typesOf(layout));
    }
    String root = null;
    for (String p : children.keySet()) {
      if (!parentOf.containsKey(p)) {
        if (root != null) {
          throw new IllegalArgumentException("segments " + root + " and " + p + " are both roots (no parent):"
              + " a hierarchy has one root type");
        }
        root = p;
      }
    }
    if (root == null) {
      throw new IllegalArgumentException("the segment hierarchy " + children + " has no root: it is a cycle");
    }
    List<String> rootValues = new ArrayList<>();
    for (Map.Entry<String, String> e : selector.alternatives().entrySet()) {
      if (e.getValue().equals(root)) {
        rootValues.add(e.getKey());
      }
    }
    if (!layout.schema().hasField(selector.key())) {
      throw new IllegalArgumentException("the record type key " + selector.key() + " is not a top-level field");
    }
    return new Bound(this, selector, root, parentOf, rootValues.toArray(new String[0]));
  }

  private static List<String> typesOf(RecordLayout layout) {
    List<String> out = new ArrayList<>();
    layout.selectors().forEach(s -> out.add(s.key() + " " + s.alternatives()));
    return out;
  }

  /** A hierarchy bound to a layout: the segment ids that group records by root, and the nesting. */
  public static final class Bound implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SegmentHierarchy hierarchy;
    private final String key;
    private final Map<String, String> typeOf;
    private final Set<String> alternatives;
    private final String root;
    private final Map<String, String> parentOf;
    private final String[] rootValues;

    Bound(SegmentHierarchy hierarchy, RecordLayout.Selector selector, String root, Map<String, String> parentOf,
        String[] rootValues) {
      this.hierarchy = hierarchy;
      this.key = selector.key();
      this.typeOf = new HashMap<>(selector.alternatives());
      this.alternatives = new LinkedHashSet<>(selector.alternatives().values());
      this.root = root;
      this.parentOf = new HashMap<>(parentOf);
      this.rootValues = rootValues;
    }

    /** The segment ids that mark where each root's records start (one level: the root's values). */
    public SegmentIds rootIds() {
      return SegmentIds.by(key).level(rootValues).withPrefix("R");
    }

    /** The nested row's schema, from the flat rows' layout fields ({@code fields}). */
    public Schema nestedSchema(Schema fields) {
      Schema.Builder b = Schema.builder();
      for (Schema.Field f : fields.getFields()) {
        if (f.getName().equals(root)) {
          b.addField(f.getName(), Schema.FieldType.row(withChildren(root, fields)).withNullable(Nullability.isNullable(f.getType())));
        } else if (!alternatives.contains(f.getName())) {
          b.addField(f);
        }
      }
      return b.build();
    }

    private Schema withChildren(String type, Schema fields) {
      Schema.Builder b = Schema.builder().addFields(fields.getField(type).getType().getRowSchema().getFields());
      for (String c : hierarchy.children.getOrDefault(type, List.of())) {
        b.addArrayField(c, Schema.FieldType.row(withChildren(c, fields)));
      }
      return b.build();
    }

    /** A node of the tree being built: a record's alternative and its children by type. */
    private static final class Node {
      final Row record;
      final Map<String, List<Node>> children = new HashMap<>();

      Node(Row record) {
        this.record = record;
      }
    }

    /**
     * One root's records, in file order, nested into a row of {@code schema} ({@link
     * #nestedSchema}).
     *
     * @param where names each record for errors (its file and position)
     * @throws IllegalArgumentException naming a record that cannot be placed
     */
    public Row nest(List<Row> records, Schema schema, java.util.function.IntFunction<String> where) {
      Map<String, Node> last = new HashMap<>();
      Node top = null;
      for (int i = 0; i < records.size(); i++) {
        Row r = records.get(i);
        Object keyValue = r.getValue(key);
        String type = keyValue == null ? null : typeOf.get(LayoutPlan.keyText(keyValue));
        if (type == null || (!type.equals(root) && !parentOf.containsKey(type))) {
          throw new IllegalArgumentException(where.apply(i) + " has segment " + r.getValue(key)
              + (type == null ? ", which is no record type" : " (" + type + "), which is not in the hierarchy "
              + hierarchy.children) + ": it cannot be placed in a hierarchical row");
        }
        Node node = new Node(r.getRow(type));
        if (type.equals(root)) {
          if (i > 0) {
            throw new IllegalStateException(where.apply(i) + " is a second root in one group");
          }
          top = node;
        } else {
          Node parent = i == 0 ? null : last.get(parentOf.get(type));
          if (parent == null) {
            throw new IllegalArgumentException(where.apply(i) + " is a " + type + " segment with no "
                + parentOf.get(type) + " before it" + (top == null ? " (before the file's first " + root + ")"
                : " since its " + root) + ": it cannot be placed in a hierarchical row");
          }
          parent.children.computeIfAbsent(type, k -> new ArrayList<>()).add(node);
          forgetBelow(type, last);
        }
        last.put(type, node);
      }
      List<Object> values = new ArrayList<>();
      for (Schema.Field f : schema.getFields()) {
        values.add(f.getName().equals(root) ? struct(top, root, f.getType().getRowSchema())
            : records.get(0).getValue(f.getName()));
      }
      return Row.withSchema(schema).attachValues(values);
    }

    private void forgetBelow(String type, Map<String, Node> last) {
      for (String c : hierarchy.children.getOrDefault(type, List.of())) {
        last.remove(c);
        forgetBelow(c, last);
      }
    }

    private Row struct(Node node, String type, Schema schema) {
      if (node.record == null) {
        return null;
      }
      List<Object> values = new ArrayList<>(node.record.getValues());
      for (String c : hierarchy.children.getOrDefault(type, List.of())) {
        Schema childSchema = schema.getField(c).getType().getCollectionElementType().getRowSchema();
        List<Row> rows = new ArrayList<>();
        for (Node child : node.children.getOrDefault(c, List.of())) {
          rows.add(struct(child, c, childSchema));
        }
        values.add(rows);
      }
      return Row.withSchema(schema).attachValues(values);
    }
  }
}
