package io.github.binfiles.spi;

import java.util.Arrays;

/** Copies each record into a fresh array; the one allocation the output type needs. */
enum ByteArrayDecoder implements RecordDecoder<byte[]> {
  INSTANCE;

  @Override
  public byte[] decode(byte[] buffer, int offset, int length) {
    return Arrays.copyOfRange(buffer, offset, offset + length);
  }
}
