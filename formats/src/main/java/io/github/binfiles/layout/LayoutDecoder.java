package io.github.binfiles.layout;

import io.github.binfiles.spi.FieldNullingDecoder;
import io.github.binfiles.spi.RecordDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Decodes a record into a {@link Row} of the layout's {@link RecordLayout#schema() schema}, straight
 * from the reader's buffer. A field whose bytes it cannot hold fails with its name and bytes; the
 * reader adds the file and record ordinal. {@link #nullingBadFields} makes the decoder the reads use
 * under {@link io.github.binfiles.report.CorruptionPolicy#SKIP}, which sets such a field to null instead
 * and reports it.
 */
public final class LayoutDecoder implements RecordDecoder<Row> {
  private static final long serialVersionUID = 1L;
  private final RecordLayout layout;
  private transient Charset[] charsets;

  public LayoutDecoder(RecordLayout layout) {
    this.layout = layout;
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
    if (charsets == null) {
      charsets = charsetsOf(layout);
    }
    return decode(layout, layout.schema(), charsets, buffer, offset, length, null);
  }

  /** See {@link #nullingBadFields}. */
  private static final class Nulling implements FieldNullingDecoder<Row> {
    private static final long serialVersionUID = 1L;
    private final RecordLayout layout;
    private transient Charset[] charsets;

    Nulling(RecordLayout layout) {
      this.layout = layout;
    }

    @Override
    public Row decode(byte[] buffer, int offset, int length) throws Exception {
      return decode(buffer, offset, length, null);
    }

    @Override
    public Row decode(byte[] buffer, int offset, int length, NulledFields nulled) throws Exception {
      if (charsets == null) {
        charsets = charsetsOf(layout);
      }
      return LayoutDecoder.decode(layout, layout.nullingSchema(), charsets, buffer, offset, length, nulled);
    }
  }

  /** Decodes every field; an undecodable one fails when {@code nulled} is null, else is nulled. */
  private static Row decode(
      RecordLayout layout,
      Schema schema,
      Charset[] cs,
      byte[] buffer,
      int offset,
      int length,
      FieldNullingDecoder.NulledFields nulled) {
    if (length != layout.recordLength()) {
      throw new IllegalArgumentException("record of " + length + " bytes, layout is " + layout.recordLength());
    }
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
        int at = offset + f.offset;
        if (nulled == null) {
          throw new IllegalArgumentException("field " + f.name + " (" + f.type + ") at record byte "
              + f.offset + " holds " + HexFormat.of().formatHex(buffer, at, at + f.type.length()) + ": "
              + e.getMessage());
        }
        nulled.nulled(f.name, f.offset, Arrays.copyOfRange(buffer, at, at + f.type.length()),
            f.type + ": " + e.getMessage());
        values.add(null);
      }
    }
    return Row.withSchema(schema).attachValues(values);
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
