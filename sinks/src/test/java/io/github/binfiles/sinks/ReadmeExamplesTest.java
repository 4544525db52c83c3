package io.github.binfiles.sinks;

import io.github.binfiles.Formats;
import static org.junit.Assert.assertEquals;

import io.github.binfiles.report.NulledField;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.ReadResult;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.io.OutputBuffer;
import io.github.binfiles.layout.FieldType;
import io.github.binfiles.layout.RecordLayout;
import io.github.binfiles.layout.CopybookLayout;
import io.github.binfiles.variable.VariableFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.values.Row;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The examples of the README and docs/, as written there, so they cannot rot (DocsTest checks the rest). */
public class ReadmeExamplesTest {
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline write = TestPipeline.create();
  @Rule public final transient TestPipeline read = TestPipeline.create();

  /** From the README. */
  static class Reading implements Serializable {
    long sensor;
    double value;

    @Override
    public boolean equals(Object o) {
      return o instanceof Reading && ((Reading) o).sensor == sensor && ((Reading) o).value == value;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(sensor);
    }
  }

  /** From the README. */
  static class ReadingDecoder implements RecordDecoder<Reading> {
    @Override
    public Reading decode(byte[] buf, int off, int len) {
      ByteBuffer b = ByteBuffer.wrap(buf, off, len).order(ByteOrder.BIG_ENDIAN);
      Reading r = new Reading();
      r.sensor = b.getLong();
      r.value = b.getDouble();
      return r;
    }
  }

  private static Reading reading(long sensor, double value) {
    Reading r = new Reading();
    r.sensor = sensor;
    r.value = value;
    return r;
  }

  @Test
  public void userTypeWithDecoderAndEncoder() {
    List<Reading> data = Arrays.asList(reading(1, 0.5), reading(2, 1.5), reading(3, -2));
    String dir = tmp.getRoot().toString();
    PCollection<Reading> readings =
        write.apply(Create.of(data).withCoder(SerializableCoder.of(Reading.class)));
    readings.apply(WriteToBinaryFiles.of(Formats.fixed(16)).withEncoder((Reading r, OutputBuffer out) -> {
          byte[] b = ByteBuffer.allocate(16).putLong(r.sensor).putDouble(r.value).array();
          out.write(b);
        }).to(dir + "/sensors/part"));
    write.run().waitUntilFinish();

    // Coder inferred from the named decoder class; and given explicitly.
    PCollection<Reading> inferred =
        read.apply("Inferred", ReadFromBinaryFiles.of(Formats.fixed(16)).withDecoder(new ReadingDecoder()).from(dir + "/sensors/*.bin"));
    PCollection<Reading> explicit =
        read.apply("Explicit", ReadFromBinaryFiles.of(Formats.fixed(16)).withDecoder(new ReadingDecoder())
            .withCoder(SerializableCoder.of(Reading.class))
            .from(dir + "/sensors/*.bin"));
    PAssert.that(inferred).containsInAnyOrder(data);
    PAssert.that(explicit).containsInAnyOrder(data);
    read.run().waitUntilFinish();
  }

  @Test
  public void containerWithReport() {
    String dir = tmp.getRoot().toString();
    PCollection<byte[]> records =
        write.apply(Create.of(Arrays.asList(new byte[] {1}, new byte[] {2, 3}, new byte[0])));
    records.apply(WriteToBinaryFiles.of(Formats.container().withCodec(Codec.ZSTD).withBlockSize(1 << 20).withMetadata("source", "sensor export 2026-11"))
        .to(dir + "/out/part"));
    write.run().waitUntilFinish();

    ReadResult<byte[]> result =
        read.apply(ReadFromBinaryFiles.of(Formats.container()).from(dir + "/out/part-*.bfc").withSkippedRegionReport());
    PAssert.that(result.records().apply("Lengths", MapElements.into(TypeDescriptors.integers()).via(b -> b.length)))
        .containsInAnyOrder(1, 2, 0);
    PAssert.that(result.skippedRegions()
        .apply("As text", MapElements.into(TypeDescriptors.strings()).via(SkippedRegion::toString))).empty();
    read.run().waitUntilFinish();
  }

  /** docs/copybooks.md's layout and nulled-field report, on testdata's EBCDIC file with one bad field. */
  @Test
  public void layoutWithNulledFieldReport() throws Exception {
    RecordLayout layout = RecordLayout.builder(32)
        .add("account", FieldType.signed(4, true))                          // big-endian int32
        .add("name", FieldType.text(12, "IBM037", FieldType.Trim.RIGHT))     // EBCDIC text
        .add("balance", FieldType.packedDecimal(6, 2))                      // COMP-3, 2 decimals
        .add("status", FieldType.zonedDecimal(3, 0, "IBM037"))              // DISPLAY, signed
        .add("spare", FieldType.filler(7))
        .build();
    String file = Path.of("..", "testdata", "accounts-ebcdic-32-badfield.dat").toAbsolutePath().normalize().toString();
    String reports = tmp.getRoot() + "/reports/nulled-fields";

    ReadResult<Row> result = read.apply(
        ReadFromBinaryFiles.of(Formats.fixed(layout)).withLayout(layout).from(file).withSkippedRegionReport());
    result.nulledFields()
        .apply(MapElements.into(TypeDescriptors.strings()).via(NulledField::toString))
        .apply(TextIO.write().to(reports).withoutSharding());
    PAssert.that(result.records().apply("Count", org.apache.beam.sdk.transforms.Count.globally())).containsInAnyOrder(20L);
    read.run().waitUntilFinish();

    // The README shows this line for gs://b/mainframe/ACCTS.1, wrapped after "000001172807:".
    assertEquals(List.of(file + " record 5 at byte 160: field balance (record byte 16) holds 000001172807:"
            + " packed_decimal(6, scale 2): packed decimal sign nibble is 7, expected A-F; set to null"),
        Files.readAllLines(Path.of(reports)));
  }

  /**
   * The bad-record example of the README and docs/corruption.md, with local paths: the record with
   * a bad packed field is nulled and counted (1 of 20 rows, under the 5% the example allows), and
   * the bad records go to the handler's sink as JSON lines (none here: nulling is not a bad record).
   */
  @Test
  public void badRecordsAndThresholds() throws Exception {
    RecordLayout layout = RecordLayout.builder(32)
        .add("account", FieldType.signed(4, true))
        .add("name", FieldType.text(12, "IBM037", FieldType.Trim.RIGHT))
        .add("balance", FieldType.packedDecimal(6, 2))
        .add("status", FieldType.zonedDecimal(3, 0, "IBM037"))
        .add("spare", FieldType.filler(7))
        .build();
    String in = Path.of("..", "testdata", "accounts-ebcdic-32-badfield.dat").toAbsolutePath().normalize().toString();
    String deadLetter = tmp.getRoot() + "/dead-letter/bad";
    TestPipeline p = read;

    // Any PTransform<PCollection<BadRecord>, ?> is the handler's sink; here, JSON lines on GCS.
    org.apache.beam.sdk.transforms.errorhandling.ErrorHandler.BadRecordErrorHandler<org.apache.beam.sdk.values.PDone> badRecords =
        p.registerBadRecordErrorHandler(
            new org.apache.beam.sdk.transforms.PTransform<PCollection<org.apache.beam.sdk.transforms.errorhandling.BadRecord>,
                org.apache.beam.sdk.values.PDone>() {
              @Override
              public org.apache.beam.sdk.values.PDone expand(PCollection<org.apache.beam.sdk.transforms.errorhandling.BadRecord> bad) {
                return bad.apply(MapElements.into(TypeDescriptors.strings())
                        .via(org.apache.beam.sdk.transforms.errorhandling.BadRecord::toString))
                    .apply(TextIO.write().to(deadLetter));
              }
            });
    PCollection<Row> rows = p.apply(ReadFromBinaryFiles.of(Formats.fixed(layout)).withLayout(layout)
        .withBadRecordErrorHandler(badRecords)
        .withMaxSkippedFraction(0.05, 0.001)  // fail past 5% of a file's bytes or 0.1% of all bytes read
        .withMaxNulledFraction(0.1)
        .from(in));
    badRecords.close();  // before p.run()
    PAssert.that(rows.apply("Count", org.apache.beam.sdk.transforms.Count.globally())).containsInAnyOrder(20L);
    p.run().waitUntilFinish();
  }

  /**
   * The README's VB example (also docs/variable-length.md): the customer file (testdata/copybook) as VB, read into Rows with the
   * copybook and written back as VB with 27,998-byte blocks. The Rows read back are the same; each
   * record ends with what it holds: an address 121 bytes (its FILLER included), an account 51 bytes
   * plus 14 per transaction (TX-COUNT of them; CUSTOMER.fields.txt).
   */
  @Test
  public void variableLengthCustomersWithACopybook() throws Exception {
    String copybookText = Files.readString(Path.of("..", "testdata", "copybook", "CUSTOMER.cpy"));
    byte[] fixed = Files.readAllBytes(Path.of("..", "testdata", "copybook", "customers.ebc"));
    String dir = tmp.getRoot().toString();
    Files.createDirectories(Path.of(dir, "in"));
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(Path.of(dir, "in", "CUSTOMERS.1.vb"),
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
      io.github.binfiles.spi.RecordFileWriter<byte[]> w = VariableFormat.blocked()
          .openWriter(ch, io.github.binfiles.spi.RecordEncoder.bytes(), "customers");
      for (int at = 0; at < fixed.length; at += 121) {
        w.write(Arrays.copyOfRange(fixed, at, at + 121));
      }
      w.finish();
    }

    RecordLayout layout = CopybookLayout.of(copybookText)
        .withRecordTypes("REC-TYPE", java.util.Map.of("A", "ACCOUNT-DATA", "D", "ADDRESS-DATA")).toLayout();
    PCollection<Row> rows = write.apply(ReadFromBinaryFiles.of(VariableFormat.blocked())  // VB, as z/OS writes it
        .withLayout(layout).from(dir + "/in/CUSTOMERS.*.vb"));
    rows.apply(WriteToBinaryFiles.of(VariableFormat.blocked().withBlockSize(27998)).withLayout(layout)
        .to(dir + "/out/customers"));
    write.run().waitUntilFinish();

    List<Row> expected = new java.util.ArrayList<>();
    io.github.binfiles.layout.LayoutDecoder decoder = new io.github.binfiles.layout.LayoutDecoder(layout);
    for (int at = 0; at < fixed.length; at += 121) {
      expected.add(decoder.decode(fixed, at, 121));
    }
    PAssert.that(read.apply(ReadFromBinaryFiles.of(VariableFormat.blocked()).withLayout(layout)
        .from(dir + "/out/customers*"))).containsInAnyOrder(expected);
    read.run().waitUntilFinish();

    List<Integer> lengths = new java.util.ArrayList<>();
    List<Integer> wanted = new java.util.ArrayList<>();
    for (Row r : expected) {
      wanted.add(r.getString("REC_TYPE").equals("D") ? 121
          : 51 + 14 * ((Number) r.getRow("ACCOUNT_DATA").getValue("TX_COUNT")).intValue());
    }
    try (java.util.stream.Stream<Path> out = Files.list(Path.of(dir, "out"))) {
      for (Path p : (Iterable<Path>) out::iterator) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p)) {
          io.github.binfiles.framing.RecordReader r = io.github.binfiles.framing.RecordReader.open(
              VariableFormat.blocked().framing(),
              io.github.binfiles.framing.FileRange.of(p.toString(), ch.size(), 0, ch.size(), ch, false),
              io.github.binfiles.report.CorruptionPolicy.FAIL, 0);
          while (r.next()) {
            lengths.add(r.record().length());
          }
        }
      }
    }
    lengths.sort(null);
    wanted.sort(null);
    assertEquals(wanted, lengths);
  }
}
