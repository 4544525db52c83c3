package io.github.binfiles.tfrecord;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Which features of a {@code tf.train.Example} become which {@code Row} fields: each feature has a
 * name, a type (int64, float or bytes, as in TensorFlow's {@code FixedLenFeature} / {@code
 * VarLenFeature}), and is a scalar or a list. Scalars become nullable fields (null when the Example
 * lacks the feature) unless given a default; lists become arrays (empty when missing).
 *
 * <pre>{@code
 * ExampleSpec spec = ExampleSpec.builder()
 *     .int64("label").floatList("embedding").bytes("image").int64("epoch", 0L)
 *     .build();
 * p.apply(ReadFromBinaryFiles.of(Formats.tfRecord()).withDecoder(spec.decoder())
 *     .withCoder(RowCoder.of(spec.schema())).from("gs://b/train/*.tfrecord"));
 * }</pre>
 */
public final class ExampleSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A feature's value type, with the protobuf field number of its list in {@code tf.train.Feature}. */
  public enum Kind {
    BYTES(1, Schema.FieldType.BYTES),
    FLOAT(2, Schema.FieldType.FLOAT),
    INT64(3, Schema.FieldType.INT64);

    final int fieldNumber;
    final Schema.FieldType beamType;

    Kind(int fieldNumber, Schema.FieldType beamType) {
      this.fieldNumber = fieldNumber;
      this.beamType = beamType;
    }
  }

  /** One feature: name, kind, list or scalar, and the scalar's default (null: none). */
  public record Feature(String name, Kind kind, boolean list, Object defaultValue) implements Serializable {}

  private final List<Feature> features;
  private final Schema schema;

  private ExampleSpec(List<Feature> features) {
    this.features = Collections.unmodifiableList(new ArrayList<>(features));
    Schema.Builder b = Schema.builder();
    for (Feature f : features) {
      if (f.list()) {
        b.addArrayField(f.name(), f.kind().beamType);
      } else if (f.defaultValue() == null) {
        b.addNullableField(f.name(), f.kind().beamType);
      } else {
        b.addField(f.name(), f.kind().beamType);
      }
    }
    this.schema = b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Feature> features() {
    return features;
  }

  /** The schema of the Rows: one field per feature, in the spec's order. */
  public Schema schema() {
    return schema;
  }

  /** Decodes serialized {@code tf.train.Example}s into Rows of {@link #schema()}. */
  public ExampleDecoder decoder() {
    return new ExampleDecoder(this);
  }

  /** Encodes Rows of {@link #schema()} as serialized {@code tf.train.Example}s. */
  public ExampleEncoder encoder() {
    return new ExampleEncoder(this);
  }

  /** Builds a spec; feature names must be unique. */
  public static final class Builder {
    private final List<Feature> features = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    private Builder add(String name, Kind kind, boolean list, Object defaultValue) {
      if (name == null || name.isEmpty() || !names.add(name)) {
        throw new IllegalArgumentException("feature names must be unique and not empty: " + name);
      }
      features.add(new Feature(name, kind, list, defaultValue));
      return this;
    }

    public Builder int64(String name) {
      return add(name, Kind.INT64, false, null);
    }

    public Builder int64(String name, long defaultValue) {
      return add(name, Kind.INT64, false, defaultValue);
    }

    public Builder float32(String name) {
      return add(name, Kind.FLOAT, false, null);
    }

    public Builder float32(String name, float defaultValue) {
      return add(name, Kind.FLOAT, false, defaultValue);
    }

    public Builder bytes(String name) {
      return add(name, Kind.BYTES, false, null);
    }

    public Builder bytes(String name, byte[] defaultValue) {
      return add(name, Kind.BYTES, false, defaultValue.clone());
    }

    public Builder int64List(String name) {
      return add(name, Kind.INT64, true, null);
    }

    public Builder floatList(String name) {
      return add(name, Kind.FLOAT, true, null);
    }

    public Builder bytesList(String name) {
      return add(name, Kind.BYTES, true, null);
    }

    public ExampleSpec build() {
      return new ExampleSpec(features);
    }
  }
}
