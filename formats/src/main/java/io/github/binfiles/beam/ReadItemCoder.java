package io.github.binfiles.beam;

import io.github.binfiles.report.NulledField;
import io.github.binfiles.report.NulledFieldCoder;
import io.github.binfiles.report.SkippedRegionCoder;
import org.apache.beam.sdk.coders.ListCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.StructuredCoder;

/**
 * Coder for {@link ReadItem}: a tag byte, then the record, the record and its nulled fields, or the
 * region.
 */
public final class ReadItemCoder<T> extends StructuredCoder<ReadItem<T>> {
  private static final int RECORD = 0;
  private static final int SKIPPED = 1;
  private static final int RECORD_WITH_NULLED_FIELDS = 2;
  private static final ListCoder<io.github.binfiles.report.NulledField> NULLED =
      ListCoder.of(NulledFieldCoder.of());
  private final Coder<T> recordCoder;

  private ReadItemCoder(Coder<T> recordCoder) {
    this.recordCoder = recordCoder;
  }

  public static <T> ReadItemCoder<T> of(Coder<T> recordCoder) {
    return new ReadItemCoder<>(recordCoder);
  }

  @Override
  public void encode(ReadItem<T> item, OutputStream out) throws IOException {
    if (item.isRecord() && item.getNulledFields().isEmpty()) {
      out.write(RECORD);
      recordCoder.encode(item.getRecord(), out);
    } else if (item.isRecord()) {
      out.write(RECORD_WITH_NULLED_FIELDS);
      recordCoder.encode(item.getRecord(), out);
      NULLED.encode(item.getNulledFields(), out);
    } else {
      out.write(SKIPPED);
      SkippedRegionCoder.of().encode(item.getSkipped(), out);
    }
  }

  @Override
  public ReadItem<T> decode(InputStream in) throws IOException {
    int tag = in.read();
    switch (tag) {
      case RECORD:
        return ReadItem.record(recordCoder.decode(in));
      case RECORD_WITH_NULLED_FIELDS:
        T record = recordCoder.decode(in);
        return ReadItem.record(record, NULLED.decode(in));
      case SKIPPED:
        return ReadItem.skipped(SkippedRegionCoder.of().decode(in));
      default:
        throw new CoderException("unknown ReadItem tag " + tag);
    }
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return Collections.singletonList(recordCoder);
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    verifyDeterministic(this, "record coder must be deterministic", recordCoder);
  }
}
