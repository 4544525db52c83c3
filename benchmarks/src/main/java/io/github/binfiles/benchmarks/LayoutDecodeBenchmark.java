package io.github.binfiles.benchmarks;

import io.github.binfiles.layout.FieldType;
import io.github.binfiles.layout.LayoutDecoder;
import io.github.binfiles.layout.RecordLayout;
import java.io.ByteArrayOutputStream;
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
 * Layout decode to Beam Rows against the same records read from Avro and converted with Beam's
 * Avro-to-Row conversion ({@code AvroUtils.toBeamRowStrict}). Score: records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LayoutDecodeBenchmark {
  static final int RECORDS = 4096;

  private byte[] fixed;
  private byte[] avro;
  private LayoutDecoder layoutDecoder;
  private GenericDatumReader<GenericRecord> avroReader;
  private Schema beamSchema;

  @Setup
  public void setUp() throws Exception {
    RecordLayout layout = RecordLayout.builder(64)
        .add("id", FieldType.signed(8, false))
        .add("a", FieldType.signed(4, false))
        .add("b", FieldType.signed(4, false))
        .add("value", FieldType.ieee(8, false))
        .add("name", FieldType.text(16, "US-ASCII", FieldType.Trim.NONE))
        .add("payload", FieldType.bytes(24))
        .build();
    layoutDecoder = new LayoutDecoder(layout);
    fixed = new byte[RECORDS * 64];
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
    GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(LogicalRecords.SCHEMA);
    for (int i = 0; i < RECORDS; i++) {
      System.arraycopy(LogicalRecords.binary(i, 64), 0, fixed, i * 64, 64);
      writer.write(LogicalRecords.avro(i, 64), enc);
    }
    enc.flush();
    avro = bytes.toByteArray();
    avroReader = new GenericDatumReader<>(LogicalRecords.SCHEMA);
    beamSchema = AvroUtils.toBeamSchema(LogicalRecords.SCHEMA);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void layoutToRow(Blackhole bh) throws Exception {
    for (int i = 0; i < RECORDS; i++) {
      bh.consume(layoutDecoder.decode(fixed, i * 64, 64));
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void avroToRow(Blackhole bh) throws Exception {
    BinaryDecoder dec = DecoderFactory.get().binaryDecoder(avro, null);
    GenericRecord reuse = null;
    for (int i = 0; i < RECORDS; i++) {
      reuse = avroReader.read(reuse, dec);
      Row row = AvroUtils.toBeamRowStrict(reuse, beamSchema);
      bh.consume(row);
    }
  }
}
