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
            + plan.root.layout.recordLength() + " (check the record length, or the copybook)");
      }
      limit = record + length;
      try {
        return group(plan.root, record, false);
      } catch (FieldCodec.BadFieldException e) {
        throw new AssertionError("strict decoding reports bad fields itself", e);
      }
    }

    /**
     * The group at {@code base}; {@code lenient} (inside an alternative without a selector): a bad
     * field throws, so that the alternative becomes null.
     */
    private Row group(LayoutPlan.Group g, int base, boolean lenient) throws FieldCodec.BadFieldException {
      List<LayoutPlan.Member> members = g.members;
      List<Object> values = new ArrayList<>(members.size());
      String[] picks = null;
      for (int i = 0; i < members.size(); i++) {
        LayoutPlan.Member m = members.get(i);
        if (m.field.isFiller()) {
          continue;
        }
        if (m.set < 0) {
          values.add(value(m, base, lenient));
          continue;
        }
        LayoutPlan.Choice c = g.choices.get(m.set);
        if (c == null) {
          values.add(alternative(m, base));
          continue;
        }
        if (picks == null) {
          picks = new String[g.choices.size()];
        }
        if (picks[m.set] == null) {
          picks[m.set] = pick(c, base, lenient);
        }
        values.add(m.field.name.equals(picks[m.set]) ? value(m, base, lenient) : null);
      }
      return Row.withSchema(nullingSchema ? g.nullingSchema : g.schema).attachValues(values);
    }

    private Object alternative(LayoutPlan.Member m, int base) {
      try {
        return value(m, base, true);
      } catch (FieldCodec.BadFieldException | PastEnd e) {
        return null; // these bytes are another alternative's
      }
    }

    /** The name of the alternative the selector's key picks ("" for none). */
    private String pick(LayoutPlan.Choice c, int base, boolean lenient) throws FieldCodec.BadFieldException {
      return c.alternativeFor(read(c.key, base, lenient));
    }

    private Object read(LayoutPlan.Ref ref, int base, boolean lenient) throws FieldCodec.BadFieldException {
      int at = (ref.local ? base : record) + ref.offset;
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

    private Object value(LayoutPlan.Member m, int base, boolean lenient) throws FieldCodec.BadFieldException {
      RecordLayout.Field f = m.field;
      int at = base + f.offset;
      if (!f.isArray()) {
        return one(m, at, lenient);
      }
      int count = f.maxOccurs;
      if (m.counter != null) {
        Object n = read(m.counter, base, lenient);
        long c = n == null ? -1 : n instanceof BigDecimal ? count((BigDecimal) n) : ((Number) n).longValue();
        if (c < f.minOccurs || c > f.maxOccurs) {
          String problem = "OCCURS " + f.minOccurs + " TO " + f.maxOccurs + " DEPENDING ON " + m.counter.path
              + ", which is " + n + " (check the counter field, or the record length)";
          if (lenient) {
            throw new FieldCodec.BadFieldException(problem);
          }
          int counterAt = (m.counter.local ? base : record) + m.counter.offset;
          if (nulled == null) {
            throw new IllegalArgumentException("field " + m.path + " at record byte " + (at - record) + ": " + problem);
          }
          nulled.nulled(m.path, at - record,
              Arrays.copyOfRange(b, counterAt, counterAt + m.counter.type.length()), problem);
          return null;
        }
        count = (int) c;
      }
      List<Object> list = new ArrayList<>(count);
      int step = f.elementLength();
      for (int i = 0; i < count; i++) {
        list.add(one(m, at + i * step, lenient));
      }
      return list;
    }

    private static long count(BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        return -1;
      }
    }

    private Object one(LayoutPlan.Member m, int at, boolean lenient) throws FieldCodec.BadFieldException {
      if (m.group != null) {
        return group(m.group, at, lenient);
      }
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
          + " (a record of another type? --record-types; or a wrong record length)";
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
