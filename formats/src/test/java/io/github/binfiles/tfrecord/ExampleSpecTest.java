package io.github.binfiles.tfrecord;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.Formats;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.io.OutputBuffer;
import io.github.binfiles.spi.MalformedRecordException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;

/** tf.train.Example to and from Rows, against bytes computed by hand from the protobuf wire format. */
public class ExampleSpecTest {
  private static final ExampleSpec LISTS =
      ExampleSpec.builder().int64List("a").floatList("b").bytesList("c").build();

  /**
   * Example{features{feature{key:"a" value{int64_list{value:[1, 300]}}} feature{key:"b"
   * value{float_list{value:[0.5]}}} feature{key:"c" value{bytes_list{value:["hi"]}}}}}, packed.
   */
  private static final String HAND = "0a2a"
      + "0a0c" + "0a0161" + "1207" + "1a05" + "0a0301ac02"
      + "0a0d" + "0a0162" + "1208" + "1206" + "0a040000003f"
      + "0a0b" + "0a0163" + "1206" + "0a04" + "0a026869";

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static Row row(List<Long> a, List<Float> b, List<byte[]> c) {
    return Row.withSchema(LISTS.schema()).addValues(a, b, c).build();
  }

  @Test
  public void encodesAsComputedByHand() throws Exception {
    OutputBuffer out = new OutputBuffer(64);
    LISTS.encoder().encode(row(List.of(1L, 300L), List.of(0.5f), List.of("hi".getBytes())), out);
    assertEquals(HAND, HexFormat.of().formatHex(Arrays.copyOf(out.array(), out.size())));
  }

  @Test
  public void decodesWhatWasComputedByHand() throws Exception {
    byte[] bytes = hex("ffff" + HAND + "ffff");
    Row r = LISTS.decoder().decode(bytes, 2, bytes.length - 4);
    assertEquals(List.of(1L, 300L), r.getArray("a"));
    assertEquals(List.of(0.5f), r.getArray("b"));
    assertArrayEquals("hi".getBytes(), (byte[]) r.getArray("c").iterator().next());
  }

  @Test
  public void readsUnpackedNumbersAndSkipsUnknownFeaturesAndFields() throws Exception {
    // a: int64_list unpacked [1, 300]; "zz": a feature the spec does not name; field 9 of Example.
    String example = "0a0c0a0161" + "1207" + "1a05" + "0801" + "08ac02"
        + "0a0b" + "0a027a7a" + "1205" + "1a03" + "0a0107";
    byte[] bytes = hex("0a" + String.format("%02x", example.length() / 2) + example + "4801");
    Row r = LISTS.decoder().decode(bytes, 0, bytes.length);
    assertEquals(List.of(1L, 300L), r.getArray("a"));
    assertTrue(r.getArray("b").isEmpty());
  }

  @Test
  public void scalarsTakeTheirDefaultOrNullWhenMissing() throws Exception {
    ExampleSpec spec = ExampleSpec.builder().int64("label").int64("epoch", 7L).float32("w").build();
    Row r = spec.decoder().decode(new byte[0], 0, 0);
    assertNull(r.getInt64("label"));
    assertEquals(7L, (long) r.getInt64("epoch"));
    assertNull(r.getFloat("w"));
  }

  @Test
  public void roundTripsEveryKind() throws Exception {
    ExampleSpec spec = ExampleSpec.builder().int64("i").float32("f").bytes("b").int64List("il")
        .floatList("fl").bytesList("bl").int64("missing").build();
    Row row = Row.withSchema(spec.schema()).addValues(-5L, 1.25f, new byte[] {0, 1, 2}, List.of(Long.MIN_VALUE, 0L),
        List.of(-0.0f, Float.MAX_VALUE), List.of(new byte[0], new byte[] {9}), null).build();
    OutputBuffer out = new OutputBuffer(64);
    spec.encoder().encode(row, out);
    Row back = spec.decoder().decode(out.array(), 0, out.size());
    assertEquals(-5L, (long) back.getInt64("i"));
    assertEquals(1.25f, back.getFloat("f"), 0f);
    assertArrayEquals(new byte[] {0, 1, 2}, back.getBytes("b"));
    assertEquals(List.of(Long.MIN_VALUE, 0L), back.getArray("il"));
    assertEquals(List.of(-0.0f, Float.MAX_VALUE), back.getArray("fl"));
    assertEquals(2, back.getArray("bl").size());
    assertNull(back.getInt64("missing"));
  }

  @Rule public org.junit.rules.TemporaryFolder tmp = new org.junit.rules.TemporaryFolder();

  /** TFRecord files of Examples read as Rows by the public read, then a schema transform. */
  @Test
  public void readsExamplesAsRowsInAPipeline() throws Exception {
    ExampleSpec spec = ExampleSpec.builder().int64("label").floatList("x").build();
    java.nio.file.Path f = tmp.newFile("train.tfrecord").toPath();
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f,
        java.nio.file.StandardOpenOption.WRITE)) {
      io.github.binfiles.spi.RecordFileWriter<Row> w =
          Formats.tfRecord().openWriter(ch, spec.encoder(), f.toString());
      for (long i = 0; i < 100; i++) {
        w.write(Row.withSchema(spec.schema()).addValues(i % 3, List.of((float) i)).build());
      }
      w.finish();
    }
    org.apache.beam.sdk.testing.TestPipeline p = io.github.binfiles.testing.Pipelines.fast();
    org.apache.beam.sdk.values.PCollection<Row> rows = p.apply(ReadFromBinaryFiles.of(Formats.tfRecord())
        .withDecoder(spec.decoder()).withCoder(RowCoder.of(spec.schema())).from(f.toString()));
    org.apache.beam.sdk.testing.PAssert.that(rows
            .apply(org.apache.beam.sdk.schemas.transforms.Select.fieldNames("label"))
            .apply(org.apache.beam.sdk.transforms.Count.perElement())
            .apply(org.apache.beam.sdk.transforms.MapElements.into(
                    org.apache.beam.sdk.values.TypeDescriptors.strings())
                .via(kv -> kv.getKey().getInt64("label") + "=" + kv.getValue())))
        .containsInAnyOrder("0=34", "1=33", "2=33");
    p.run().waitUntilFinish();
  }

  /**
   * Records that are not Examples of the spec follow the corruption policy: under SKIP they are
   * dropped and each is reported once with its byte range; the Examples around them arrive.
   */
  @Test
  public void recordsThatAreNotExamplesAreSkippedAndReportedUnderSkip() throws Exception {
    ExampleSpec spec = ExampleSpec.builder().int64("label").build();
    java.nio.file.Path f = tmp.newFile("mixed.tfrecord").toPath();
    List<String> expectedRegions = new java.util.ArrayList<>();
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f,
        java.nio.file.StandardOpenOption.WRITE)) {
      io.github.binfiles.spi.RecordFileWriter<byte[]> w = Formats.tfRecord().openWriter(
          ch, io.github.binfiles.spi.RecordEncoder.bytes(), f.toString());
      long at = 0;
      for (long i = 0; i < 20; i++) {
        OutputBuffer out = new OutputBuffer(16);
        spec.encoder().encode(Row.withSchema(spec.schema()).addValues(i).build(), out);
        byte[] record = i % 5 == 2 ? hex("0aff") : Arrays.copyOf(out.array(), out.size());
        if (i % 5 == 2) {
          expectedRegions.add(at + "-" + (at + record.length + 16));
        }
        w.write(record);
        at += record.length + 16;
      }
      w.finish();
    }
    org.apache.beam.sdk.testing.TestPipeline p = io.github.binfiles.testing.Pipelines.fast();
    io.github.binfiles.ReadResult<Row> result = p.apply(ReadFromBinaryFiles.of(Formats.tfRecord())
        .withDecoder(spec.decoder()).withCoder(RowCoder.of(spec.schema()))
        .withCorruptionPolicy(io.github.binfiles.report.CorruptionPolicy.SKIP)
        .from(f.toString()).withSkippedRegionReport());
    org.apache.beam.sdk.testing.PAssert.that(result.records()
            .apply(org.apache.beam.sdk.transforms.MapElements.into(
                    org.apache.beam.sdk.values.TypeDescriptors.longs())
                .via(r -> r.getInt64("label"))))
        .containsInAnyOrder(0L, 1L, 3L, 4L, 5L, 6L, 8L, 9L, 10L, 11L, 13L, 14L, 15L, 16L, 18L, 19L);
    org.apache.beam.sdk.testing.PAssert.that(result.skippedRegions()
            .apply(org.apache.beam.sdk.transforms.MapElements.into(
                    org.apache.beam.sdk.values.TypeDescriptors.strings())
                .via(r -> r.getStartOffset() + "-" + r.getEndOffset()
                    + (r.getReason().contains("is malformed: not a tf.train.Example of this spec: truncated varint")
                        ? "" : " " + r.getReason()))))
        .containsInAnyOrder(expectedRegions);
    p.run().waitUntilFinish();
  }

  @Test
  public void malformedExamplesFailNamingTheProblem() {
    byte[] hand = hex(HAND);
    MalformedRecordException truncated = assertThrows(MalformedRecordException.class,
        () -> LISTS.decoder().decode(hand, 0, hand.length - 1));
    assertTrue(truncated.getMessage(), truncated.getMessage().contains("runs past"));
    ExampleSpec wrongType = ExampleSpec.builder().floatList("a").build();
    MalformedRecordException type = assertThrows(MalformedRecordException.class,
        () -> wrongType.decoder().decode(hand, 0, hand.length));
    assertTrue(type.getMessage(), type.getMessage().contains("feature a holds a INT64 list"));
    ExampleSpec scalar = ExampleSpec.builder().int64("a").build();
    MalformedRecordException many = assertThrows(MalformedRecordException.class,
        () -> scalar.decoder().decode(hand, 0, hand.length));
    assertTrue(many.getMessage(), many.getMessage().contains("has 2 values"));
  }
}
