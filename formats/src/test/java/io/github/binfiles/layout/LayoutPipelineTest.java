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
  public void generatedColumnsComeFirstWithCobrixNames() throws Exception {
    RecordLayout layout = RecordLayoutTest.accounts();
    Path f = writeAccounts(layout);
    for (io.github.binfiles.report.CorruptionPolicy policy : io.github.binfiles.report.CorruptionPolicy.values()) {
      PCollection<Row> rows = p.apply("read " + policy, ReadFromBinaryFiles.of(Formats.fixed(layout)).withLayout(layout)
          .withCorruptionPolicy(policy)
          .withGeneratedColumns(io.github.binfiles.GeneratedColumn.FILE_NAME, io.github.binfiles.GeneratedColumn.RECORD_ID,
              io.github.binfiles.GeneratedColumn.RECORD_BYTE_OFFSET, io.github.binfiles.GeneratedColumn.RECORD_BYTE_LENGTH)
          .from(f.toString()));
      PAssert.that(rows).satisfies(all -> {
        int n = 0;
        for (Row r : all) {
          n++;
          assertTrue(r.getSchema().getFieldNames().toString(), r.getSchema().getFieldNames().subList(0, 5)
              .equals(java.util.List.of("File_Name", "Record_Id", "Record_Byte_Offset", "Record_Byte_Length", "account")));
          long id = r.getInt64("Record_Id");
          assertTrue(r.toString(), r.getInt32("account") == id);
          assertTrue(r.toString(), r.getInt64("Record_Byte_Offset") == 32 * id);
          assertTrue(r.toString(), r.getInt32("Record_Byte_Length") == 32);
          assertTrue(r.toString(), r.getString("File_Name").endsWith("accounts.ebc"));
        }
        assertTrue("100 rows, got " + n, n == 100);
        return null;
      });
    }
    p.run().waitUntilFinish();
  }

  @Test
  public void generatedColumnsOfAVariableLengthFileHaveOffsetsNotOrdinals() throws Exception {
    // Cobrix's test13b: 20 V records (RDWs counting the data only), a 100-byte header and 120-byte trailer.
    Path data = java.nio.file.Paths.get("..", "testdata", "cobrix", "test13b_comp_details.dat");
    RecordLayout layout = CopybookLayout.of(Files.readString(java.nio.file.Paths.get("..", "testdata", "cobrix",
        "test13b_vrl_file_headers.cob"))).withRecordTypes("SEGMENT-ID", java.util.Map.of("C", "STATIC-DETAILS", "P", "CONTACTS"))
        .toLayout();
    long size = Files.size(data);
    PCollection<Row> rows = p.apply(ReadFromBinaryFiles.of(io.github.binfiles.variable.VariableFormat.records()
            .withRdwAdjustment(0).withHeaderBytes(100).withTrailerBytes(120))
        .withLayout(layout)
        .withGeneratedColumns(io.github.binfiles.GeneratedColumn.RECORD_ID,
            io.github.binfiles.GeneratedColumn.RECORD_BYTE_OFFSET, io.github.binfiles.GeneratedColumn.RECORD_BYTE_LENGTH)
        .from(data.toString()));
    PAssert.that(rows).satisfies(all -> {
      java.util.TreeMap<Long, Integer> byOffset = new java.util.TreeMap<>();
      for (Row r : all) {
        assertTrue(r.toString(), r.getValue("Record_Id") == null); // V files number nothing
        byOffset.put(r.getInt64("Record_Byte_Offset"), r.getInt32("Record_Byte_Length"));
      }
      assertTrue(byOffset.toString(), byOffset.size() == 20 && byOffset.firstKey() == 100);
      long next = 100;
      for (java.util.Map.Entry<Long, Integer> e : byOffset.entrySet()) {
        assertTrue("record at " + e.getKey() + ", expected " + next, e.getKey() == next);
        next += 4 + e.getValue(); // the RDW, then the record
      }
      assertTrue(next + " + 120 = " + size, next + 120 == size);
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  public void generatedColumnsNeedALayoutAndNoRecordIds() throws Exception {
    RecordLayout layout = RecordLayoutTest.accounts();
    Path f = writeAccounts(layout);
    Exception e = assertThrows(IllegalArgumentException.class, () -> p.apply(ReadFromBinaryFiles.of(Formats.fixed(layout))
        .withGeneratedColumns(io.github.binfiles.GeneratedColumn.RECORD_ID).from(f.toString())));
    assertTrue(e.getMessage(), e.getMessage().contains("read with withLayout or withStoredLayout"));
    e = assertThrows(IllegalArgumentException.class, () -> p.apply("ids", ReadFromBinaryFiles.of(Formats.fixed(layout))
        .withLayout(layout).withGeneratedColumns(io.github.binfiles.GeneratedColumn.RECORD_ID).withRecordIds()
        .from(f.toString())));
    assertTrue(e.getMessage(), e.getMessage().contains("use one"));
    p.enableAbandonedNodeEnforcement(false);
  }

  @Test
  public void aMissingHeaderSettingIsNamedBeforeAnyFieldIsBlamed() throws Exception {
    // 100 accounts behind a 100-byte header, read without --header-bytes: 3,300 bytes are not
    // k x 32, and the error says so, with the headers that would fit (100 = 4 + 3 x 32).
    RecordLayout layout = RecordLayoutTest.accounts();
    Path f = writeAccounts(layout);
    byte[] records = Files.readAllBytes(f);
    byte[] withHeader = new byte[100 + records.length];
    java.util.Arrays.fill(withHeader, 0, 100, (byte) 0x40);
    System.arraycopy(records, 0, withHeader, 100, records.length);
    Files.write(f, withHeader);
    p.apply(ReadFromBinaryFiles.of(Formats.fixed(layout)).withLayout(layout).from(f.toString()));
    Exception e = assertThrows(Exception.class, () -> p.run().waitUntilFinish());
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    assertTrue(all.toString(), all.toString().contains("the file's size does not fit the settings: 3300 bytes = 0 header"
        + " + 103 records of 32 + 4 partial + 0 trailer"));
    assertTrue(all.toString(), all.toString().contains("a header of 4, 36, 68, 100 (4 + a multiple of 32) bytes"));
    assertTrue(all.toString(), !all.toString().contains("balance"));
  }

  @Test
  public void tooManyNulledRowsFailTheRead() throws Exception {
    RecordLayout layout = RecordLayoutTest.accounts();
    Path f = writeAccounts(layout);
    byte[] bytes = Files.readAllBytes(f);
    bytes[7 * 32 + 17] = (byte) 0xAB; // record 7's balance: 1 row of 100 nulled
    Files.write(f, bytes);
    PAssert.thatSingleton(p.apply("ok", ReadFromBinaryFiles.of(Formats.fixed(layout)).withLayout(layout)
            .withMaxNulledFraction(0.05).from(f.toString()))
        .apply(org.apache.beam.sdk.transforms.Count.globally())).isEqualTo(100L);
    p.run().waitUntilFinish();
    TestPipeline q = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    q.apply(ReadFromBinaryFiles.of(Formats.fixed(layout)).withLayout(layout).withMaxNulledFraction(0.005).from(f.toString()));
    Exception e = assertThrows(Exception.class, () -> q.run().waitUntilFinish());
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    assertTrue(all.toString(), all.toString().contains("1 of 100 rows (1.00%) had fields nulled as undecodable,"
        + " more than the maximum of 0.50%"));
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
