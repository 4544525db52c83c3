package io.github.binfiles.layout;

import io.github.binfiles.Formats;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.io.OutputBuffer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

/** A fixed-length EBCDIC file with packed decimals, read into Rows and used by schema transforms. */
public class LayoutPipelineTest {
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** 100 accounts: status cycles 0..3, balance = id.01 (negative for odd ids). */
  private Path writeAccounts(RecordLayout layout) throws Exception {
    OutputBuffer out = new OutputBuffer(100 * 32);
    LayoutEncoder encoder = new LayoutEncoder(layout);
    for (int id = 0; id < 100; id++) {
      BigDecimal balance = new BigDecimal(id + ".01");
      encoder.encode(Row.withSchema(layout.schema())
          .addValues(id, "ACCOUNT " + id, id % 2 == 1 ? balance.negate() : balance, new BigDecimal(id % 4))
          .build(), out);
    }
    Path f = tmp.newFile("accounts.ebc").toPath();
    Files.write(f, Arrays.copyOf(out.array(), out.size()));
    return f;
  }

  @Test
  public void readsRowsAndAppliesSchemaTransforms() throws Exception {
    RecordLayout layout = RecordLayoutTest.accounts();
    Path f = writeAccounts(layout);
    PCollection<Row> rows = p.apply(ReadFromBinaryFiles.of(Formats.fixed(layout)).withLayout(layout).from(f.toString()));
    PCollection<Row> names = rows.apply(Select.fieldNames("name"));
    PAssert.thatSingleton(names.apply("Count names", Count.globally())).isEqualTo(100L);
    PAssert.that(names).satisfies(all -> {
      for (Row r : all) {
        assertTrue(r.getString("name"), r.getString("name").startsWith("ACCOUNT "));
      }
      return null;
    });
    PCollection<Row> byStatus =
        rows.apply(Group.<Row>byFieldNames("status").aggregateField("balance", Count.combineFn(), "accounts"));
    PAssert.that(byStatus).satisfies(groups -> {
      int n = 0;
      for (Row g : groups) {
        n++;
        assertTrue(g.toString(), g.getRow("value").getInt64("accounts") == 25L);
      }
      assertTrue("4 statuses, got " + n, n == 4);
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  public void badPackedDecimalFailsWithFileOrdinalFieldAndBytes() throws Exception {
    RecordLayout layout = RecordLayoutTest.accounts();
    Path f = writeAccounts(layout);
    byte[] bytes = Files.readAllBytes(f);
    bytes[7 * 32 + 17] = (byte) 0xAB; // record 7, inside "balance" (bytes 16..21)
    Files.write(f, bytes);
    p.apply(ReadFromBinaryFiles.of(Formats.fixed(layout)).withLayout(layout).from(f.toString()));
    Exception e = assertThrows(Exception.class, () -> p.run().waitUntilFinish());
    StringBuilder all = new StringBuilder();
    for (Throwable c = e; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append(" | ");
    }
    String m = all.toString();
    assertTrue(m, m.contains(f + " at byte 224: could not decode record 7"));
    assertTrue(m, m.contains("field balance (packed_decimal(6, scale 2)) at record byte 16 holds 00ab0000701d: packed decimal has a non-digit nibble in byte 1"));
  }
}
