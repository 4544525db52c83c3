package io.github.binfiles.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link NulledField}. */
public final class NulledFieldCoder extends AtomicCoder<NulledField> {
  private static final NulledFieldCoder INSTANCE = new NulledFieldCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  public static NulledFieldCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(NulledField f, OutputStream out) throws IOException {
    STRING.encode(f.getFile(), out);
    LONG.encode(f.getRecordOrdinal(), out);
    LONG.encode(f.getRecordOffset(), out);
    STRING.encode(f.getField(), out);
    INT.encode(f.getFieldOffset(), out);
    BYTES.encode(f.getBytes(), out);
    STRING.encode(f.getProblem(), out);
  }

  @Override
  public NulledField decode(InputStream in) throws IOException {
    return new NulledField(
        STRING.decode(in),
        LONG.decode(in),
        LONG.decode(in),
        STRING.decode(in),
        INT.decode(in),
        BYTES.decode(in),
        STRING.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
