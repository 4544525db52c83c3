package io.github.binfiles.tfrecord;

import io.github.binfiles.Formats;
import io.github.binfiles.testing.FormatContract;
import io.github.binfiles.testing.TestRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TFRecord files run the format contract. Every byte is under a checksum, so every flipped byte is
 * seen; a file cut exactly between records is a valid shorter file. Records are known by their
 * offsets (the format numbers nothing). A record duplicated, swapped or cut out leaves a valid file,
 * so the format has no structural damage to test beyond flips and cuts.
 */
public class TfRecordFormatContractTest extends FormatContract {
  @Override
  protected TfRecordFormat format() {
    return Formats.tfRecord();
  }

  /** Records of 0 to 20 bytes: empty records are legal and short ones put headers close together. */
  @Override
  protected List<byte[]> sampleRecords() {
    List<byte[]> out = new ArrayList<>();
    List<byte[]> base = TestRecords.records(12, 20);
    for (int i = 0; i < base.size(); i++) {
      out.add(java.util.Arrays.copyOf(base.get(i), (i * 7) % 21));
    }
    return out;
  }

  @Override
  protected List<Long> sampleOffsets() {
    List<Long> offsets = new ArrayList<>();
    long at = 0;
    for (byte[] r : sampleRecords()) {
      offsets.add(at);
      at += TfRecordFraming.OVERHEAD + r.length;
    }
    return offsets;
  }

  @Override
  protected Map<String, Golden> goldenFiles() {
    return Map.of("tfrecord-v1.tfrecord", new Golden(Formats.tfRecord(), TfRecordGoldenFiles.records()));
  }

  @Override
  protected boolean detectsTruncationAt(long cut, long size) {
    return !sampleOffsets().contains(cut);
  }
}
