package io.github.binfiles.sinks;

import io.github.binfiles.Formats;
import static io.github.binfiles.sinks.FixedRoundTripTest.messages;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.layout.FieldType;
import io.github.binfiles.layout.RecordLayout;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Rows written to containers with a layout read back as Rows with no layout argument. */
public class LayoutContainerTest {
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline write = TestPipeline.create();
  @Rule public final transient TestPipeline read = TestPipeline.create();

  static final RecordLayout LAYOUT = RecordLayout.builder(24)
      .add("id", FieldType.signed(4, true))
      .add("name", FieldType.text(10, "IBM037", FieldType.Trim.RIGHT))
      .add("amount", FieldType.packedDecimal(5, 2))
      .add("spare", FieldType.filler(5))
      .build();

  private static List<Row> rows() {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      out.add(Row.withSchema(LAYOUT.schema()).addValues(i, "N" + i, new BigDecimal(i + ".25").negate()).build());
    }
    return out;
  }

  @Test
  public void layoutTravelsInTheMetadata() {
    String prefix = tmp.getRoot() + "/rows/part";
    write.apply(Create.of(rows()).withCoder(RowCoder.of(LAYOUT.schema())))
        .apply(WriteToBinaryFiles.of(Formats.container().withCodec(io.github.binfiles.codec.Codec.ZSTD)).withLayout(LAYOUT).to(prefix).withNumShards(2));
    write.run().waitUntilFinish();

    PCollection<Row> back = read.apply(ReadFromBinaryFiles.of(Formats.container()).withStoredLayout().from(prefix + "*"));
    PAssert.that(back).containsInAnyOrder(rows());
    PAssert.that(back.apply(Select.fieldNames("id")))
        .satisfies(ids -> {
          int n = 0;
          for (Row r : ids) {
            n++;
          }
          assertTrue(n == 50);
          return null;
        });
    read.run().waitUntilFinish();
  }

  @Test
  public void aFileWithAnotherLayoutFailsClearly() throws Exception {
    String dir = tmp.getRoot() + "/mixed";
    write.apply(Create.of(rows()).withCoder(RowCoder.of(LAYOUT.schema())))
        .apply(WriteToBinaryFiles.of(Formats.container()).withLayout(LAYOUT).to(dir + "/a").withNumShards(1));
    RecordLayout other = RecordLayout.builder(4).add("x", FieldType.signed(4, true)).build();
    write.apply("Other", Create.of(Row.withSchema(other.schema()).addValue(1).build()).withCoder(RowCoder.of(other.schema())))
        .apply("WriteOther", WriteToBinaryFiles.of(Formats.container()).withLayout(other).to(dir + "/b").withNumShards(1));
    write.run().waitUntilFinish();
    read.apply(ReadFromBinaryFiles.of(Formats.container()).withStoredLayout().from(dir + "/*.bfc"));
    Exception e = assertThrows(Exception.class, () -> read.run().waitUntilFinish());
    assertTrue(messages(e), messages(e).contains("differs from the layout this pipeline reads with"));
  }

  @Test
  public void anUnreadableLayoutNamesTheFile() throws Exception {
    Path f = tmp.newFile("bad-layout.bfc").toPath();
    io.github.binfiles.testing.ContainerTestFiles.write(
        f,
        io.github.binfiles.container.ContainerOptions.defaults()
            .withReservedMetadata(io.github.binfiles.container.ContainerFormat.KEY_LAYOUT,
                "{\"recordLength\": 4, \"fields\": [{\"name\": \"x\", \"type\": \"int24\"}]}"),
        List.of(new byte[] {1, 2, 3, 4}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read.apply(ReadFromBinaryFiles.of(Formats.container()).withStoredLayout().from(f.toString())));
    assertTrue(e.getMessage(), e.getMessage().startsWith(f + ": unreadable record layout: field 0 (x): unknown type"));
    read.enableAbandonedNodeEnforcement(false);
  }

  @Test
  public void containerWithoutLayoutSaysSo() throws Exception {
    Path f = tmp.newFile("plain.bfc").toPath();
    io.github.binfiles.testing.ContainerTestFiles.write(
        f, io.github.binfiles.container.ContainerOptions.defaults(), List.of(new byte[] {1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read.apply(ReadFromBinaryFiles.of(Formats.container()).withStoredLayout().from(f.toString())));
    assertTrue(e.getMessage(), e.getMessage().contains("has no record layout in its metadata"));
    read.enableAbandonedNodeEnforcement(false);
  }
}
