package io.github.binfiles.codec;

import io.github.binfiles.io.OutputBuffer;
import java.io.IOException;

/** Compresses one block's raw bytes, appending to an output buffer. Holds reusable state; not thread-safe. */
public interface Compressor {
  void compress(byte[] src, int off, int len, OutputBuffer out) throws IOException;
}
