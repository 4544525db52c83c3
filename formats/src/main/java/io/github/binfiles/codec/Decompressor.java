package io.github.binfiles.codec;

import java.io.IOException;

/**
 * Decompresses one block into a buffer the caller sized from the (bounds-checked) raw size: it
 * fills exactly {@code rawSize} bytes or throws {@link DamagedPayloadException}, whatever the
 * payload holds. Holds reusable state; not thread-safe.
 */
public interface Decompressor {
  void decompress(byte[] src, int off, int len, byte[] dst, int rawSize) throws IOException;
}
