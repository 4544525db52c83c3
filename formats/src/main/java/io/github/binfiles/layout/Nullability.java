package io.github.binfiles.layout;

import org.apache.beam.sdk.schemas.Schema;

/**
 * Whether a Beam field type is nullable, in a form that runs on every Beam of the supported range:
 * {@code FieldType.getNullable()} returns {@code Boolean} up to Beam 2.72 and {@code boolean} from
 * 2.73, so code compiled against one fails on the other with {@code NoSuchMethodError}.
 */
final class Nullability {
  private Nullability() {}

  static boolean isNullable(Schema.FieldType type) {
    return type.equals(type.withNullable(true));
  }
}
