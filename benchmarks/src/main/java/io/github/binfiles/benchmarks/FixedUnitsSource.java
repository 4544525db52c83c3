package io.github.binfiles.benchmarks;

import java.io.IOException;
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
 * binfiles' fixed-record framing ({@code FixedRecordUnits} over a direct {@code PositionedInput})
 * in the copy ceiling's Beam reader ({@link CopyCeilingSource}): each record copied into a new
 * array, claimed at its offset as a split point. Nothing of binfiles' Beam adapter ({@code
 * FramedSource}'s reader, the element factory, the record context): between the copy ceiling's
 * Beam reader and {@code fixed -> byte[]} it separates what the framing costs a record from what
 * the adapter does.
 */
final class FixedUnitsSource extends FileBasedSource<byte[]> {
  private static final long serialVersionUID = 1L;
  private static final int LENGTH = 64;

  FixedUnitsSource(String file) {
    super(StaticValueProvider.of(file), EmptyMatchTreatment.DISALLOW, LENGTH);
  }

  private FixedUnitsSource(Metadata metadata, long start, long end) {
    super(metadata, LENGTH, start, end);
  }

  @Override
  protected FileBasedSource<byte[]> createForSubrangeOfFile(Metadata metadata, long start, long end) {
    return new FixedUnitsSource(metadata, start, end);
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
    private io.github.binfiles.framing.UnitReader units;
    private io.github.binfiles.framing.RecordBlock run;
    private long offset;
    private byte[] current;

    Reader(FixedUnitsSource source) {
      super(source);
    }

    @Override
    protected void startReading(ReadableByteChannel channel) throws IOException {
      FixedUnitsSource source = (FixedUnitsSource) getCurrentSource();
      long size = source.getSingleFileMetadata().sizeBytes();
      units = io.github.binfiles.fixed.FixedRecordFraming.of(LENGTH, 0, 0).open(io.github.binfiles.framing.FileRange.of(
          source.getSingleFileMetadata().resourceId().toString(), size, source.getStartOffset(), source.getEndOffset(),
          (java.nio.channels.SeekableByteChannel) channel, true));
    }

    @Override
    protected boolean readNextRecord() throws IOException {
      // The fixed framing delivers its records in runs (each record a split point).
      while (run == null || !run.nextRecord()) {
        if (units.next() != io.github.binfiles.framing.UnitReader.Unit.BLOCK) {
          return false;
        }
        run = units.block();
      }
      io.github.binfiles.framing.RecordView v = run.record();
      byte[] r = new byte[v.length()];
      v.directBuffer().get(v.index(), r, 0, r.length);
      current = r;
      offset = v.fileOffset();
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
