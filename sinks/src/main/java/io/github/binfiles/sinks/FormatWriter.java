package io.github.binfiles.sinks;

import java.io.IOException;

/** One open output file of some binfiles format. */
public interface FormatWriter<T> {
  void write(T value) throws IOException;

  /** Writes whatever ends the file (trailer, last block, index) and flushes; keeps the channel open. */
  void finish() throws IOException;
}
