package io.github.binfiles.layout;

import io.github.binfiles.spi.FieldNullingDecoder;
import io.github.binfiles.spi.RecordDecoder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * Decodes a record into a {@link Row} of the layout's {@link RecordLayout#schema() schema}, straight
 * from the reader's buffer: groups become nested Rows, repeated fields lists (as many as their
 * DEPENDING ON field says), alternatives (REDEFINES) the one their selector picks, or without a
 * selector each one whose bytes are valid for it (the others null). A field whose bytes it cannot
 * hold fails with its path, offset and bytes; the reader adds the file and record.
 * {@link #nullingBadFields} makes the decoder the reads use under {@link
 * io.github.binfiles.report.CorruptionPolicy#SKIP}, which sets such a field to null instead and
 * reports it.
 */
public final class LayoutDecoder implements RecordDecoder<Row> {
  private static final long serialVersionUID = 1L;
  private final RecordLayout layout;
  private transient LayoutPlan plan;

  public LayoutDecoder(RecordLayout layout) {
    this.layout = layout;
    this.plan = new LayoutPlan(layout); // fails now on a reference that does not resolve
  }

  /**
   * A decoder whose rows have the layout's {@link RecordLayout#nullingSchema() nulling schema}: when
   * its reader collects nulled fields (SKIP), an undecodable field becomes null and is reported;
   * otherwise it fails as {@link LayoutDecoder} does.
   */
  public static FieldNullingDecoder<Row> nullingBadFields(RecordLayout layout) {
    return new Nulling(layout);
  }

  @Override
  public Row decode(byte[] buffer, int offset, int length) throws Exception {
    if (plan == null) {
      plan = new LayoutPlan(layout);
    }
    return new Decoding(buffer, offset, false, null).record(plan, length);
  }

  /** See {@link #nullingBadFields}. */
  private static final class Nulling implements FieldNullingDecoder<Row> {
    private static final long serialVersionUID = 1L;
    private final RecordLayout layout;
    private transient LayoutPlan plan;

    Nulling(RecordLayout layout) {
      this.layout = layout;
      this.plan = new LayoutPlan(layout);
    }

    @Override
    public Row decode(byte[] buffer, int offset, int length) throws Exception {
      return decode(buffer, offset, length, null);
    }

    @Override
    public Row decode(byte[] buffer, int offset, int length, NulledFields nulled) throws Exception {
      if (plan == null) {
        plan = new LayoutPlan(layout);
      }
      return new Decoding(buffer, offset, true, nulled).record(plan, length);
    }
  }

  /** One record's decoding: the bytes, where the record starts, and what to do with bad fields. */
  private static final class Decoding {
    private final byte[] b;
    private final int record;
    /** Index just past the record's last byte: a record may be shorter than the layout. */
    private int limit;
    private final boolean nullingSchema;
    private final FieldNullingDecoder.NulledFields nulled;
    /** With variable-size OCCURS: where each field a counter or key names was placed; else null. */
    private int[] positions;
    /** Bytes the value decoded last took (with variable-size OCCURS, what its arrays hold). */
    private int used;
    private boolean hintVariableSizeOccurs;

    Decoding(byte[] b, int record, boolean nullingSchema, FieldNullingDecoder.NulledFields nulled) {
      this.b = b;
      this.record = record;
      this.nullingSchema = nullingSchema;
      this.nulled = nulled;
    }

    /**
     * A record may be shorter than the layout (variable-length files: each record type, or each
     * OCCURS DEPENDING ON count, has its own length) as long as every field decoded lies inside
     * it; a field the record's end cuts is an error naming it (or null where a bad field is).
     */
    Row record(LayoutPlan plan, int length) {
      if (length > plan.root.layout.recordLength()) {
        throw new IllegalArgumentException("record of " + length + " bytes, layout is "
            + (plan.variable ? "at most " : "") + plan.root.layout.recordLength()
            + " (check the record length, or the copybook)");
      }
      limit = record + length;
      hintVariableSizeOccurs = !plan.variable && plan.fieldsFollowAnArrayWithACounter;
      if (plan.variable) {
        positions = new int[plan.slots];
        Arrays.fill(positions, -1);
      }
      try {
        return group(plan.root, record, false);
      } catch (FieldCodec.BadFieldException e) {
        throw new AssertionError("strict decoding reports bad fields itself", e);
      }
    }

    /**
     * The group at {@code base}; {@code lenient} (inside an alternative without a selector): a bad
     * field throws, so that the alternative becomes null. Sets {@link #used}.
     */
    private Row group(LayoutPlan.Group g, int base, boolean lenient) throws FieldCodec.BadFieldException {
      List<LayoutPlan.Member> members = g.members;
      List<Object> values = new ArrayList<>(members.size());
      String[] picks = null;
      // With variable-size OCCURS, the bytes the arrays before a member did not use move it up.
      int shrink = 0;
      int previousAt = base;
      for (int i = 0; i < members.size(); i++) {
        LayoutPlan.Member m = members.get(i);
        // A non-terminal follows its group and reads the group's bytes.
        int at = m.field.textOf != null ? previousAt : base + m.field.offset - shrink;
        previousAt = at;
        if (m.slot >= 0) {
          positions[m.slot] = at;
        }
        if (m.field.textOf != null) {
          values.add(value(m, at, base, lenient));
          continue;
        }
        if (m.field.isFiller()) {
          if (positions != null && m.counter != null) {
            shrink += m.field.length() - count(m, at, base, lenient) * m.field.elementLength();
          }
          continue;
        }
        if (m.set < 0) {
          values.add(value(m, at, base, lenient));
          if (positions != null) {
            shrink += m.field.length() - used;
          }
          continue;
        }
        // Alternatives keep their reserved bytes, as Cobrix places them.
        LayoutPlan.Choice c = g.choices.get(m.set);
        if (c == null) {
          values.add(alternative(m, at, base));
          continue;
        }
        if (picks == null) {
          picks = new String[g.choices.size()];
        }
        if (picks[m.set] == null) {
          picks[m.set] = pick(c, base, lenient);
        }
        values.add(m.field.name.equals(picks[m.set]) ? value(m, at, base, lenient) : null);
      }
      used = g.layout.recordLength() - shrink;
      return Row.withSchema(nullingSchema ? g.nullingSchema : g.schema).attachValues(values);
    }

    private Object alternative(LayoutPlan.Member m, int at, int base) {
      try {
        return value(m, at, base, true);
      } catch (FieldCodec.BadFieldException | PastEnd e) {
        return null; // these bytes are another alternative's
      }
    }

    /** The name of the alternative the selector's key picks ("" for none). */
    private String pick(LayoutPlan.Choice c, int base, boolean lenient) throws FieldCodec.BadFieldException {
      return c.alternativeFor(read(c.key, base, lenient));
    }

    private int at(LayoutPlan.Ref ref, int base) {
      if (positions == null) {
        return (ref.local ? base : record) + ref.offset;
      }
      int at = positions[ref.slot];
      if (at < 0) {
        throw new IllegalArgumentException("field " + ref.path + " was not decoded before the field it places"
            + " (it is in an alternative this record does not hold)");
      }
      return at;
    }

    private Object read(LayoutPlan.Ref ref, int base, boolean lenient) throws FieldCodec.BadFieldException {
      int at = at(ref, base);
      if (at + ref.type.length() > limit) {
        throw pastEnd(ref.path, ref.type, at, lenient);
      }
      try {
        return FieldCodec.decode(ref.type, ref.charset, b, at);
      } catch (FieldCodec.BadFieldException e) {
        if (lenient) {
          throw e;
        }
        throw badField(ref.path, ref.type, at, e);
      }
    }

    /** The field at {@code at}; sets {@link #used}. */
    private Object value(LayoutPlan.Member m, int at, int base, boolean lenient) throws FieldCodec.BadFieldException {
      RecordLayout.Field f = m.field;
      if (!f.isArray()) {
        return one(m, at, lenient);
      }
      int count = f.maxOccurs;
      if (m.counter != null) {
        count = count(m, at, base, lenient);
        if (count < 0) {
          used = f.length();
          return null;
        }
      }
      List<Object> list = new ArrayList<>(count);
      int next = at;
      for (int i = 0; i < count; i++) {
        list.add(one(m, next, lenient));
        next += positions == null ? f.elementLength() : used;
      }
      used = next - at;
      return list;
    }

    /**
     * The occurrences {@code m}'s counter says; -1 (reported) when it is outside the array's range
     * and the nulling decoder nulls the array. With variable-size OCCURS nothing after such an
     * array has a known place, so the record fails instead.
     */
    private int count(LayoutPlan.Member m, int at, int base, boolean lenient) throws FieldCodec.BadFieldException {
      RecordLayout.Field f = m.field;
      Object n = read(m.counter, base, lenient);
      long c = f.countOf != null ? mapped(f.countOf, n)
          : n == null ? -1 : n instanceof BigDecimal ? count((BigDecimal) n) : ((Number) n).longValue();
      if (c >= f.minOccurs && c <= f.maxOccurs) {
        return (int) c;
      }
      String problem = "OCCURS " + f.minOccurs + " TO " + f.maxOccurs + " DEPENDING ON " + m.counter.path
          + ", which is " + (f.countOf != null ? "'" + n + "', not in its occurs mapping " + f.countOf : n)
          + " (check the counter field, or the record length" + variableSizeHint() + ")";
      if (lenient) {
        throw new FieldCodec.BadFieldException(problem);
      }
      int counterAt = at(m.counter, base);
      if (nulled == null || positions != null) {
        throw new IllegalArgumentException("field " + m.path + " at record byte " + (at - record) + ": " + problem
            + (positions != null ? "; with variable-size OCCURS the fields after it have no place" : ""));
      }
      nulled.nulled(m.path, at - record,
          Arrays.copyOfRange(b, counterAt, counterAt + m.counter.type.length()), problem);
      return -1;
    }

    /** The count an occurs mapping gives a counter's value, or -1. */
    static long mapped(java.util.Map<String, Integer> countOf, Object value) {
      if (value == null) {
        return -1;
      }
      String key = value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : value.toString().trim();
      Integer c = countOf.get(key);
      return c == null ? -1 : c;
    }

    private static long count(BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        return -1;
      }
    }

    /** One occurrence at {@code at}; sets {@link #used}. */
    private Object one(LayoutPlan.Member m, int at, boolean lenient) throws FieldCodec.BadFieldException {
      if (m.group != null) {
        return group(m.group, at, lenient);
      }
      used = m.type.length();
      if (at + m.type.length() > limit) {
        if (lenient || nulled == null) {
          throw pastEnd(m.path, m.type, at, lenient);
        }
        nulled.nulled(m.path, at - record, Arrays.copyOfRange(b, Math.min(at, limit), limit),
            m.type + ": " + endsInside(at));
        return null;
      }
      try {
        return FieldCodec.decode(m.type, m.charset, b, at);
      } catch (FieldCodec.BadFieldException e) {
        if (lenient) {
          throw e;
        }
        if (nulled == null) {
          throw badField(m.path, m.type, at, e);
        }
        nulled.nulled(m.path, at - record, Arrays.copyOfRange(b, at, at + m.type.length()),
            m.type + ": " + e.getMessage());
        return null;
      }
    }

    private String endsInside(int at) {
      return "the record is " + (limit - record) + " bytes long and ends before this field ends"
          + " (a record of another type? --record-types; or a wrong record length" + variableSizeHint() + ")";
    }

    /** Fields after an OCCURS DEPENDING ON array misplaced: the file may lay arrays out by their counts. */
    private String variableSizeHint() {
      return hintVariableSizeOccurs ? "; or OCCURS DEPENDING ON arrays that take only the occurrences they hold"
          + " (--variable-size-occurs, RecordLayout.withVariableSizeOccurs)" : "";
    }

    /** A field the record's end cuts: a bad field inside an alternative, else an error. */
    private RuntimeException pastEnd(String path, FieldType type, int at, boolean lenient) {
      if (lenient) {
        return new PastEnd(endsInside(at));
      }
      return new IllegalArgumentException("field " + path + " (" + type + ") at record byte "
          + (at - record) + ": " + endsInside(at));
    }

    /** Thrown, unchecked, through the checked path of lenient alternatives. */
    private static final class PastEnd extends RuntimeException {
      PastEnd(String message) {
        super(message, null, false, false);
      }
    }

    /** The error for a field whose bytes its type cannot hold: path, type, record byte, bytes. */
    private IllegalArgumentException badField(String path, FieldType type, int at, FieldCodec.BadFieldException e) {
      return new IllegalArgumentException("field " + path + " (" + type + ") at record byte " + (at - record)
          + " holds " + HexFormat.of().formatHex(b, at, at + type.length()) + ": " + e.getMessage());
    }
  }
}
