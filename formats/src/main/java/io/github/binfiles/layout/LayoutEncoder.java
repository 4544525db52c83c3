package io.github.binfiles.layout;

import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.io.OutputBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/** Encodes a {@link Row} of the layout's schema into one record; fillers are zero bytes. */
public final class LayoutEncoder implements RecordEncoder<Row> {
  private static final long serialVersionUID = 1L;
  private final RecordLayout layout;
  private transient Charset[] charsets;

  public LayoutEncoder(RecordLayout layout) {
    this.layout = layout;
  }

  @Override
  public void encode(Row row, OutputBuffer out) {
    int start = out.size();
    int end = start;
    Charset[] cs = charsets();
    List<RecordLayout.Field> fields = layout.fields();
    for (int i = 0; i < fields.size(); i++) {
      RecordLayout.Field f = fields.get(i);
      // Fields are sorted by offset; zero any gap before this one.
      int gap = start + f.offset - end;
      if (gap > 0) {
        zeros(out, gap);
      }
      Object value = f.type.kind == FieldType.Kind.FILLER ? null : row.getValue(f.name);
      if (value == null && f.type.kind != FieldType.Kind.FILLER) {
        throw new IllegalArgumentException("field " + f.name + " is null; layouts have no nulls");
      }
      FieldCodec.encode(f.type, cs[i], value, out, f.name);
      end = out.size();
    }
    int tail = start + layout.recordLength() - end;
    if (tail > 0) {
      zeros(out, tail);
    }
  }

  /** Appends {@code n} zero bytes; reserve first, since it may replace the array. */
  private static void zeros(OutputBuffer out, int n) {
    int at = out.reserve(n);
    java.util.Arrays.fill(out.array(), at, at + n, (byte) 0);
  }

  RecordLayout layout() {
    return layout;
  }

  private Charset[] charsets() {
    if (charsets == null) {
      charsets = LayoutDecoder.charsetsOf(layout);
    }
    return charsets;
  }

}
