package io.github.binfiles.read;

import io.github.binfiles.SkippedRegion;
import java.util.Objects;

/**
 * What a reader emits under {@link io.github.binfiles.CorruptionPolicy#SKIP}: either a record or a
 * {@link SkippedRegion}. Regions travel in the same stream as records so that the split that owns a
 * region's first byte claims it through Beam's range tracker exactly like a record, which is what
 * makes each region reported exactly once under dynamic splitting.
 */
public final class ReadItem<T> {
  private final T record;
  private final SkippedRegion skipped;

  private ReadItem(T record, SkippedRegion skipped) {
    this.record = record;
    this.skipped = skipped;
  }

  public static <T> ReadItem<T> record(T record) {
    return new ReadItem<>(Objects.requireNonNull(record, "record"), null);
  }

  public static <T> ReadItem<T> skipped(SkippedRegion region) {
    return new ReadItem<>(null, Objects.requireNonNull(region, "region"));
  }

  public boolean isRecord() {
    return skipped == null;
  }

  public T getRecord() {
    return record;
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
    return Objects.deepEquals(record, that.record) && Objects.equals(skipped, that.skipped);
  }

  @Override
  public int hashCode() {
    return skipped != null
        ? skipped.hashCode()
        : record instanceof byte[] ? java.util.Arrays.hashCode((byte[]) record) : record.hashCode();
  }

  @Override
  public String toString() {
    return isRecord() ? "record " + record : "skipped " + skipped;
  }
}
