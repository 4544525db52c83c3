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
    int[] end = {0};
    group(plan.root, row, b, at, at, end);
    if (endAtLastField) {
      out.truncate(at + end[0]);
    }
  }

  RecordLayout layout() {
    return layout;
  }

  /** {@code end[0]}: one past the last byte written, from the record's start. */
  private static void group(LayoutPlan.Group g, Row row, byte[] b, int record, int base, int[] end) {
    // Members outside REDEFINES sets first, so that a selector's key is in the bytes already.
    for (LayoutPlan.Member m : g.members) {
      if (m.set >= 0) {
        continue;
      }
      if (m.field.isFiller()) {
        end[0] = Math.max(end[0], base - record + m.field.offset + m.field.length());
      } else {
        member(m, row.getValue(m.field.name), b, record, base, end);
      }
    }
    for (int set = 0; set < g.choices.size(); set++) {
      LayoutPlan.Choice c = g.choices.get(set);
      String pick = c == null ? null : pick(c, b, record, base);
      for (LayoutPlan.Member m : g.members) {
        if (m.set != set) {
          continue;
        }
        Object v = row.getValue(m.field.name);
        if (c == null ? v != null : m.field.name.equals(pick)) {
          if (v == null) {
            throw new IllegalArgumentException("field " + m.path + " is the alternative the selector picks, but it is null");
          }
          member(m, v, b, record, base, end);
          break;
        }
      }
    }
  }

  private static String pick(LayoutPlan.Choice c, byte[] b, int record, int base) {
    int at = (c.key.local ? base : record) + c.key.offset;
    try {
      return c.alternativeFor(FieldCodec.decode(c.key.type, c.key.charset, b, at));
    } catch (FieldCodec.BadFieldException e) {
      throw new IllegalArgumentException("selector key " + c.key.path + ": " + e.getMessage());
    }
  }

  private static void member(LayoutPlan.Member m, Object value, byte[] b, int record, int base, int[] end) {
    RecordLayout.Field f = m.field;
    int at = base + f.offset;
    if (!f.isArray()) {
      one(m, value, b, record, at, end);
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
    if (m.counter != null) {
      int counterAt = (m.counter.local ? base : record) + m.counter.offset;
      Object n;
      try {
        n = FieldCodec.decode(m.counter.type, m.counter.charset, b, counterAt);
      } catch (FieldCodec.BadFieldException e) {
        throw new IllegalArgumentException("field " + m.counter.path + ": " + e.getMessage());
      }
      if (n == null || ((Number) n).longValue() != list.size()
          || (n instanceof BigDecimal && ((BigDecimal) n).compareTo(BigDecimal.valueOf(list.size())) != 0)) {
        throw new IllegalArgumentException("field " + m.path + " has " + list.size() + " occurrences but "
            + m.counter.path + " (its DEPENDING ON counter) is " + n + "; set them to agree");
      }
    }
    for (int i = 0; i < list.size(); i++) {
      one(m, list.get(i), b, record, at + i * f.elementLength(), end);
    }
  }

  private static void one(LayoutPlan.Member m, Object value, byte[] b, int record, int at, int[] end) {
    if (m.group != null) {
      if (value == null) {
        throw new IllegalArgumentException("group " + m.path + " is null");
      }
      group(m.group, (Row) value, b, record, at, end);
    } else {
      FieldCodec.encode(m.type, m.charset, value, b, at, m.path);
      end[0] = Math.max(end[0], at - record + m.type.length());
    }
  }
}
