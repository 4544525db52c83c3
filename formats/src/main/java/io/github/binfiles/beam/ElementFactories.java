package io.github.binfiles.beam;

import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.FieldNullingDecoder;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.RecordIdCoder;
import io.github.binfiles.report.SkippedRegion;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/** The three output shapes: plain records, records keyed by id, and either wrapped as items. */
public final class ElementFactories {
  private ElementFactories() {}

  /** Emits {@code decoder}'s value for each record. */
  public static <T> ElementFactory<T> decoded(RecordDecoder<T> decoder, Coder<T> coder) {
    return new Decoded<>(decoder, coder);
  }

  /** Emits each decoded record keyed by its file and ordinal. */
  public static <T> ElementFactory<KV<RecordId, T>> withIds(
      RecordDecoder<T> decoder, Coder<T> coder) {
    return new WithIds<>(decoder, coder);
  }

  /** Wraps another factory's records in {@link ReadItem}s so skipped regions can be emitted. */
  public static <T> ElementFactory<ReadItem<T>> items(ElementFactory<T> records) {
    return new Items<>(records);
  }

  /**
   * Returns {@code policy}, after checking that {@code elements} can carry what it needs: the SKIP
   * policy reports regions in the element stream.
   */
  public static CorruptionPolicy checkPolicy(
      CorruptionPolicy policy, ElementFactory<?> elements) {
    if (policy == CorruptionPolicy.SKIP && !elements.emitsSkippedRegions()) {
      throw new IllegalArgumentException(
          "the SKIP corruption policy needs an element factory that emits skipped regions");
    }
    return policy;
  }

  /** The built-in byte[] decoder only copies, so it can copy from a direct buffer as well. */
  private static boolean isCopy(RecordDecoder<?> decoder) {
    return decoder == RecordDecoder.bytes();
  }

  /**
   * Decodes with {@code decoder}; a {@link FieldNullingDecoder} nulls undecodable fields into
   * {@code context} when the reader reports them (SKIP), and fails on them otherwise.
   */
  @SuppressWarnings("unchecked")
  private static <T> T decode(
      RecordDecoder<T> decoder, RecordContext context, byte[] buffer, int offset, int length)
      throws Exception {
    if (context.nullsBadFields() && decoder instanceof FieldNullingDecoder) {
      return ((FieldNullingDecoder<T>) decoder).decode(buffer, offset, length, context);
    }
    return decoder.decode(buffer, offset, length);
  }

  private static byte[] copy(ByteBuffer buffer, int index, int length) {
    byte[] out = new byte[length];
    buffer.get(index, out, 0, length);
    return out;
  }

  /**
   * {@code elements}, except that any exception its decoder throws rejects the record as {@link
   * io.github.binfiles.spi.MalformedRecordException} does: under SKIP the record is dropped and
   * reported with its bytes (a read with a bad-record handler routes it there) instead of failing
   * the read.
   */
  public static <O> ElementFactory<O> rejectingUndecodable(ElementFactory<O> elements) {
    return new RejectingUndecodable<>(elements);
  }

  private static final class RejectingUndecodable<O> implements ElementFactory<O> {
    private final ElementFactory<O> inner;

    RejectingUndecodable(ElementFactory<O> inner) {
      this.inner = inner;
    }

    @Override
    public O record(RecordContext context, byte[] buffer, int offset, int length) throws Exception {
      try {
        return inner.record(context, buffer, offset, length);
      } catch (io.github.binfiles.spi.MalformedRecordException e) {
        throw e;
      } catch (Exception e) {
        throw new io.github.binfiles.spi.MalformedRecordException("its decoder threw " + e, e);
      }
    }

    @Override
    public boolean readsDirectBuffers() {
      return inner.readsDirectBuffers();
    }

    @Override
    public O record(RecordContext context, ByteBuffer buffer, int index, int length) throws Exception {
      try {
        return inner.record(context, buffer, index, length);
      } catch (io.github.binfiles.spi.MalformedRecordException e) {
        throw e;
      } catch (Exception e) {
        throw new io.github.binfiles.spi.MalformedRecordException("its decoder threw " + e, e);
      }
    }

    @Override
    public boolean emitsSkippedRegions() {
      return inner.emitsSkippedRegions();
    }

    @Override
    public RecordGroups groups() {
      return inner.groups();
    }

    @Override
    public O skipped(SkippedRegion region) {
      return inner.skipped(region);
    }

    @Override
    public Coder<O> coder() {
      return inner.coder();
    }
  }

  /**
   * Rows of {@code rows} with {@code columns} in front of their fields, each valued by {@code
   * value(column, context, length)}, then, when {@code segments} is not null, its {@code Seg_Id}
   * columns; {@code schema} is the rows' schema with the columns. With segments, records come in
   * groups from one root to the next ({@link ElementFactory#groups()}).
   */
  public static <C> ElementFactory<Row> withColumns(ElementFactory<Row> rows, List<C> columns,
      ColumnValue<C> value, io.github.binfiles.layout.SegmentIds.Bound segments, Schema schema) {
    return new WithColumns<>(rows, columns, value, segments, schema);
  }

  /** A generated column's value for a record. */
  public interface ColumnValue<C> extends java.io.Serializable {
    Object of(C column, RecordContext context, int length);
  }

  private static final class WithColumns<C> extends RecordsOnly<Row> {
    private final ElementFactory<Row> rows;
    private final List<C> columns;
    private final ColumnValue<C> value;
    private final io.github.binfiles.layout.SegmentIds.Bound segments;
    private final int levels;
    private final Schema schema;

    WithColumns(ElementFactory<Row> rows, List<C> columns, ColumnValue<C> value,
        io.github.binfiles.layout.SegmentIds.Bound segments, Schema schema) {
      this.rows = rows;
      this.columns = columns;
      this.value = value;
      this.segments = segments;
      this.levels = segments == null ? 0 : segments.ids().levels().size();
      this.schema = schema;
    }

    @Override
    public Row record(RecordContext context, byte[] buffer, int offset, int length) throws Exception {
      io.github.binfiles.layout.SegmentIds.Tracker ids = null;
      if (segments != null) {
        ids = context.readerState(segments::newTracker);
        ids.next(segments.level(buffer, offset, length), context.ordinal(), context.offset());
      }
      Row row = rows.record(context, buffer, offset, length);
      List<Object> values = new java.util.ArrayList<>(columns.size() + levels + row.getFieldCount());
      for (C c : columns) {
        values.add(value.of(c, context, length));
      }
      for (int i = 0; i < levels; i++) {
        values.add(ids.id(i));
      }
      values.addAll(row.getValues());
      return Row.withSchema(schema).attachValues(values);
    }

    @Override
    public RecordGroups groups() {
      return segments == null ? null : segments::isRoot;
    }

    @Override
    public Coder<Row> coder() {
      return org.apache.beam.sdk.coders.RowCoder.of(schema);
    }
  }

  private abstract static class RecordsOnly<O> implements ElementFactory<O> {
    @Override
    public boolean emitsSkippedRegions() {
      return false;
    }

    @Override
    public O skipped(SkippedRegion region) {
      throw new UnsupportedOperationException("this read does not emit skipped regions");
    }
  }

  private static final class Decoded<T> extends RecordsOnly<T> {
    private final RecordDecoder<T> decoder;
    private final Coder<T> coder;

    Decoded(RecordDecoder<T> decoder, Coder<T> coder) {
      this.decoder = decoder;
      this.coder = coder;
    }

    @Override
    public T record(RecordContext context, byte[] buffer, int offset, int length)
        throws Exception {
      return decode(decoder, context, buffer, offset, length);
    }

    @Override
    public boolean readsDirectBuffers() {
      return isCopy(decoder);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T record(RecordContext context, ByteBuffer buffer, int index, int length) {
      return (T) copy(buffer, index, length);
    }

    @Override
    public Coder<T> coder() {
      return coder;
    }
  }

  private static final class WithIds<T> extends RecordsOnly<KV<RecordId, T>> {
    private final RecordDecoder<T> decoder;
    private final Coder<T> coder;

    WithIds(RecordDecoder<T> decoder, Coder<T> coder) {
      this.decoder = decoder;
      this.coder = coder;
    }

    @Override
    public KV<RecordId, T> record(RecordContext context, byte[] buffer, int offset, int length)
        throws Exception {
      return KV.of(
          new RecordId(context.file(), context.ordinal(), context.offset()),
          decode(decoder, context, buffer, offset, length));
    }

    @Override
    public boolean readsDirectBuffers() {
      return isCopy(decoder);
    }

    @Override
    @SuppressWarnings("unchecked")
    public KV<RecordId, T> record(RecordContext context, ByteBuffer buffer, int index, int length) {
      return KV.of(new RecordId(context.file(), context.ordinal(), context.offset()), (T) copy(buffer, index, length));
    }

    @Override
    public Coder<KV<RecordId, T>> coder() {
      return KvCoder.of(RecordIdCoder.of(), coder);
    }
  }

  private static final class Items<T> implements ElementFactory<ReadItem<T>> {
    private final ElementFactory<T> records;

    Items(ElementFactory<T> records) {
      this.records = records;
    }

    @Override
    public ReadItem<T> record(RecordContext context, byte[] buffer, int offset, int length)
        throws Exception {
      T record = records.record(context, buffer, offset, length);
      return ReadItem.record(record, context.takeNulled());
    }

    @Override
    public boolean readsDirectBuffers() {
      return records.readsDirectBuffers();
    }

    @Override
    public ReadItem<T> record(RecordContext context, ByteBuffer buffer, int index, int length)
        throws Exception {
      return ReadItem.record(records.record(context, buffer, index, length));
    }

    @Override
    public boolean emitsSkippedRegions() {
      return true;
    }

    @Override
    public RecordGroups groups() {
      return records.groups();
    }

    @Override
    public ReadItem<T> skipped(SkippedRegion region) {
      return ReadItem.skipped(region);
    }

    @Override
    public Coder<ReadItem<T>> coder() {
      return ReadItemCoder.of(records.coder());
    }
  }
}
