package io.github.binfiles.tfrecord;

import io.github.binfiles.spi.MalformedRecordException;
import io.github.binfiles.spi.RecordDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.Row;

/**
 * Decodes a serialized {@code tf.train.Example} into a {@link Row} of an {@link ExampleSpec}'s
 * schema with a small protobuf wire reader: no TensorFlow or protobuf runtime. Features the spec
 * does not name are ignored; both packed and unpacked repeated encodings are read. A record that is
 * not an Example of the spec (a truncated varint, a length past the record, a feature of another
 * type than the spec says, a scalar with several values) throws {@link MalformedRecordException}
 * naming the feature and the problem, so the read's corruption policy decides: fail, or drop the
 * record and report it.
 */
public final class ExampleDecoder implements RecordDecoder<Row> {
  private static final long serialVersionUID = 1L;
  private final ExampleSpec spec;
  private final Map<String, Integer> index = new HashMap<>();

  ExampleDecoder(ExampleSpec spec) {
    this.spec = spec;
    for (int i = 0; i < spec.features().size(); i++) {
      index.put(spec.features().get(i).name(), i);
    }
  }

  @Override
  public Row decode(byte[] buffer, int offset, int length) throws MalformedRecordException {
    try {
      return parse(buffer, offset, length);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException("not a tf.train.Example of this spec: " + e.getMessage(), e);
    }
  }

  private Row parse(byte[] buffer, int offset, int length) {
    @SuppressWarnings("unchecked")
    List<Object>[] values = new List[spec.features().size()];
    ProtoWire example = new ProtoWire(buffer, offset, offset + length);
    while (example.more()) {
      int tag = example.tag();
      if (tag == (1 << 3 | 2)) { // Example.features
        ProtoWire features = example.message();
        while (features.more()) {
          if (features.tag() == (1 << 3 | 2)) { // Features.feature map entry
            entry(features.message(), values);
          } else {
            features.skip();
          }
        }
      } else {
        example.skip();
      }
    }
    List<Object> fields = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      ExampleSpec.Feature f = spec.features().get(i);
      List<Object> v = values[i];
      if (f.list()) {
        fields.add(v == null ? Collections.emptyList() : v);
      } else if (v == null || v.isEmpty()) {
        fields.add(f.defaultValue());
      } else if (v.size() == 1) {
        fields.add(v.get(0));
      } else {
        throw new IllegalArgumentException("feature " + f.name() + " has " + v.size()
            + " values, but the spec reads it as a scalar (use a list)");
      }
    }
    return Row.withSchema(spec.schema()).addValues(fields).build();
  }

  /** One map entry: key (field 1) and Feature (field 2), in either order. */
  private void entry(ProtoWire entry, List<Object>[] values) {
    String key = null;
    ProtoWire feature = null;
    while (entry.more()) {
      int tag = entry.tag();
      if (tag == (1 << 3 | 2)) {
        ProtoWire k = entry.message();
        key = new String(k.bytes(), k.position(), k.remaining(), StandardCharsets.UTF_8);
      } else if (tag == (2 << 3 | 2)) {
        feature = entry.message();
      } else {
        entry.skip();
      }
    }
    Integer i = key == null ? null : index.get(key);
    if (i == null || feature == null) {
      return;
    }
    ExampleSpec.Feature f = spec.features().get(i);
    List<Object> out = values[i] == null ? (values[i] = new ArrayList<>(1)) : values[i];
    while (feature.more()) {
      int tag = feature.tag();
      int field = tag >>> 3;
      if (field < 1 || field > 3) {
        feature.skip();
        continue;
      }
      if (field != f.kind().fieldNumber || (tag & 7) != 2) {
        throw new IllegalArgumentException("feature " + key + " holds a " + kindOf(field)
            + " list, but the spec reads it as " + f.kind());
      }
      list(feature.message(), f.kind(), out);
    }
  }

  private static String kindOf(int field) {
    return field == 1 ? "BYTES" : field == 2 ? "FLOAT" : "INT64";
  }

  /** The values of a BytesList, FloatList or Int64List (field 1, packed or not). */
  private static void list(ProtoWire list, ExampleSpec.Kind kind, List<Object> out) {
    while (list.more()) {
      int tag = list.tag();
      if (tag >>> 3 != 1) {
        list.skip();
        continue;
      }
      int wireType = tag & 7;
      switch (kind) {
        case BYTES:
          ProtoWire b = list.message();
          byte[] copy = new byte[b.remaining()];
          System.arraycopy(b.bytes(), b.position(), copy, 0, copy.length);
          out.add(copy);
          break;
        case FLOAT:
          if (wireType == 5) {
            out.add(Float.intBitsToFloat(list.fixed32()));
          } else {
            ProtoWire packed = list.message();
            if (packed.remaining() % 4 != 0) {
              throw new IllegalArgumentException("packed floats of " + packed.remaining() + " bytes");
            }
            while (packed.more()) {
              out.add(Float.intBitsToFloat(packed.fixed32()));
            }
          }
          break;
        default:
          if (wireType == 0) {
            out.add(list.varint());
          } else {
            ProtoWire packed = list.message();
            while (packed.more()) {
              out.add(packed.varint());
            }
          }
      }
    }
  }
}
