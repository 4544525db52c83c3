package io.github.binfiles.tools;

import io.github.binfiles.beam.ElementFactory;
import io.github.binfiles.beam.RecordContext;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.spi.RecordEncoder;
import org.apache.beam.sdk.coders.Coder;

/**
 * The local engine's elements: each record a view of the reader's own buffer, handed to the target
 * writer (which copies it into its block) before the reader moves on, so a local conversion
 * allocates nothing per record. A pipeline's elements must be arrays they own; a conversion that
 * writes each record before reading the next need not. One mutable {@link Slice} per factory,
 * reused for every record and skipped region: it is valid only until the reader's next {@code
 * advance()}, and these elements never leave the machine (no coder).
 */
final class RecordSlices implements ElementFactory<RecordSlices.Slice> {
  private static final long serialVersionUID = 1L;

  /** Writes a slice's bytes as they are. */
  static final RecordEncoder<Slice> ENCODER = (slice, out) -> out.write(slice.buffer, slice.offset, slice.length);

  /** A record's bytes ({@code buffer[offset, offset + length)}), or a skipped region. */
  static final class Slice {
    private byte[] buffer;
    private int offset;
    private int length;
    private SkippedRegion skipped;

    /** The region skipped, or null for a record. */
    SkippedRegion skipped() {
      return skipped;
    }
  }

  private transient Slice slice;

  private Slice slice() {
    if (slice == null) {
      slice = new Slice();
    }
    return slice;
  }

  @Override
  public Slice record(RecordContext context, byte[] buffer, int offset, int length) {
    Slice s = slice();
    s.buffer = buffer;
    s.offset = offset;
    s.length = length;
    s.skipped = null;
    return s;
  }

  @Override
  public boolean emitsSkippedRegions() {
    return true;
  }

  @Override
  public Slice skipped(SkippedRegion region) {
    Slice s = slice();
    s.buffer = null;
    s.length = 0;
    s.skipped = region;
    return s;
  }

  @Override
  public Coder<Slice> coder() {
    throw new UnsupportedOperationException("a local conversion's record views are written where they are read, never encoded");
  }
}
