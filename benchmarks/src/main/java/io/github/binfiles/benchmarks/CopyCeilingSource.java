package io.github.binfiles.benchmarks;

import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.RecordBlock;
import io.github.binfiles.framing.RecordView;
import io.github.binfiles.framing.UnitReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
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
 *
 * <p>{@link #withFixedFraming}: the same reader with binfiles' fixed-record framing finding the
 * records ({@code FixedRecordUnits} over a direct {@code PositionedInput}) and nothing else of
 * binfiles' Beam adapter; between this ceiling and {@code fixed -> byte[]} it separates what the
 * framing costs a record from what the adapter does.
 */
final class CopyCeilingSource extends FileBasedSource<byte[]> {
  private static final long serialVersionUID = 1L;
  private static final int LENGTH = 64;
  private final boolean fixedFraming;

  private CopyCeilingSource(String file, boolean fixedFraming) {
    super(StaticValueProvider.of(file), EmptyMatchTreatment.DISALLOW, LENGTH);
    this.fixedFraming = fixedFraming;
  }

  private CopyCeilingSource(Metadata metadata, long start, long end, boolean fixedFraming) {
    super(metadata, LENGTH, start, end);
    this.fixedFraming = fixedFraming;
  }

  /** The ceiling: the records found by position in a plain buffer. */
  static CopyCeilingSource of(String file) {
    return new CopyCeilingSource(file, false);
  }

  /** The ceiling with binfiles' fixed-record framing finding the records. */
  static CopyCeilingSource withFixedFraming(String file) {
    return new CopyCeilingSource(file, true);
  }

  @Override
  protected FileBasedSource<byte[]> createForSubrangeOfFile(Metadata metadata, long start, long end) {
    return new CopyCeilingSource(metadata, start, end, fixedFraming);
  }

  @Override
  protected FileBasedReader<byte[]> createSingleFileReader(PipelineOptions options) {
    return fixedFraming ? new FramingReader(this) : new BufferReader(this);
  }

  @Override
  public Coder<byte[]> getOutputCoder() {
    return ByteArrayCoder.of();
  }

  /** What both readers report to Beam: the current record and its offset. */
  private abstract static class CopyingReader extends FileBasedReader<byte[]> {
    long offset;
    byte[] current;

    CopyingReader(CopyCeilingSource source) {
      super(source);
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

  /** Records by position in a direct buffer. */
  private static final class BufferReader extends CopyingReader {
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private ReadableByteChannel channel;
    private long next;

    BufferReader(CopyCeilingSource source) {
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
  }

  /** Records found by binfiles' fixed-record framing, which delivers them in runs. */
  private static final class FramingReader extends CopyingReader {
    private UnitReader units;
    private RecordBlock run;

    FramingReader(CopyCeilingSource source) {
      super(source);
    }

    @Override
    protected void startReading(ReadableByteChannel channel) throws IOException {
      CopyCeilingSource source = (CopyCeilingSource) getCurrentSource();
      long size = source.getSingleFileMetadata().sizeBytes();
      units = FixedRecordFraming.of(LENGTH, 0, 0).open(FileRange.of(
          source.getSingleFileMetadata().resourceId().toString(), size, source.getStartOffset(), source.getEndOffset(),
          (SeekableByteChannel) channel, true));
    }

    @Override
    protected boolean readNextRecord() throws IOException {
      while (run == null || !run.nextRecord()) {
        if (units.next() != UnitReader.Unit.BLOCK) {
          return false;
        }
        run = units.block();
      }
      RecordView v = run.record();
      byte[] r = new byte[v.length()];
      v.directBuffer().get(v.index(), r, 0, r.length);
      current = r;
      offset = v.fileOffset();
      return true;
    }
  }
}
