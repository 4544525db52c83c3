package io.github.binfiles.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link RecordId}. */
public final class RecordIdCoder extends AtomicCoder<RecordId> {
  private static final RecordIdCoder INSTANCE = new RecordIdCoder();

  public static RecordIdCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RecordId id, OutputStream out) throws IOException {
    StringUtf8Coder.of().encode(id.getFile(), out);
    VarLongCoder.of().encode(id.getOrdinal(), out);
  }

  @Override
  public RecordId decode(InputStream in) throws IOException {
    return new RecordId(StringUtf8Coder.of().decode(in), VarLongCoder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
