package io.github.binfiles.benchmarks;

import io.github.binfiles.io.LittleEndian;
import io.github.binfiles.sample.SampleRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The same logical record in every format the harness compares: an int64, two int32, a double, a
 * 16-byte string and 24 bytes of payload (64 bytes in binary form; see {@link SampleRecords}).
 */
final class LogicalRecords {
  private LogicalRecords() {}

  static final Schema SCHEMA =
      SchemaBuilder.record("Sample")
          .namespace("io.github.binfiles.benchmarks")
          .fields()
          .requiredLong("id")
          .requiredInt("a")
          .requiredInt("b")
          .requiredDouble("value")
          .requiredString("name")
          .name("payload").type().bytesType().noDefault()
          .endRecord();

  static byte[] binary(long id, int size) {
    return SampleRecords.record(id, size);
  }

  static GenericRecord avro(long id, int size) {
    byte[] b = binary(id, size);
    GenericData.Record r = new GenericData.Record(SCHEMA);
    r.put(0, LittleEndian.getLong(b, 0));
    r.put(1, LittleEndian.getInt(b, 8));
    r.put(2, LittleEndian.getInt(b, 12));
    r.put(3, Double.longBitsToDouble(LittleEndian.getLong(b, 16)));
    r.put(4, new String(b, 24, 16, StandardCharsets.US_ASCII));
    r.put(5, ByteBuffer.wrap(b, 40, size - 40).slice());
    return r;
  }

  static String text(long id, int size) {
    byte[] b = binary(id, size);
    StringBuilder s = new StringBuilder(size * 2);
    s.append(LittleEndian.getLong(b, 0)).append(',').append(LittleEndian.getInt(b, 8)).append(',')
        .append(LittleEndian.getInt(b, 12)).append(',')
        .append(Double.longBitsToDouble(LittleEndian.getLong(b, 16))).append(',')
        .append(new String(b, 24, 16, StandardCharsets.US_ASCII)).append(',');
    for (int i = 40; i < size; i++) {
      s.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
    }
    return s.toString();
  }
}
