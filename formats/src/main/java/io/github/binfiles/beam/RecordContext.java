package io.github.binfiles.beam;

import io.github.binfiles.spi.FieldNullingDecoder;
import io.github.binfiles.report.NulledField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the record being decoded comes from: its file, ordinal and byte offset. One per reader,
 * updated in place for every record, so it costs no allocation. When the reader nulls undecodable
 * fields (SKIP policy) it also collects the {@link NulledField}s of the current record.
 */
public final class RecordContext implements FieldNullingDecoder.NulledFields {
  private final String file;
  private final boolean nullsBadFields;
  private long ordinal;
  private long offset;
  private List<NulledField> nulled;
  private Object readerState;

  /**
   * @param nullsBadFields whether decoders that can may null an undecodable field instead of
   *     failing; only true for readers whose elements report what was nulled
   */
  public RecordContext(String file, boolean nullsBadFields) {
    this.file = file;
    this.nullsBadFields = nullsBadFields;
  }

  /** Moves to the record with this ordinal, at this file offset ({@code -1} if not known). */
  public RecordContext at(long ordinal, long offset) {
    this.ordinal = ordinal;
    this.offset = offset;
    return this;
  }

  public String file() {
    return file;
  }

  public long ordinal() {
    return ordinal;
  }

  public long offset() {
    return offset;
  }

  public boolean nullsBadFields() {
    return nullsBadFields;
  }

  /**
   * What an element factory keeps from record to record of this reader (a count of segments since
   * the last root): made by {@code init} at the first call, the same object after that.
   */
  @SuppressWarnings("unchecked")
  public <S> S readerState(java.util.function.Supplier<S> init) {
    if (readerState == null) {
      readerState = init.get();
    }
    return (S) readerState;
  }

  @Override
  public void nulled(String field, int fieldOffset, byte[] bytes, String problem) {
    if (nulled == null) {
      nulled = new ArrayList<>(2);
    }
    nulled.add(new NulledField(file, ordinal, offset, field, fieldOffset, bytes, problem));
  }

  /** The fields nulled since the last call, and forgets them. */
  List<NulledField> takeNulled() {
    List<NulledField> taken = nulled == null ? Collections.emptyList() : nulled;
    nulled = null;
    return taken;
  }
}
