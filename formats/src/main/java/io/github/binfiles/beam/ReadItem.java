package io.github.binfiles.beam;

import io.github.binfiles.report.NulledField;
import io.github.binfiles.report.SkippedRegion;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a reader emits under {@link io.github.binfiles.report.CorruptionPolicy#SKIP}: either a record, with
 * the {@link NulledField}s its decoder set to null (usually none), or a {@link SkippedRegion}.
 * Regions travel in the same stream as records so that the split that owns a region's first byte
 * claims it through Beam's range tracker exactly like a record, which is what makes each region
 * reported exactly once under dynamic splitting; a record's nulled fields travel with the record for
 * the same reason.
 */
public final class ReadItem<T> {
  private final T record;
  private final List<NulledField> nulledFields;
  private final SkippedRegion skipped;

  private ReadItem(T record, List<NulledField> nulledFields, SkippedRegion skipped) {
    this.record = record;
    this.nulledFields = nulledFields;
    this.skipped = skipped;
  }

  public static <T> ReadItem<T> record(T record) {
    return record(record, Collections.emptyList());
  }

  /** A record with fields its decoder set to null. */
  public static <T> ReadItem<T> record(T record, List<NulledField> nulledFields) {
    return new ReadItem<>(
        Objects.requireNonNull(record, "record"),
        Objects.requireNonNull(nulledFields, "nulledFields"),
        null);
  }

  public static <T> ReadItem<T> skipped(SkippedRegion region) {
    return new ReadItem<>(null, Collections.emptyList(), Objects.requireNonNull(region, "region"));
  }

  public boolean isRecord() {
    return skipped == null;
  }

  public T getRecord() {
    return record;
  }

  /** The fields of {@link #getRecord()} that were set to null; empty for most records. */
  public List<NulledField> getNulledFields() {
    return nulledFields;
  }

  public SkippedRegion getSkipped() {
    return skipped;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ReadItem)) {
      return false;
    }
    ReadItem<?> that = (ReadItem<?>) o;
    return Objects.deepEquals(record, that.record)
        && nulledFields.equals(that.nulledFields)
        && Objects.equals(skipped, that.skipped);
  }

  @Override
  public int hashCode() {
    return skipped != null
        ? skipped.hashCode()
        : record instanceof byte[] ? java.util.Arrays.hashCode((byte[]) record) : record.hashCode();
  }

  @Override
  public String toString() {
    if (!isRecord()) {
      return "skipped " + skipped;
    }
    return nulledFields.isEmpty() ? "record " + record : "record " + record + " nulled " + nulledFields;
  }
}
