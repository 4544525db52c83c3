package io.github.binfiles.layout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An elementary field that every record holds at the same byte offset: outside arrays and REDEFINES
 * alternatives, and (under {@link RecordLayout#variableSizeOccurs()}) before any array whose size
 * varies. Found by name for the settings that read one field of a record before decoding it: a
 * record's length ({@code --length-field}), its segment ({@link SegmentIds}).
 *
 * @param path the field's dotted path in the layout
 * @param offset its first byte in the record
 * @param type how its bytes hold its value
 */
public record FixedPlaceField(String path, int offset, FieldType type) implements java.io.Serializable {
  /**
   * The field {@code name} (its name, dotted path, or COBOL name with {@code -} for {@code _}) of
   * {@code layout}.
   *
   * @param role what the field is for, for messages ("the length field")
   * @throws IllegalArgumentException naming {@code role} when no such field or several exist, or
   *     when its place varies
   */
  public static FixedPlaceField named(RecordLayout layout, String name, String role) {
    String wanted = name.replace('-', '_');
    List<FixedPlaceField> found = new ArrayList<>();
    find(layout, "", 0, wanted, found);
    if (found.size() != 1) {
      List<String> paths = new ArrayList<>();
      found.forEach(f -> paths.add(f.path));
      throw new IllegalArgumentException(role + " " + name + (found.isEmpty()
          ? " is not an elementary field of the layout outside arrays and REDEFINES"
          : " is ambiguous: " + paths + " (use a dotted path)"));
    }
    FixedPlaceField f = found.get(0);
    if (layout.variableSizeOccurs() && arrayWithACounterBefore(layout, 0, f.offset)) {
      throw new IllegalArgumentException(role + " " + f.path + " (" + f.type + ") follows an OCCURS"
          + " DEPENDING ON array whose size varies: it has no fixed place in the record");
    }
    return f;
  }

  /** The field's value in the record at {@code b[at, at + length)}, decoded by its type. */
  Object decode(byte[] b, int at) throws FieldCodec.BadFieldException {
    return FieldCodec.decode(type, FieldType.charset(type.charset()), b, at + offset);
  }

  private static boolean arrayWithACounterBefore(RecordLayout layout, int base, int offset) {
    for (RecordLayout.Field f : layout.fields()) {
      if (base + f.offset() >= offset) {
        continue;
      }
      if (f.dependingOn() != null || (f.isGroup() && arrayWithACounterBefore(f.group(), base + f.offset(), offset))) {
        return true;
      }
    }
    return false;
  }

  private static void find(RecordLayout layout, String prefix, int base, String wanted, List<FixedPlaceField> found) {
    Set<String> alternatives = new HashSet<>();
    for (RecordLayout.Field f : layout.fields()) {
      if (f.redefines() != null) {
        alternatives.add(f.name());
        alternatives.add(f.redefines());
      }
    }
    for (RecordLayout.Field f : layout.fields()) {
      if (f.isFiller() || f.isArray() || alternatives.contains(f.name())) {
        continue;
      }
      String path = prefix + f.name();
      if (f.isGroup()) {
        find(f.group(), path + ".", base + f.offset(), wanted, found);
      } else if (path.equals(wanted) || path.endsWith("." + wanted)) {
        found.add(new FixedPlaceField(path, base + f.offset(), f.type()));
      }
    }
  }
}
