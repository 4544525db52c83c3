package io.github.binfiles.fixed;

import java.io.Serializable;

/**
 * A user's check of a fixed-record file's header against the file, e.g. a record count or a data
 * set name the header holds ({@link FixedRecordFormat#withHeaderCheck}). Run by the reader of each
 * file's first range before any record: a problem it returns is damage at the header (under FAIL
 * the read fails naming the file and the problem; under SKIP it is reported and the records are
 * read as usual).
 */
@FunctionalInterface
public interface HeaderCheck extends Serializable {
  /**
   * @param header the header's bytes
   * @param fileSize the file's size in bytes; -1 for a whole-file compressed file, whose
   *     decompressed size is not known before it is read
   * @return what is wrong, naming what was expected; null when the header fits the file
   */
  String problem(byte[] header, long fileSize);
}
