package io.github.binfiles.spi;

import io.github.binfiles.io.OutputBuffer;

/** Writes a {@code byte[]} record as it is. */
enum ByteArrayEncoder implements RecordEncoder<byte[]> {
  INSTANCE;

  @Override
  public void encode(byte[] value, OutputBuffer out) {
    out.write(value);
  }
}
