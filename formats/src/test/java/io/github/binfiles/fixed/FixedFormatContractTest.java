package io.github.binfiles.fixed;


import io.github.binfiles.Formats;
import io.github.binfiles.container.GoldenFiles;
import io.github.binfiles.testing.FormatContract;
import io.github.binfiles.testing.TestRecords;
import java.util.List;
import java.util.Map;

/**
 * Fixed-record files run the format contract with a 5-byte header and a 3-byte trailer. They carry
 * no checksums and no ordinals, so a flipped byte or a moved record cannot be seen: only damage to
 * the framing (a length that does not fit) is, and a file cut at a record boundary is a valid
 * shorter file.
 */
public class FixedFormatContractTest extends FormatContract {
  @Override
  protected FixedRecordFormat format() {
    return Formats.fixed(8).withHeader(new byte[] {'H', 'H', 'H', 'H', 'H'}).withTrailer(new byte[] {'T', 'T', 'T'});
  }

  @Override
  protected List<byte[]> sampleRecords() {
    return TestRecords.records(15, 8);
  }

  @Override
  protected Map<String, Golden> goldenFiles() {
    return Map.of("fixed-24-header16-trailer8.bin",
        new Golden(Formats.fixed(24).withHeaderBytes(16).withTrailerBytes(8), GoldenFiles.fixedRecords()));
  }

  @Override
  protected int recordLengthForRoundTrip() {
    return 8;
  }

  @Override
  protected boolean detectsFlippedBytes() {
    return false;
  }

  @Override
  protected boolean detectsTruncationAt(long cut, long size) {
    return cut < 8 || (cut - 8) % 8 != 0;
  }
}
