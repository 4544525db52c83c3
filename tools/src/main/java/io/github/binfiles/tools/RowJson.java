package io.github.binfiles.tools;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/** Rows decoded by a layout as JSON objects: numbers stay numbers (decimals exact), bytes as hex. */
final class RowJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private RowJson() {}

  static Map<String, Object> fields(Row row) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Schema.Field f : row.getSchema().getFields()) {
      Object v = row.getValue(f.getName());
      m.put(f.getName(), v instanceof byte[] ? java.util.HexFormat.of().formatHex((byte[]) v) : v);
    }
    return m;
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
