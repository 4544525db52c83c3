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
    // Both may be UNKNOWN (-1): shifted by one so they stay small non-negative varints.
    VarLongCoder.of().encode(id.getOrdinal() + 1, out);
    VarLongCoder.of().encode(id.getOffset() + 1, out);
  }

  @Override
  public RecordId decode(InputStream in) throws IOException {
    String file = StringUtf8Coder.of().decode(in);
    long ordinal = VarLongCoder.of().decode(in) - 1;
    return new RecordId(file, ordinal, VarLongCoder.of().decode(in) - 1);
  }

  @Override
  public void verifyDeterministic() {}
}
