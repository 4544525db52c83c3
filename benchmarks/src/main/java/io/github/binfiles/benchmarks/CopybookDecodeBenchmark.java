package io.github.binfiles.benchmarks;

import io.github.binfiles.io.OutputBuffer;
import io.github.binfiles.layout.LayoutDecoder;
import io.github.binfiles.layout.LayoutEncoder;
import io.github.binfiles.layout.RecordLayout;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.beam.sdk.extensions.avro.schemas.utils.AvroUtils;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A wide mainframe record (issue 13): a copybook of 128 elementary fields in four groups (text,
 * COMP-3 amounts, binary counters, zoned dates; 780-byte records), decoded to Beam Rows from EBCDIC
 * bytes, against the same rows read from Avro and converted with Beam's Avro-to-Row conversion
 * ({@code AvroUtils.toBeamRowStrict}), and Avro's reader alone for reference. Score: records per
 * second on one thread; MB/s = records/s x
 * 780 / 10^6. Cobrix's published figure is about 6 MB/s per core for a 167-column file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CopybookDecodeBenchmark {
  static final int RECORDS = 1024;

  /** 32 fields in each of four groups: 128 elementary fields. */
  static String copybook() {
    StringBuilder c = new StringBuilder("       01  WIDE-RECORD.\n");
    String[][] groups = {
        {"NAMES", "NAME", "PIC X(10)."},
        {"AMOUNTS", "AMT", "PIC S9(7)V99 COMP-3."},
        {"COUNTERS", "CNT", "PIC S9(9) COMP."},
        {"DATES", "DT", "PIC 9(8)."}};
    for (String[] g : groups) {
      c.append("           05  ").append(g[0]).append(".\n");
      for (int i = 0; i < 32; i++) {
        c.append(String.format("               10  %-14s %s%n", g[1] + "-" + i, g[2]));
      }
    }
    return c.toString();
  }

  private byte[] ebcdic;
  private int recordLength;
  private byte[] avro;
  private LayoutDecoder decoder;
  private GenericDatumReader<GenericRecord> avroReader;
  private Schema beamSchema;

  @Setup
  public void setUp() throws Exception {
    RecordLayout layout = RecordLayout.fromCopybook(copybook());
    recordLength = layout.recordLength();
    decoder = new LayoutDecoder(layout);
    beamSchema = layout.schema();
    org.apache.avro.Schema avroSchema = avroSchema(beamSchema);
    LayoutEncoder encoder = new LayoutEncoder(layout);
    OutputBuffer out = new OutputBuffer(RECORDS * recordLength);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
    GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(avroSchema);
    for (int i = 0; i < RECORDS; i++) {
      Row row = row(beamSchema, i);
      encoder.encode(row, out);
      writer.write(record(row, avroSchema), enc);
    }
    enc.flush();
    ebcdic = java.util.Arrays.copyOf(out.array(), out.size());
    avro = bytes.toByteArray();
    avroReader = new GenericDatumReader<>(avroSchema);
    // Both sides hold the same values.
    BinaryDecoder dec = DecoderFactory.get().binaryDecoder(avro, null);
    for (int i = 0; i < 3; i++) {
      Row fromAvro = AvroUtils.toBeamRowStrict(avroReader.read(null, dec), beamSchema);
      if (!fromAvro.equals(decoder.decode(ebcdic, i * recordLength, recordLength))) {
        throw new IllegalStateException("Avro and copybook rows differ at " + i);
      }
    }
  }

  /**
   * The Avro schema of the same rows, by hand: Beam's own conversion gives decimals scale 0, so
   * amounts are {@code bytes} with {@code decimal(9, 2)} and dates {@code decimal(8, 0)}.
   */
  static org.apache.avro.Schema avroSchema(Schema beam) {
    StringBuilder j = new StringBuilder("{\"type\":\"record\",\"name\":\"WIDE\",\"fields\":[");
    for (Schema.Field g : beam.getFields()) {
      j.append(g == beam.getField(0) ? "" : ",").append("{\"name\":\"").append(g.getName())
          .append("\",\"type\":{\"type\":\"record\",\"name\":\"").append(g.getName()).append("\",\"fields\":[");
      Schema gs = g.getType().getRowSchema();
      for (Schema.Field f : gs.getFields()) {
        String type;
        switch (g.getName()) {
          case "NAMES":
            type = "\"string\"";
            break;
          case "AMOUNTS":
            type = "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":9,\"scale\":2}";
            break;
          case "COUNTERS":
            type = "\"int\"";
            break;
          default:
            type = "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":8,\"scale\":0}";
        }
        j.append(f == gs.getField(0) ? "" : ",").append("{\"name\":\"").append(f.getName()).append("\",\"type\":").append(type).append("}");
      }
      j.append("]}}");
    }
    return new org.apache.avro.Schema.Parser().parse(j.append("]}").toString());
  }

  static GenericRecord record(Row row, org.apache.avro.Schema schema) {
    org.apache.avro.generic.GenericData.Record r = new org.apache.avro.generic.GenericData.Record(schema);
    org.apache.avro.Conversions.DecimalConversion decimals = new org.apache.avro.Conversions.DecimalConversion();
    for (org.apache.avro.Schema.Field f : schema.getFields()) {
      Object v = row.getValue(f.name());
      if (v instanceof Row) {
        r.put(f.name(), record((Row) v, f.schema()));
      } else if (v instanceof BigDecimal) {
        r.put(f.name(), decimals.toBytes((BigDecimal) v, f.schema(), f.schema().getLogicalType()));
      } else {
        r.put(f.name(), v);
      }
    }
    return r;
  }

  static Row row(Schema s, int i) {
    List<Object> groups = new ArrayList<>();
    for (Schema.Field g : s.getFields()) {
      Schema gs = g.getType().getRowSchema();
      List<Object> values = new ArrayList<>();
      for (int k = 0; k < gs.getFieldCount(); k++) {
        switch (g.getName()) {
          case "NAMES":
            values.add("N" + (i * 31 + k) % 100000);
            break;
          case "AMOUNTS":
            values.add(BigDecimal.valueOf((i * 7919L + k * 104729L) % 1000000000L - 500000000L, 2));
            break;
          case "COUNTERS":
            values.add((i * 131 + k) % 1000000);
            break;
          default:
            values.add(BigDecimal.valueOf(19700101 + (i + k) % 500000));
        }
      }
      groups.add(Row.withSchema(gs).attachValues(values));
    }
    return Row.withSchema(s).attachValues(groups);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void copybookToRow(Blackhole bh) throws Exception {
    for (int i = 0; i < RECORDS; i++) {
      bh.consume(decoder.decode(ebcdic, i * recordLength, recordLength));
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void avroToRow(Blackhole bh) throws Exception {
    BinaryDecoder dec = DecoderFactory.get().binaryDecoder(avro, null);
    GenericRecord reuse = null;
    for (int i = 0; i < RECORDS; i++) {
      reuse = avroReader.read(reuse, dec);
      bh.consume(AvroUtils.toBeamRowStrict(reuse, beamSchema));
    }
  }

  /** Reference: Avro's reader alone (GenericRecords, no Rows), to show where the Avro path's time goes. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void avroGenericRecordOnly(Blackhole bh) throws Exception {
    BinaryDecoder dec = DecoderFactory.get().binaryDecoder(avro, null);
    GenericRecord reuse = null;
    for (int i = 0; i < RECORDS; i++) {
      reuse = avroReader.read(reuse, dec);
      bh.consume(reuse);
    }
  }
}
