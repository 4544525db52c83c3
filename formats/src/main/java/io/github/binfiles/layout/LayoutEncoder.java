package io.github.binfiles.layout;

import io.github.binfiles.io.OutputBuffer;
import io.github.binfiles.spi.RecordEncoder;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * Encodes a {@link Row} of the layout's schema into one record: groups from nested Rows, repeated
 * fields from lists (as many as given, at most the maximum; a DEPENDING ON counter must equal the
 * list's size), of each set of alternatives the one its selector's key picks, or without a selector
 * the first that is not null. Fillers, unused occurrences and bytes no field covers are zero bytes.
 *
 * <p>For formats whose records have their own lengths ({@link #endingAtLastField}), a record ends
 * with the last byte of what it holds: its fields and fillers outside REDEFINES, the alternative its
 * type picks (so each record type has its own length), and of an OCCURS DEPENDING ON array only the
 * occurrences its counter says (a trailing array ends the record after them).
 *
 * <p>With {@link RecordLayout#variableSizeOccurs()}, an array takes only the bytes of its
 * occurrences and the fields after it follow them; a record of a fixed-length format is then padded
 * with zero bytes to the layout's length.
 */
public final class LayoutEncoder implements RecordEncoder<Row> {
  private static final long serialVersionUID = 1L;
  private final RecordLayout layout;
  private final boolean endAtLastField;
  private transient LayoutPlan plan;

  public LayoutEncoder(RecordLayout layout) {
    this(layout, false);
  }

  private LayoutEncoder(RecordLayout layout, boolean endAtLastField) {
    this.layout = layout;
    this.endAtLastField = endAtLastField;
    this.plan = new LayoutPlan(layout);
  }

  /** An encoder whose records end with the last byte they hold (V and VB files; see the class comment). */
  public static LayoutEncoder endingAtLastField(RecordLayout layout) {
    return new LayoutEncoder(layout, true);
  }

  @Override
  public void encode(Row row, OutputBuffer out) {
    if (plan == null) {
      plan = new LayoutPlan(layout);
    }
    int length = layout.recordLength();
    int at = out.reserve(length);
    byte[] b = out.array();
    Arrays.fill(b, at, at + length, (byte) 0);
    Encoding e = new Encoding(b, at, plan);
    e.group(plan.root, row, at);
    if (endAtLastField) {
      out.truncate(at + e.end);
    }
  }

  RecordLayout layout() {
    return layout;
  }

  /** One record's encoding into {@code b} from {@code record}. */
  private static final class Encoding {
    private final byte[] b;
    private final int record;
    /** With variable-size OCCURS: where each field a counter or key names was written; else null. */
    private final int[] positions;
    /** One past the last byte written, from the record's start. */
    int end;
    /** Bytes the value written last took. */
    int used;

    Encoding(byte[] b, int record, LayoutPlan plan) {
      this.b = b;
      this.record = record;
      if (plan.variable) {
        positions = new int[plan.slots];
        Arrays.fill(positions, -1);
      } else {
        positions = null;
      }
    }

    /** Writes the group at {@code base}; sets {@link #used}. */
    void group(LayoutPlan.Group g, Row row, int base) {
      // Members outside REDEFINES sets first, so that a selector's key is in the bytes already;
      // with variable-size OCCURS, where each member goes depends on the arrays before it.
      List<LayoutPlan.Member> members = g.members;
      int[] place = new int[members.size()];
      int shrink = 0;
      for (int i = 0; i < members.size(); i++) {
        LayoutPlan.Member m = members.get(i);
        int at = base + m.field.offset - shrink;
        place[i] = at;
        if (m.slot >= 0) {
          positions[m.slot] = at;
        }
        if (m.set >= 0 || m.field.textOf != null) {
          continue; // alternatives below; a non-terminal's bytes are its group's
        }
        if (m.field.isFiller()) {
          int length = m.field.length();
          if (positions != null && m.counter != null) {
            length = counter(m, base) * m.field.elementLength();
            shrink += m.field.length() - length;
          }
          end = Math.max(end, at - record + length);
        } else {
          member(m, row.getValue(m.field.name), at, base);
          if (positions != null) {
            shrink += m.field.length() - used;
          }
        }
      }
      for (int set = 0; set < g.choices.size(); set++) {
        LayoutPlan.Choice c = g.choices.get(set);
        String pick = c == null ? null : pick(c, base);
        for (int i = 0; i < members.size(); i++) {
          LayoutPlan.Member m = members.get(i);
          if (m.set != set) {
            continue;
          }
          Object v = row.getValue(m.field.name);
          if (c == null ? v != null : m.field.name.equals(pick)) {
            if (v == null) {
              throw new IllegalArgumentException("field " + m.path + " is the alternative the selector picks, but it is null");
            }
            member(m, v, place[i], base);
            break;
          }
        }
      }
      used = g.layout.recordLength() - shrink;
    }

    private int at(LayoutPlan.Ref ref, int base) {
      return positions == null ? (ref.local ? base : record) + ref.offset : positions[ref.slot];
    }

    private String pick(LayoutPlan.Choice c, int base) {
      try {
        return c.alternativeFor(FieldCodec.decode(c.key.type, c.key.charset, b, at(c.key, base)));
      } catch (FieldCodec.BadFieldException e) {
        throw new IllegalArgumentException("selector key " + c.key.path + ": " + e.getMessage());
      }
    }

    /** The value written in {@code m}'s counter. */
    private int counter(LayoutPlan.Member m, int base) {
      Object n;
      try {
        n = FieldCodec.decode(m.counter.type, m.counter.charset, b, at(m.counter, base));
      } catch (FieldCodec.BadFieldException e) {
        throw new IllegalArgumentException("field " + m.counter.path + ": " + e.getMessage());
      }
      if (m.field.countOf != null) {
        Integer c = n == null ? null : m.field.countOf.get(n instanceof BigDecimal
            ? ((BigDecimal) n).toPlainString() : n.toString().trim());
        if (c == null) {
          throw new IllegalArgumentException("field " + m.counter.path + " (the DEPENDING ON counter of " + m.path
              + ") is '" + n + "', not in its occurs mapping " + m.field.countOf);
        }
        return c;
      }
      if (n == null || n instanceof BigDecimal && ((BigDecimal) n).stripTrailingZeros().scale() > 0) {
        throw new IllegalArgumentException("field " + m.counter.path + " (the DEPENDING ON counter of "
            + m.path + ") is " + n + ", not a count");
      }
      long c = ((Number) n).longValue();
      if (c < m.field.minOccurs || c > m.field.maxOccurs) {
        throw new IllegalArgumentException("field " + m.counter.path + " (the DEPENDING ON counter of " + m.path
            + ") is " + c + "; the layout allows " + m.field.minOccurs + " to " + m.field.maxOccurs);
      }
      return (int) c;
    }

    /** Writes {@code m}'s value at {@code at}; sets {@link #used}. */
    private void member(LayoutPlan.Member m, Object value, int at, int base) {
      RecordLayout.Field f = m.field;
      if (!f.isArray()) {
        one(m, value, at);
        return;
      }
      if (value == null) {
        throw new IllegalArgumentException("field " + m.path + " is null; write an empty list for no occurrences");
      }
      List<?> list = (List<?>) value;
      if (list.size() < f.minOccurs || list.size() > f.maxOccurs) {
        throw new IllegalArgumentException("field " + m.path + " has " + list.size() + " occurrences; the layout allows "
            + f.minOccurs + " to " + f.maxOccurs);
      }
      if (m.counter != null && counter(m, base) != list.size()) {
        throw new IllegalArgumentException("field " + m.path + " has " + list.size() + " occurrences but "
            + m.counter.path + " (its DEPENDING ON counter) is " + counter(m, base) + "; set them to agree");
      }
      int next = at;
      for (int i = 0; i < list.size(); i++) {
        one(m, list.get(i), next);
        next += positions == null ? f.elementLength() : used;
      }
      used = positions == null ? f.length() : next - at;
    }

    /** Writes one occurrence at {@code at}; sets {@link #used}. */
    private void one(LayoutPlan.Member m, Object value, int at) {
      if (m.group != null) {
        if (value == null) {
          throw new IllegalArgumentException("group " + m.path + " is null");
        }
        group(m.group, (Row) value, at);
      } else {
        FieldCodec.encode(m.type, m.charset, value, b, at, m.path);
        end = Math.max(end, at - record + m.type.length());
        used = m.type.length();
      }
    }
  }
}
