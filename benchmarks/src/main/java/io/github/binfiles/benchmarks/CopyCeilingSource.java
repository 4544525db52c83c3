package io.github.binfiles.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;

/**
 * The copy ceiling as a Beam source: the least a {@code FileBasedSource} reader of fixed 64-byte
 * records into {@code byte[]}s can do (a 1 MiB direct buffer, each record copied into a new array,
 * every record a split point at its offset), driven by Beam's own reader loop ({@code advance()}:
 * {@code readNextRecord()}, then the range tracker's synchronized claim with {@code isAtSplitPoint()}
 * and {@code getCurrentOffset()}; the caller's {@code getCurrent()}). No damage, no ranges that start
 * inside a record, no header: less than a reader must do. Against the copy ceiling's plain loop it
 * measures what Beam's {@code BoundedReader} protocol costs a record; against AvroSource, the fastest
 * any {@code FileBasedSource} reader of these records can be on this machine.
 */
final class CopyCeilingSource extends FileBasedSource<byte[]> {
  private static final long serialVersionUID = 1L;
  private static final int LENGTH = 64;

  CopyCeilingSource(String file) {
    super(StaticValueProvider.of(file), EmptyMatchTreatment.DISALLOW, LENGTH);
  }

  private CopyCeilingSource(Metadata metadata, long start, long end) {
    super(metadata, LENGTH, start, end);
  }

  @Override
  protected FileBasedSource<byte[]> createForSubrangeOfFile(Metadata metadata, long start, long end) {
    return new CopyCeilingSource(metadata, start, end);
  }

  @Override
  protected FileBasedReader<byte[]> createSingleFileReader(PipelineOptions options) {
    return new Reader(this);
  }

  @Override
  public Coder<byte[]> getOutputCoder() {
    return ByteArrayCoder.of();
  }

  private static final class Reader extends FileBasedReader<byte[]> {
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private ReadableByteChannel channel;
    private long offset;
    private long next;
    private byte[] current;

    Reader(CopyCeilingSource source) {
      super(source);
    }

    @Override
    protected void startReading(ReadableByteChannel channel) {
      this.channel = channel;
      long start = getCurrentSource().getStartOffset();
      if (start % LENGTH != 0) {
        throw new IllegalArgumentException("ranges start at record boundaries here");
      }
      next = start;
      buffer.limit(0);
    }

    @Override
    protected boolean readNextRecord() throws IOException {
      if (buffer.remaining() < LENGTH) {
        buffer.compact();
        while (buffer.position() < LENGTH) {
          if (channel.read(buffer) < 0) {
            return false;
          }
        }
        buffer.flip();
      }
      byte[] r = new byte[LENGTH];
      buffer.get(r);
      current = r;
      offset = next;
      next += LENGTH;
      return true;
    }

    @Override
    protected long getCurrentOffset() {
      return offset;
    }

    @Override
    public byte[] getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }
  }
}
