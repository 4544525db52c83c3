package io.github.binfiles;

import io.github.binfiles.layout.SegmentHierarchy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Nests the flat rows of a read with a {@link SegmentHierarchy}: rows are grouped by file and root
 * ({@code Seg_Id0}, exact under any split because ranges start at roots), put back in file order,
 * and built into one row per root. A GroupByKey moves the rows once: Cobrix nests inside its reader;
 * a Beam reader emits one element per record, and a group of records could otherwise straddle
 * bundles.
 */
final class SegmentNesting extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final long serialVersionUID = 1L;
  private final SegmentHierarchy.Bound hierarchy;
  private final List<GeneratedColumn> generated;
  private final Schema fields;

  SegmentNesting(SegmentHierarchy.Bound hierarchy, List<GeneratedColumn> generated, Schema fields) {
    this.hierarchy = hierarchy;
    this.generated = generated;
    this.fields = fields;
  }

  /** The nested rows' schema: the user's generated columns, then the nested fields. */
  Schema schema() {
    return GeneratedColumn.schema(generated, hierarchy.nestedSchema(fields));
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> flat) {
    return flat
        .apply("Key by root", ParDo.of(new KeyByRoot()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), flat.getCoder()))
        .apply("Group roots", GroupByKey.create())
        .apply("Nest", ParDo.of(new Nest(hierarchy, generated, fields, schema())))
        .setCoder(RowCoder.of(schema()));
  }

  private static final class KeyByRoot extends DoFn<Row, KV<String, Row>> {
    @ProcessElement
    public void process(@Element Row r, OutputReceiver<KV<String, Row>> out) {
      String root = r.getString("Seg_Id0");
      // Rows before a file's first root have no root id: they group apart, and fail when nested.
      out.output(KV.of(r.getString(GeneratedColumn.FILE_NAME.columnName()) + "\n" + (root == null ? "" : root), r));
    }
  }

  private static long position(Row r) {
    Long ordinal = r.getInt64(GeneratedColumn.RECORD_ID.columnName());
    if (ordinal != null) {
      return ordinal;
    }
    Long offset = r.getInt64(GeneratedColumn.RECORD_BYTE_OFFSET.columnName());
    if (offset == null) {
      throw new IllegalStateException("a record of " + r.getString(GeneratedColumn.FILE_NAME.columnName())
          + " has neither an ordinal nor an offset to order it by");
    }
    return offset;
  }

  private static final class Nest extends DoFn<KV<String, Iterable<Row>>, Row> {
    private final SegmentHierarchy.Bound hierarchy;
    private final List<GeneratedColumn> generated;
    private final Schema fields;
    private final Schema nestedFields;
    private final Schema schema;

    Nest(SegmentHierarchy.Bound hierarchy, List<GeneratedColumn> generated, Schema fields, Schema schema) {
      this.hierarchy = hierarchy;
      this.generated = generated;
      this.fields = fields;
      this.nestedFields = hierarchy.nestedSchema(fields);
      this.schema = schema;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Row>> group, OutputReceiver<Row> out) {
      List<Row> flat = new ArrayList<>();
      group.getValue().forEach(flat::add);
      flat.sort(Comparator.comparingLong(SegmentNesting::position));
      List<Row> records = new ArrayList<>(flat.size());
      for (Row r : flat) {
        records.add(fieldsOf(r));
      }
      Row nested = hierarchy.nest(records, nestedFields, i -> {
        Row r = flat.get(i);
        Long ordinal = r.getInt64(GeneratedColumn.RECORD_ID.columnName());
        return r.getString(GeneratedColumn.FILE_NAME.columnName()) + ": the record "
            + (ordinal != null ? "with ordinal " + ordinal : "at byte " + r.getInt64(GeneratedColumn.RECORD_BYTE_OFFSET.columnName()));
      });
      List<Object> values = new ArrayList<>();
      for (GeneratedColumn c : generated) {
        values.add(flat.get(0).getValue(c.columnName()));
      }
      values.addAll(nested.getValues());
      out.output(Row.withSchema(schema).attachValues(values));
    }

    private Row fieldsOf(Row flat) {
      List<Object> values = new ArrayList<>(fields.getFieldCount());
      for (Schema.Field f : fields.getFields()) {
        values.add(flat.getValue(f.getName()));
      }
      return Row.withSchema(fields).attachValues(values);
    }
  }
}
