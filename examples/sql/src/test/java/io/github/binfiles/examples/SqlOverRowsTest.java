package io.github.binfiles.examples;

import io.github.binfiles.Formats;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.layout.RecordLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/**
 * The README's Beam SQL example: EBCDIC fixed records decoded by a layout into Rows, queried with
 * SQL. Expected sums by hand from testdata/README.md's description of the file (record i: balance
 * 1234.56 * i - 5000.00, status i % 4, i = 0..19): status s holds i = s, s+4, ..., s+16, so 5 rows
 * and 1234.56 * (5s + 40) - 25000.00.
 */
public class SqlOverRowsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Path testdata(String name) {
    return Paths.get("..", "..", "testdata", name);
  }

  @Test
  public void groupByStatus() throws Exception {
    RecordLayout layout = RecordLayout.fromJson(Files.readString(testdata("accounts.layout.json")));
    String files = testdata("accounts-ebcdic-32.dat").toString();

    PCollection<Row> accounts = p.apply(ReadFromBinaryFiles.of(Formats.fixed(layout)).withLayout(layout).from(files));
    PCollection<Row> byStatus = accounts.apply(SqlTransform.query(
        "SELECT status, COUNT(*) AS n, SUM(balance) AS total FROM PCOLLECTION GROUP BY status"));

    PAssert.that(byStatus.apply(MapElements.into(TypeDescriptors.strings()).via((Row r) ->
            r.getDecimal("status").intValue() + " " + r.getInt64("n") + " "
                + r.getDecimal("total").setScale(2).toPlainString())))
        .containsInAnyOrder("0 5 24382.40", "1 5 30555.20", "2 5 36728.00", "3 5 42900.80");
    p.run().waitUntilFinish();
  }
}
