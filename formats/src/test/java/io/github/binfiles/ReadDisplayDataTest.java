package io.github.binfiles;

import io.github.binfiles.report.CorruptionPolicy;
import static org.junit.Assert.assertEquals;

import io.github.binfiles.layout.FieldType;
import io.github.binfiles.layout.RecordLayout;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.junit.Test;

/** What a read shows in the Dataflow UI: its pattern, framing, policy and decoding. */
public class ReadDisplayDataTest {
  @Test
  public void fixedReadShowsPatternFramingPolicyAndLayout() {
    RecordLayout layout = RecordLayout.builder(8).add("id", FieldType.signed(8, true)).build();
    DisplayData d = DisplayData.from(
        ReadFromBinaryFiles.of(Formats.fixed(layout).withHeaderBytes(16)).withLayout(layout)
            .withCorruptionPolicy(CorruptionPolicy.SKIP)
            .from("gs://b/in/*.dat"));
    assertEquals(String.valueOf("gs://b/in/*.dat"), value(d, "filePattern"));
    assertEquals(String.valueOf("fixed"), value(d, "format"));
    assertEquals(String.valueOf(8), value(d, "recordLength"));
    assertEquals(String.valueOf(16), value(d, "headerBytes"));
    assertEquals(String.valueOf("SKIP"), value(d, "corruptionPolicy"));
    assertEquals(String.valueOf(layout.toString()), value(d, "layout"));
  }

  @Test
  public void containerReadShowsFormatAndMaximumBlockSize() {
    DisplayData d = DisplayData.from(
        ReadFromBinaryFiles.of(Formats.container().withMaxBlockBytes(1 << 20)).from("/data/*.bfc"));
    assertEquals(String.valueOf("/data/*.bfc"), value(d, "filePattern"));
    assertEquals(String.valueOf("container"), value(d, "format"));
    assertEquals(String.valueOf(1 << 20), value(d, "maxBlockBytes"));
    assertEquals(String.valueOf("FAIL"), value(d, "corruptionPolicy"));
  }

  @Test
  public void reportingReadIncludesItsRead() {
    DisplayData d = DisplayData.from(ReadFromBinaryFiles.of(Formats.fixed(4)).from("/x/*").withSkippedRegionReport());
    assertEquals(String.valueOf("SKIP"), value(d, "corruptionPolicy"));
    assertEquals(String.valueOf(4), value(d, "recordLength"));
  }

  /** The value of the display item {@code key}, as a string; fails if there is none. */
  static String value(DisplayData d, String key) {
    for (DisplayData.Item item : d.items()) {
      if (item.getKey().equals(key)) {
        return String.valueOf(item.getValue());
      }
    }
    throw new AssertionError("no display item " + key + " in " + d);
  }
}
