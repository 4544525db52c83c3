package io.github.binfiles.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * A growable byte buffer that encoders append to and writers drain to a channel in large writes.
 * Reused for the life of a writer: {@link #reset()} keeps the capacity.
 */
public final class OutputBuffer {
  private byte[] bytes;
  private int size;

  public OutputBuffer(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  public int size() {
    return size;
  }

  /** The backing array; bytes {@code [0, size())} are valid. */
  public byte[] array() {
    return bytes;
  }

  public void reset() {
    size = 0;
  }

  /** Drops everything after the first {@code newSize} bytes. */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
    }
    size = newSize;
  }

  /** Makes room for {@code n} more bytes and returns the index where they go. */
  public int reserve(int n) {
    ensure(n);
    int at = size;
    size += n;
    return at;
  }

  public OutputBuffer write(byte[] b) {
    return write(b, 0, b.length);
  }

  public OutputBuffer write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, size, len);
    size += len;
    return this;
  }

  public OutputBuffer writeByte(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
    return this;
  }

  public OutputBuffer writeIntLE(int v) {
    ensure(4);
    LittleEndian.putInt(bytes, size, v);
    size += 4;
    return this;
  }

  public OutputBuffer writeLongLE(long v) {
    ensure(8);
    LittleEndian.putLong(bytes, size, v);
    size += 8;
    return this;
  }

  /** Bytes {@link #writeVarint} takes for {@code v}. */
  public static int varintSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  /** Unsigned LEB128 varint, as used by the container format's length-prefixed records. */
  public OutputBuffer writeVarint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    bytes[size++] = (byte) v;
    return this;
  }

  /** Writes all bytes to {@code channel} and resets. */
  public void drainTo(WritableByteChannel channel) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes, 0, size);
    while (b.hasRemaining()) {
      channel.write(b);
    }
    size = 0;
  }

  private void ensure(int n) {
    if (n < 0 || (long) size + n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("buffer cannot grow by " + n + " bytes from " + size);
    }
    if (size + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) size + n, 2L * bytes.length)));
    }
  }
}
