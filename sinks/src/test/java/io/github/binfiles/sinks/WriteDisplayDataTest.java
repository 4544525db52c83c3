package io.github.binfiles.sinks;

import io.github.binfiles.Formats;
import static org.junit.Assert.assertEquals;

import io.github.binfiles.codec.Codec;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.junit.Test;

/** What a write shows in the Dataflow UI: its prefix, shards, format and codec. */
public class WriteDisplayDataTest {
  @Test
  public void fixedWriteShowsPrefixShardsAndRecordLength() {
    DisplayData d = DisplayData.from(WriteToBinaryFiles.of(Formats.fixed(32)).to("/out/f/part").withNumShards(3));
    assertEquals(String.valueOf("/out/f/part"), value(d, "outputPrefix"));
    assertEquals(String.valueOf(3), value(d, "numShards"));
    assertEquals(String.valueOf("fixed"), value(d, "format"));
    assertEquals(String.valueOf(32), value(d, "recordLength"));
    assertEquals(String.valueOf(".bin"), value(d, "suffix"));
  }

  @Test
  public void containerWriteShowsCodecAndBlockSize() {
    DisplayData d = DisplayData.from(
        WriteToBinaryFiles.of(Formats.container().withCodec(Codec.ZSTD).withBlockSize(1 << 16)).to("/out/c"));
    assertEquals(String.valueOf("container"), value(d, "format"));
    assertEquals(String.valueOf("zstd"), value(d, "codec"));
    assertEquals(String.valueOf(1 << 16), value(d, "targetBlockBytes"));
    assertEquals(String.valueOf(".bfc"), value(d, "suffix"));
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
