package io.github.binfiles;

import io.github.binfiles.beam.RecordContext;
import io.github.binfiles.report.RecordId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A column a layout read can add in front of each row's fields ({@link
 * ReadFromBinaryFiles.Read#withGeneratedColumns}), with the names a Cobrix user's jobs already
 * use. Cobrix's {@code File_Id} (an index into its sorted file list) is not offered: a Beam read has
 * no stable file index, so {@link #FILE_NAME} names the file instead.
 */
public enum GeneratedColumn {
  /** The file's full name (path or URI), STRING; Cobrix's {@code with_input_file_name_col}. */
  FILE_NAME("File_Name", Schema.FieldType.STRING),
  /**
   * The record's 0-based ordinal in its file, INT64 (Cobrix's {@code Record_Id}); null for formats
   * that number no records (V, VB, TFRecord: see {@link RecordId}), where {@link
   * #RECORD_BYTE_OFFSET} orders and identifies records instead.
   */
  RECORD_ID("Record_Id", Schema.FieldType.INT64.withNullable(true)),
  /** The byte offset of the record in its file, INT64; null inside compressed container blocks. */
  RECORD_BYTE_OFFSET("Record_Byte_Offset", Schema.FieldType.INT64.withNullable(true)),
  /** The record's length in bytes as the layout decoded it, INT32 (Cobrix's {@code Record_Byte_Length}). */
  RECORD_BYTE_LENGTH("Record_Byte_Length", Schema.FieldType.INT32);

  private final String column;
  private final Schema.FieldType type;

  GeneratedColumn(String column, Schema.FieldType type) {
    this.column = column;
    this.type = type;
  }

  /** The column's name in the row. */
  public String columnName() {
    return column;
  }

  /** This column's value for the record {@code context} is at, {@code length} bytes long. */
  public Object valueFor(RecordContext context, int length) {
    switch (this) {
      case FILE_NAME:
        return context.file();
      case RECORD_ID:
        return context.ordinal() == RecordId.UNKNOWN ? null : context.ordinal();
      case RECORD_BYTE_OFFSET:
        return context.offset() == RecordId.UNKNOWN ? null : context.offset();
      default:
        return length;
    }
  }

  /**
   * The schema of rows with {@code columns} in front of {@code fields}'s fields.
   *
   * @throws IllegalArgumentException if a column is given twice or a field has a column's name
   */
  public static Schema schema(List<GeneratedColumn> columns, Schema fields) {
    Schema.Builder b = Schema.builder();
    Set<GeneratedColumn> seen = new HashSet<>();
    for (GeneratedColumn c : columns) {
      if (!seen.add(c)) {
        throw new IllegalArgumentException("generated column " + c + " is given twice");
      }
      if (fields.hasField(c.column)) {
        throw new IllegalArgumentException("the layout has a field " + c.column + " already; the generated"
            + " column " + c + " would hide it");
      }
      b.addField(c.column, c.type);
    }
    return b.addFields(fields.getFields()).build();
  }
}
