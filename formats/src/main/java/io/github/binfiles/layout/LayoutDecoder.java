package io.github.binfiles.layout;

import io.github.binfiles.RecordDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * Decodes a record into a {@link Row} of the layout's schema, straight from the reader's buffer.
 * A field whose bytes it cannot hold fails with its name and bytes; the reader adds the file and
 * record ordinal.
 */
public final class LayoutDecoder implements RecordDecoder<Row> {
  private static final long serialVersionUID = 1L;
  private final RecordLayout layout;
  private transient Charset[] charsets;

  public LayoutDecoder(RecordLayout layout) {
    this.layout = layout;
  }

  @Override
  public Row decode(byte[] buffer, int offset, int length) throws Exception {
    if (length != layout.recordLength()) {
      throw new IllegalArgumentException("record of " + length + " bytes, layout is " + layout.recordLength());
    }
    Charset[] cs = charsets();
    List<RecordLayout.Field> fields = layout.fields();
    List<Object> values = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      RecordLayout.Field f = fields.get(i);
      if (f.type.kind == FieldType.Kind.FILLER) {
        continue;
      }
      try {
        values.add(FieldCodec.decode(f.type, cs[i], buffer, offset + f.offset));
      } catch (FieldCodec.BadFieldException e) {
        StringBuilder hex = new StringBuilder();
        for (int k = 0; k < f.type.length(); k++) {
          hex.append(String.format("%02x", buffer[offset + f.offset + k] & 0xFF));
        }
        throw new IllegalArgumentException(
            "field " + f.name + " (" + f.type + ") at record byte " + f.offset + " holds " + hex + ": " + e.getMessage());
      }
    }
    return Row.withSchema(layout.schema()).attachValues(values);
  }

  private Charset[] charsets() {
    if (charsets == null) {
      charsets = charsetsOf(layout);
    }
    return charsets;
  }

  /** Each field's charset (null for non-text fields), looked up once per decoder. */
  static Charset[] charsetsOf(RecordLayout layout) {
    List<RecordLayout.Field> fields = layout.fields();
    Charset[] cs = new Charset[fields.size()];
    for (int i = 0; i < cs.length; i++) {
      String name = fields.get(i).type.charset;
      cs[i] = name == null ? null : Charset.forName(name);
    }
    return cs;
  }
}
