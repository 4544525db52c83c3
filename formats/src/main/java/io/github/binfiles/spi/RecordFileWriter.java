package io.github.binfiles.spi;

import java.io.IOException;

/**
 * One open output file of some binfiles format: records go in with {@link #write}, and {@link
 * #finish} writes whatever ends the file (trailer, last block, index) and flushes, leaving the
 * channel open for its owner to close.
 */
public interface RecordFileWriter<T> {
  void write(T value) throws IOException;

  void finish() throws IOException;
}
