package io.github.binfiles.sinks;

import io.github.binfiles.Formats;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.tfrecord.ExampleSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.TFRecordIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Rows written as tf.train.Examples in TFRecord files by {@code WriteToBinaryFiles}, plain and
 * gzip-compressed, read back as the same Rows by {@code ReadFromBinaryFiles}, and as the same number
 * of records by Beam's own TFRecordIO.
 */
public class TfRecordRoundTripTest {
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline write = TestPipeline.create();
  @Rule public final transient TestPipeline read = TestPipeline.create();

  private static final ExampleSpec SPEC =
      ExampleSpec.builder().int64("id").floatList("x").bytes("tag").build();

  private static List<Row> rows() {
    List<Row> out = new ArrayList<>();
    for (long i = 0; i < 5000; i++) {
      out.add(Row.withSchema(SPEC.schema())
          .addValues(i, List.of((float) i, -(float) i), i % 7 == 0 ? null : ("t" + i).getBytes())
          .build());
    }
    return out;
  }

  @Test
  public void rowsRoundTripPlainAndGzip() throws Exception {
    String dir = tmp.getRoot().toString();
    PCollection<Row> rows = write.apply(Create.of(rows()).withCoder(RowCoder.of(SPEC.schema())));
    rows.apply("Plain", WriteToBinaryFiles.of(Formats.tfRecord()).withEncoder(SPEC.encoder())
        .to(dir + "/plain").withNumShards(3));
    rows.apply("Gzip", WriteToBinaryFiles.of(Formats.tfRecord()).withEncoder(SPEC.encoder())
        .withCompression(Compression.GZIP).to(dir + "/gz").withNumShards(2));
    write.run().waitUntilFinish();

    PCollection<Row> plain = read.apply("Read plain", ReadFromBinaryFiles.of(Formats.tfRecord())
        .withDecoder(SPEC.decoder()).withCoder(RowCoder.of(SPEC.schema())).from(dir + "/plain*.tfrecord"));
    PCollection<Row> gz = read.apply("Read gzip", ReadFromBinaryFiles.of(Formats.tfRecord())
        .withDecoder(SPEC.decoder()).withCoder(RowCoder.of(SPEC.schema())).from(dir + "/gz*.tfrecord.gz"));
    PAssert.that(plain).containsInAnyOrder(rows());
    PAssert.that(gz).containsInAnyOrder(rows());
    PAssert.thatSingleton(read.apply("Beam reads ours", TFRecordIO.read().from(dir + "/gz*"))
        .apply(Count.globally())).isEqualTo(5000L);
    read.run().waitUntilFinish();
  }
}
