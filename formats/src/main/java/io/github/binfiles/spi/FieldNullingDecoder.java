package io.github.binfiles.spi;

/**
 * A {@link RecordDecoder} that, under {@link io.github.binfiles.report.CorruptionPolicy#SKIP}, can return a record with a
 * field it cannot decode set to null instead of failing, telling the reader which field. The reader
 * turns each such report into a {@link io.github.binfiles.report.NulledField} (counted in metrics and returned by {@code
 * withSkippedRegionReport()}), so a nulled field is never silent.
 *
 * <p>Under {@link io.github.binfiles.report.CorruptionPolicy#FAIL} readers call {@link #decode(byte[], int, int)}, which must
 * throw for such a field.
 */
public interface FieldNullingDecoder<T> extends RecordDecoder<T> {

  /** Receives the fields a decoder set to null. */
  interface NulledFields {
    /**
     * @param field the field's name
     * @param fieldOffset the field's offset within the record
     * @param bytes a copy of the field's bytes
     * @param problem why they could not be decoded
     */
    void nulled(String field, int fieldOffset, byte[] bytes, String problem);
  }

  /**
   * Decodes like {@link #decode(byte[], int, int)}, but sets each field it cannot decode to null and
   * reports it to {@code nulled}.
   */
  T decode(byte[] buffer, int offset, int length, NulledFields nulled) throws Exception;
}
