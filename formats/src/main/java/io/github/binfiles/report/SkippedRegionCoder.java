package io.github.binfiles.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link SkippedRegion}. */
public final class SkippedRegionCoder extends AtomicCoder<SkippedRegion> {
  private static final SkippedRegionCoder INSTANCE = new SkippedRegionCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final org.apache.beam.sdk.coders.ByteArrayCoder BYTES = org.apache.beam.sdk.coders.ByteArrayCoder.of();

  public static SkippedRegionCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SkippedRegion r, OutputStream out) throws IOException {
    STRING.encode(r.getFile(), out);
    LONG.encode(r.getStartOffset(), out);
    LONG.encode(r.getEndOffset(), out);
    LONG.encode(r.getFirstLostOrdinal(), out);
    LONG.encode(r.getEndLostOrdinal(), out);
    STRING.encode(r.getReason(), out);
    BYTES.encode(r.getBytes(), out);
  }

  @Override
  public SkippedRegion decode(InputStream in) throws IOException {
    return new SkippedRegion(
        STRING.decode(in),
        LONG.decode(in),
        LONG.decode(in),
        LONG.decode(in),
        LONG.decode(in),
        STRING.decode(in),
        BYTES.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
