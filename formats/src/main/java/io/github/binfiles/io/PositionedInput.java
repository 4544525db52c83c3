package io.github.binfiles.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * A forward-only buffered view of a channel that knows the absolute file offset of every byte it
 * hands out.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>One buffer for the life of the input; the channel is read in large chunks, never per record.
 *   <li>{@link #position()} is the absolute offset of the next unconsumed byte. Bytes between
 *       {@link #position()} and {@code position() + buffered()} are at {@code
 *       buffer()[bufferIndex() ...]} and stay there until the next call that may refill ({@link
 *       #request}, {@link #require}, {@link #skip}, {@link #indexOf}).
 *   <li>{@link #skip} past the buffered bytes repositions a seekable channel instead of reading.
 * </ul>
 *
 * <p>A direct input (see the constructor) reads into off-heap memory, which saves the copy the JDK
 * makes when a channel reads into a heap buffer; its bytes are reached through {@link #byteBuffer()}
 * only, and it cannot search ({@link #indexOf}). Readers whose output copies the bytes anyway use it.
 *
 * <p>Not thread-safe; the caller owns the channel's lifetime through {@link #close()}.
 */
public final class PositionedInput implements Closeable {
  /** Default buffer size: large enough that a refill costs one syscall per MiB. */
  public static final int DEFAULT_BUFFER_SIZE = 1 << 20;

  private final ReadableByteChannel channel;
  private ByteBuffer buffer;
  private byte[] bytes;
  /** Absolute file offset of {@code bytes[0]}. */
  private long bufferStartOffset;
  private int pos;
  private int limit;
  private boolean eof;

  /**
   * @param channel the channel, already positioned at {@code startOffset}
   * @param startOffset the absolute offset of the channel's next byte
   * @param bufferSize the buffer capacity; also the largest {@link #request} that can succeed
   */
  public PositionedInput(ReadableByteChannel channel, long startOffset, int bufferSize) {
    this(channel, startOffset, bufferSize, false);
  }

  /**
   * @param direct read into a direct buffer: {@link #buffer()} and {@link #indexOf} are then not
   *     available, {@link #byteBuffer()} is
   */
  public PositionedInput(
      ReadableByteChannel channel, long startOffset, int bufferSize, boolean direct) {
    if (bufferSize <= 0) {
      throw new IllegalArgumentException("bufferSize must be positive, was " + bufferSize);
    }
    this.channel = channel;
    this.bytes = direct ? null : new byte[bufferSize];
    this.buffer = direct ? ByteBuffer.allocateDirect(bufferSize) : ByteBuffer.wrap(bytes);
    this.bufferStartOffset = startOffset;
  }

  /** Absolute offset of the next unconsumed byte. */
  public long position() {
    return bufferStartOffset + pos;
  }

  /** The backing array of a heap input; valid bytes start at {@link #bufferIndex()}. */
  public byte[] buffer() {
    if (bytes == null) {
      throw new IllegalStateException("a direct input has no backing array; use byteBuffer()");
    }
    return bytes;
  }

  /**
   * The buffer itself, heap or direct; read it with absolute gets from {@link #bufferIndex()}. Its
   * position and limit are not meaningful.
   */
  public ByteBuffer byteBuffer() {
    return buffer;
  }

  /** Index in {@link #buffer()} or {@link #byteBuffer()} of the byte at {@link #position()}. */
  public int bufferIndex() {
    return pos;
  }

  /** Number of bytes buffered from {@link #position()} onward, without reading. */
  public int buffered() {
    return limit - pos;
  }

  /** The buffer capacity: the largest number of bytes {@link #request} can make available. */
  public int capacity() {
    return buffer.capacity();
  }

  /**
   * Grows the buffer so that {@link #request} can make {@code n} bytes available. Callers bound
   * {@code n} before calling; nothing read from a file reaches here unchecked.
   */
  public void ensureCapacity(int n) {
    if (n <= buffer.capacity()) {
      return;
    }
    if (bytes != null) {
      bytes = java.util.Arrays.copyOf(bytes, n);
      buffer = ByteBuffer.wrap(bytes);
    } else {
      ByteBuffer grown = ByteBuffer.allocateDirect(n);
      grown.put(0, buffer, 0, limit);
      buffer = grown;
    }
  }

  /**
   * Makes at least {@code n} bytes available from {@link #position()}, reading as needed. Returns
   * false if the channel ends first; then {@link #buffered()} is the number of bytes left before
   * end of file.
   */
  public boolean request(int n) throws IOException {
    return limit - pos >= n || fillTo(n);
  }

  // Out of request() so that the per-record path stays small enough to inline.
  private boolean fillTo(int n) throws IOException {
    if (n > buffer.capacity()) {
      throw new IllegalArgumentException(
          "cannot buffer " + n + " bytes in a buffer of " + buffer.capacity());
    }
    while (limit - pos < n) {
      if (eof) {
        return false;
      }
      fill();
    }
    return true;
  }

  /** Like {@link #request} but fails with {@link EOFException} naming the offset. */
  public void require(int n) throws IOException {
    if (!request(n)) {
      throw new EOFException(
          "needed " + n + " bytes at offset " + position() + " but only " + buffered() + " remain");
    }
  }

  /** Consumes {@code n} bytes that are already buffered. */
  public void consume(int n) {
    if (n < 0 || n > limit - pos) {
      throw cannotConsume(n);
    }
    pos += n;
  }

  private IllegalArgumentException cannotConsume(int n) {
    return new IllegalArgumentException("cannot consume " + n + " of " + (limit - pos) + " bytes");
  }

  /**
   * Advances {@code n} bytes. Returns the number actually skipped, which is less than {@code n} only
   * at end of file.
   */
  public long skip(long n) throws IOException {
    if (n < 0) {
      throw new IllegalArgumentException("cannot skip backwards: " + n);
    }
    long buffered = limit - pos;
    if (n <= buffered) {
      pos += (int) n;
      return n;
    }
    long target = position() + n;
    if (channel instanceof SeekableByteChannel) {
      SeekableByteChannel seekable = (SeekableByteChannel) channel;
      long size = seekable.size();
      long reachable = Math.min(target, Math.max(size, position()));
      seekable.position(reachable);
      bufferStartOffset = reachable;
      pos = 0;
      limit = 0;
      eof = reachable >= size;
      return reachable - (target - n);
    }
    long skipped = buffered;
    pos = limit;
    while (skipped < n) {
      if (!request(1)) {
        return skipped;
      }
      int step = (int) Math.min(n - skipped, limit - pos);
      pos += step;
      skipped += step;
    }
    return skipped;
  }

  /** Consumes everything up to end of file; afterwards {@link #position()} is the file size. */
  public void skipToEnd() throws IOException {
    if (channel instanceof SeekableByteChannel) {
      long size = ((SeekableByteChannel) channel).size();
      skip(Math.max(0, size - position()));
      pos = limit;
      return;
    }
    pos = limit;
    while (request(1)) {
      pos = limit;
    }
  }

  /**
   * Finds the first occurrence of {@code pattern} that starts at or after {@link #position()} and
   * before {@code endExclusive}, consuming the bytes before it. Returns its absolute offset, with
   * {@link #position()} left on it and the whole pattern buffered; or -1 with everything before
   * {@code endExclusive} (or end of file) consumed except at most {@code pattern.length - 1} bytes.
   */
  public long indexOf(byte[] pattern, long endExclusive) throws IOException {
    if (bytes == null) {
      throw new IllegalStateException("a direct input cannot search; use a heap input");
    }
    int m = pattern.length;
    byte first = pattern[0];
    while (true) {
      if (!request(m)) {
        return -1;
      }
      long searchableUntil = Math.min(endExclusive - bufferStartOffset, (long) limit - m + 1);
      int last = (int) Math.max(pos, Math.min(searchableUntil, Integer.MAX_VALUE));
      for (int i = pos; i < last; i++) {
        if (bytes[i] == first && matchesAt(pattern, i)) {
          pos = i;
          return bufferStartOffset + i;
        }
      }
      pos = last;
      if (position() >= endExclusive) {
        return -1;
      }
    }
  }

  /**
   * Finds the first occurrence of {@code pattern} that starts in {@code [from, endExclusive)}
   * without consuming anything: {@link #position()} stays where it is and every byte from it up to
   * the occurrence (or up to {@code endExclusive}) stays buffered, so the caller can still read
   * them. Reads only as far as it must. Returns the absolute offset, or -1 if there is none (or the
   * file ends first). The caller bounds {@code endExclusive - position()}: the buffer grows to it.
   *
   * @param from at or after {@link #position()}
   */
  public long peekIndexOf(byte[] pattern, long from, long endExclusive) throws IOException {
    if (bytes == null) {
      throw new IllegalStateException("a direct input cannot search; use a heap input");
    }
    if (from < position()) {
      throw new IllegalArgumentException("cannot search before the position: " + from);
    }
    int m = pattern.length;
    long need = endExclusive - position() + m - 1;
    if (need > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("search window too large: " + need);
    }
    ensureCapacity((int) Math.max(need, 1));
    byte first = pattern[0];
    long scanFrom = from;
    while (true) {
      long lastStart = Math.min(endExclusive, bufferStartOffset + limit - m + 1);
      for (long s = scanFrom; s < lastStart; s++) {
        int i = (int) (s - bufferStartOffset);
        if (bytes[i] == first && matchesAt(pattern, i)) {
          return s;
        }
      }
      scanFrom = Math.max(scanFrom, lastStart);
      if (scanFrom >= endExclusive || !request(buffered() + 1)) {
        return -1;
      }
    }
  }

  private boolean matchesAt(byte[] pattern, int at) {
    for (int j = 1; j < pattern.length; j++) {
      if (bytes[at + j] != pattern[j]) {
        return false;
      }
    }
    return true;
  }

  private void fill() throws IOException {
    if (pos > 0) {
      int remaining = limit - pos;
      if (bytes != null) {
        System.arraycopy(bytes, pos, bytes, 0, remaining);
      } else {
        buffer.put(0, buffer, pos, remaining);
      }
      bufferStartOffset += pos;
      pos = 0;
      limit = remaining;
    }
    // At most DEFAULT_BUFFER_SIZE per read: the JDK reads a channel into a heap buffer through a
    // temporary direct buffer as large as the request, allocated anew whenever a larger one is asked.
    buffer.clear().position(limit);
    buffer.limit((int) Math.min(buffer.capacity(), (long) limit + DEFAULT_BUFFER_SIZE));
    int n = channel.read(buffer);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
