package io.github.binfiles.codec;

import java.io.IOException;

/** Decompression failed: the payload is damaged (when its checksum matched, its writer was at fault). */
public final class DamagedPayloadException extends IOException {
  private static final long serialVersionUID = 1L;

  DamagedPayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
