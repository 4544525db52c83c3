package io.github.binfiles.tfrecord;

import java.util.zip.CRC32C;

/**
 * TFRecord's masked CRC32C: {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8} (TensorFlow's {@code
 * crc32c::Mask}), computed with the JDK's intrinsic CRC32C. One instance per reader or writer.
 */
final class TfRecordChecksum {
  private static final int MASK_DELTA = 0xa282ead8;
  private final CRC32C crc = new CRC32C();

  int masked(byte[] b, int offset, int length) {
    crc.reset();
    crc.update(b, offset, length);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + MASK_DELTA;
  }
}
