package io.github.binfiles.sinks;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import io.github.binfiles.Formats;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.io.OutputBuffer;
import io.github.binfiles.layout.CopybookLayout;
import io.github.binfiles.layout.LayoutDecoder;
import io.github.binfiles.layout.LayoutEncoder;
import io.github.binfiles.layout.RecordLayout;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.transforms.Filter;
import org.apache.beam.sdk.schemas.transforms.Group;
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * docs/copybooks.md's copybook example: a customer file with two record types (REDEFINES chosen by
 * REC-TYPE), groups, OCCURS DEPENDING ON and COMP-3, read into Rows by a pipeline, queried with
 * schema transforms, and written back record for record byte-identical.
 */
public class CopybookPipelineTest {
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline p = TestPipeline.create();

  static final Path COPYBOOK = Paths.get("..", "testdata", "copybook", "CUSTOMER.cpy");
  static final Path GOLDEN = Paths.get("..", "testdata", "copybook", "customers.ebc");

  static RecordLayout layout() throws Exception {
    return CopybookLayout.of(Files.readString(COPYBOOK))
        .withRecordTypes("REC-TYPE", Map.of("A", "ACCOUNT-DATA", "D", "ADDRESS-DATA"))
        .toLayout();
  }

  /** Record i: even ids are accounts with i % 6 transactions, odd ids address changes. */
  static Row customer(RecordLayout layout, int i) {
    Schema s = layout.schema();
    Schema account = s.getField("ACCOUNT_DATA").getType().getRowSchema();
    Schema address = s.getField("ADDRESS_DATA").getType().getRowSchema();
    Schema name = account.getField("CUST_NAME").getType().getRowSchema();
    Schema tx = account.getField("TRANSACTIONS").getType().getCollectionElementType().getRowSchema();
    if (i % 2 == 1) {
      return Row.withSchema(s).addValues("D", 10_000L + i, null,
          Row.withSchema(address).addValues(i + " HIGH STREET", "LEEDS", "LS" + (i % 10) + " 1AA").build()).build();
    }
    int n = i % 6;
    List<Row> txs = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      txs.add(Row.withSchema(tx).addValues(new BigDecimal(20240101 + t), new BigDecimal((t % 2 == 0 ? "-" : "") + (i * 7 + t) + ".25"),
          t % 2 == 0 ? "D" : "C").build());
    }
    return Row.withSchema(s).addValues("A", 10_000L + i,
        Row.withSchema(account).addValues(Row.withSchema(name).addValues("SURNAME" + i, "NAME" + i).build(),
            new BigDecimal(i * 1000 + ".50").negate(), new BigDecimal("5000.00"), new BigDecimal(19990101 + i % 28),
            (short) n, txs).build(),
        null).build();
  }

  static byte[] customers(RecordLayout layout, int count) {
    LayoutEncoder encoder = new LayoutEncoder(layout);
    OutputBuffer out = new OutputBuffer(count * layout.recordLength());
    for (int i = 0; i < count; i++) {
      encoder.encode(customer(layout, i), out);
    }
    return Arrays.copyOf(out.array(), out.size());
  }

  static List<String> records(byte[] data, int length) {
    List<String> out = new ArrayList<>();
    for (int at = 0; at < data.length; at += length) {
      out.add(java.util.HexFormat.of().formatHex(data, at, at + length));
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  @Test
  public void theGoldenFileIsTheGeneratorsFirstTwentyAndDecodesAsWritten() throws Exception {
    RecordLayout layout = layout();
    assertEquals(121, layout.recordLength());
    byte[] golden = Files.readAllBytes(GOLDEN);
    assertArrayEquals(customers(layout, 20), golden);
    Row first = new LayoutDecoder(layout).decode(golden, 0, 121);
    assertEquals(customer(layout, 0), first);
    Row fourth = new LayoutDecoder(layout).decode(golden, 4 * 121, 121);
    assertEquals(4, fourth.getRow("ACCOUNT_DATA").getArray("TRANSACTIONS").size());
    assertEquals(new BigDecimal("-4000.50"), fourth.getRow("ACCOUNT_DATA").getDecimal("BALANCE"));
  }

  @Test
  public void readsRowsQueriesThemAndWritesTheSameRecordsBack() throws Exception {
    RecordLayout layout = layout();
    Path in = tmp.newFile("customers.ebc").toPath();
    byte[] data = customers(layout, 1000);
    Files.write(in, data);
    String out = tmp.getRoot() + "/copy";

    // As in the README:
    PCollection<Row> customers = p.apply(ReadFromBinaryFiles.of(Formats.fixed(layout)).withLayout(layout).from(in.toString()));
    PCollection<Row> busy = customers
        .apply(Filter.<Row>create().whereFieldName("ACCOUNT_DATA", (Row a) -> a != null && a.getInt16("TX_COUNT") >= 4))
        .apply(Select.fieldNames("CUST_ID", "ACCOUNT_DATA.BALANCE"));
    PCollection<Row> byType = customers.apply(Group.<Row>byFieldNames("REC_TYPE").aggregateField("CUST_ID", Count.combineFn(), "n"));
    customers.apply(WriteToBinaryFiles.of(Formats.fixed(layout)).withLayout(layout).to(out).withNumShards(1));

    PAssert.thatSingleton(busy.apply("Count busy", Count.globally())).isEqualTo(166L); // even i with i % 6 in {4}: 0..999
    PAssert.that(byType).satisfies(groups -> {
      int n = 0;
      for (Row g : groups) {
        n++;
        assertEquals(g.toString(), 500L, (long) g.getRow("value").getInt64("n"));
      }
      assertEquals(2, n);
      return null;
    });
    p.run().waitUntilFinish();

    byte[] written;
    try (Stream<Path> files = Files.list(tmp.getRoot().toPath())) {
      List<Path> copies = files.filter(f -> f.getFileName().toString().startsWith("copy")).collect(Collectors.toList());
      assertEquals(1, copies.size());
      written = Files.readAllBytes(copies.get(0));
    }
    // A PCollection has no order: the same records, each byte for byte.
    assertEquals(records(data, 121), records(written, 121));
  }
}
