package io.github.binfiles.tfrecord;

import io.github.binfiles.io.OutputBuffer;
import io.github.binfiles.spi.RecordEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * Encodes a {@link Row} of an {@link ExampleSpec}'s schema as a serialized {@code tf.train.Example}
 * (features in the spec's order, numbers packed, as TensorFlow writes them). A null scalar is left
 * out of the Example; a list is written even when empty.
 */
public final class ExampleEncoder implements RecordEncoder<Row> {
  private static final long serialVersionUID = 1L;
  private final ExampleSpec spec;

  ExampleEncoder(ExampleSpec spec) {
    this.spec = spec;
  }

  @Override
  public void encode(Row row, OutputBuffer out) {
    OutputBuffer features = new OutputBuffer(256);
    List<ExampleSpec.Feature> fs = spec.features();
    for (int i = 0; i < fs.size(); i++) {
      ExampleSpec.Feature f = fs.get(i);
      Object value = row.getValue(i);
      if (value == null && !f.list()) {
        continue;
      }
      Collection<?> values = f.list() ? (Collection<?>) value : List.of(value);
      OutputBuffer list = new OutputBuffer(64);
      switch (f.kind()) {
        case BYTES:
          for (Object v : values) {
            field(list, 1, (byte[]) v);
          }
          break;
        case FLOAT:
          if (!values.isEmpty()) {
            OutputBuffer packed = new OutputBuffer(4 * values.size());
            for (Object v : values) {
              packed.writeIntLE(Float.floatToIntBits((Float) v));
            }
            field(list, 1, packed);
          }
          break;
        default:
          if (!values.isEmpty()) {
            OutputBuffer packed = new OutputBuffer(8 * values.size());
            for (Object v : values) {
              packed.writeVarint((Long) v);
            }
            field(list, 1, packed);
          }
      }
      OutputBuffer feature = new OutputBuffer(list.size() + 8);
      field(feature, f.kind().fieldNumber, list);
      OutputBuffer entry = new OutputBuffer(feature.size() + f.name().length() + 16);
      field(entry, 1, f.name().getBytes(StandardCharsets.UTF_8));
      field(entry, 2, feature);
      field(features, 1, entry);
    }
    field(out, 1, features);
  }

  private static void field(OutputBuffer out, int number, OutputBuffer value) {
    out.writeVarint(number << 3 | 2).writeVarint(value.size()).write(value.array(), 0, value.size());
  }

  private static void field(OutputBuffer out, int number, byte[] value) {
    out.writeVarint(number << 3 | 2).writeVarint(value.length).write(value);
  }
}
