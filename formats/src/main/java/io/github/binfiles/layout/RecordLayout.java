package io.github.binfiles.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A declarative layout of a fixed-length record: named fields at byte offsets, each with a {@link
 * FieldType}. Validated on construction: every field inside the record, no two overlapping, names
 * unique. Defines the Beam {@link Schema} of the rows it decodes to (fillers are not in it).
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
 */
public final class RecordLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One field: name, offset, type. */
  public static final class Field implements Serializable {
    private static final long serialVersionUID = 1L;
    final String name;
    final int offset;
    final FieldType type;

    Field(String name, int offset, FieldType type) {
      this.name = name;
      this.offset = offset;
      this.type = type;
    }

    public String name() {
      return name;
    }

    public int offset() {
      return offset;
    }

    public FieldType type() {
      return type;
    }
  }

  private final int recordLength;
  private final List<Field> fields;
  private final Schema schema;
  private final Schema nullingSchema;

  private RecordLayout(int recordLength, List<Field> fields) {
    this.recordLength = recordLength;
    this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
    Schema.Builder s = Schema.builder();
    Schema.Builder nulling = Schema.builder();
    for (Field f : fields) {
      if (f.type.kind != FieldType.Kind.FILLER) {
        s.addField(f.name, f.type.beamType());
        nulling.addField(f.name, f.type.beamType().withNullable(f.type.canRejectBytes()));
      }
    }
    this.schema = s.build();
    this.nullingSchema = nulling.build();
  }

  public static Builder builder(int recordLength) {
    return new Builder(recordLength);
  }

  public int recordLength() {
    return recordLength;
  }

  public List<Field> fields() {
    return fields;
  }

  /** The schema of decoded rows: every field but fillers, in layout order. */
  public Schema schema() {
    return schema;
  }

  /**
   * The schema of rows decoded under {@link io.github.binfiles.CorruptionPolicy#SKIP}: as {@link
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
   * previous one.
   */
  public static RecordLayout fromJson(String json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    if (root == null || !root.has("recordLength") || !root.has("fields")) {
      throw new IllegalArgumentException("a layout needs \"recordLength\" and \"fields\"");
    }
    Builder b = builder(root.get("recordLength").asInt());
    int filler = 0;
    for (JsonNode f : root.get("fields")) {
      String type = text(f, "type", null);
      if (type == null) {
        throw new IllegalArgumentException("field " + f + " has no \"type\"");
      }
      FieldType t = typeFromJson(type.toLowerCase(Locale.ROOT), f);
      String name = text(f, "name", t.kind == FieldType.Kind.FILLER ? "_filler" + filler++ : null);
      if (name == null) {
        throw new IllegalArgumentException("field " + f + " has no \"name\"");
      }
      if (f.has("offset")) {
        b.at(name, f.get("offset").asInt(), t);
      } else {
        b.add(name, t);
      }
    }
    return b.build();
  }

  /** The layout as JSON that {@link #fromJson} reads back to an equal layout. */
  public String toJson() {
    ObjectMapper mapper = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode root = mapper.createObjectNode();
    root.put("recordLength", recordLength);
    com.fasterxml.jackson.databind.node.ArrayNode array = root.putArray("fields");
    for (Field f : fields) {
      com.fasterxml.jackson.databind.node.ObjectNode n = array.addObject();
      FieldType t = f.type;
      n.put("name", f.name).put("offset", f.offset);
      switch (t.kind) {
        case INT:
        case UINT:
          n.put("type", (t.kind == FieldType.Kind.UINT ? "uint" : "int") + (8 * t.length));
          n.put("endian", t.bigEndian ? "big" : "little");
          break;
        case FLOAT:
          n.put("type", "float" + (8 * t.length)).put("endian", t.bigEndian ? "big" : "little");
          break;
        case TEXT:
          n.put("type", "text").put("length", t.length).put("charset", t.charset)
              .put("trim", t.trim.name().toLowerCase(Locale.ROOT));
          break;
        case PACKED_DECIMAL:
          n.put("type", "packed").put("length", t.length).put("scale", t.scale);
          break;
        case ZONED_DECIMAL:
          n.put("type", "zoned").put("length", t.length).put("scale", t.scale).put("charset", t.charset);
          break;
        case BOOLEAN:
          n.put("type", "boolean");
          break;
        default:
          n.put("type", t.kind.name().toLowerCase(Locale.ROOT)).put("length", t.length);
      }
    }
    return root.toString();
  }

  private static FieldType typeFromJson(String type, JsonNode f) {
    boolean big = !"little".equalsIgnoreCase(text(f, "endian", "big"));
    int length = f.has("length") ? f.get("length").asInt() : -1;
    int scale = f.has("scale") ? f.get("scale").asInt() : 0;
    switch (type) {
      case "int8": return FieldType.signed(1, big);
      case "int16": return FieldType.signed(2, big);
      case "int32": return FieldType.signed(4, big);
      case "int64": return FieldType.signed(8, big);
      case "uint8": return FieldType.unsigned(1, big);
      case "uint16": return FieldType.unsigned(2, big);
      case "uint32": return FieldType.unsigned(4, big);
      case "uint64": return FieldType.unsigned(8, big);
      case "float32": return FieldType.ieee(4, big);
      case "float64": return FieldType.ieee(8, big);
      case "text":
        return FieldType.text(length, text(f, "charset", "US-ASCII"),
            FieldType.Trim.valueOf(text(f, "trim", "right").toUpperCase(Locale.ROOT)));
      case "bytes": return FieldType.bytes(length);
      case "packed": return FieldType.packedDecimal(length, scale);
      case "zoned": return FieldType.zonedDecimal(length, scale, text(f, "charset", "IBM037"));
      case "boolean": return FieldType.bool();
      case "filler": return FieldType.filler(length);
      default:
        throw new IllegalArgumentException("unknown field type \"" + type + "\"");
    }
  }

  private static String text(JsonNode f, String key, String otherwise) {
    return f.has(key) ? f.get(key).asText() : otherwise;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("RecordLayout(" + recordLength + " bytes:");
    for (Field f : fields) {
      s.append(' ').append(f.name).append('@').append(f.offset).append(' ').append(f.type).append(';');
    }
    return s.append(')').toString();
  }

  /** Builds a layout; fields are placed after the previous one unless given an offset. */
  public static final class Builder {
    private final int recordLength;
    private final List<Field> fields = new ArrayList<>();
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
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("field names must not be empty");
      }
      fields.add(new Field(name, offset, type));
      next = offset + type.length();
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the field: outside the record, overlapping another,
     *     or a duplicate name
     */
    public RecordLayout build() {
      Set<String> names = new HashSet<>();
      List<Field> sorted = new ArrayList<>(fields);
      sorted.sort((a, b) -> Integer.compare(a.offset, b.offset));
      for (int i = 0; i < sorted.size(); i++) {
        Field f = sorted.get(i);
        if (f.offset < 0 || (long) f.offset + f.type.length() > recordLength) {
          throw new IllegalArgumentException("field " + f.name + " (bytes " + f.offset + " to "
              + (f.offset + f.type.length()) + ") does not fit in a record of " + recordLength + " bytes");
        }
        if (!names.add(f.name)) {
          throw new IllegalArgumentException("field name " + f.name + " is used twice");
        }
        if (i > 0) {
          Field prev = sorted.get(i - 1);
          if (prev.offset + prev.type.length() > f.offset) {
            throw new IllegalArgumentException("field " + f.name + " at byte " + f.offset
                + " overlaps field " + prev.name + " (bytes " + prev.offset + " to "
                + (prev.offset + prev.type.length()) + ")");
          }
        }
      }
      return new RecordLayout(recordLength, sorted);
    }
  }
}
