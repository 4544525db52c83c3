package io.github.binfiles.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A channel that counts the bytes read through it: under a decompressor, how far into the
 * compressed file the reading has come, for progress and for errors that name a compressed offset.
 */
public final class CountingChannel implements ReadableByteChannel {
  private final ReadableByteChannel inner;
  private volatile long count;

  public CountingChannel(ReadableByteChannel inner) {
    this.inner = inner;
  }

  /** Bytes read so far. Safe to call from another thread (progress reporting). */
  public long count() {
    return count;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int n = inner.read(dst);
    if (n > 0) {
      count += n;
    }
    return n;
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }
}
