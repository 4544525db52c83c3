package io.github.binfiles.tools;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/** Rows decoded by a layout as JSON objects: numbers stay numbers (decimals exact), bytes as hex, groups nested. */
final class RowJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private RowJson() {}

  static Map<String, Object> fields(Row row) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Schema.Field f : row.getSchema().getFields()) {
      m.put(f.getName(), value(row.getValue(f.getName())));
    }
    return m;
  }

  /** Nested rows as objects, lists as arrays, bytes as hex. */
  private static Object value(Object v) {
    if (v instanceof Row) {
      return fields((Row) v);
    }
    if (v instanceof java.util.Collection) {
      java.util.List<Object> out = new java.util.ArrayList<>();
      for (Object x : (java.util.Collection<?>) v) {
        out.add(value(x));
      }
      return out;
    }
    return v instanceof byte[] ? java.util.HexFormat.of().formatHex((byte[]) v) : v;
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
