package io.github.binfiles.layout;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
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
