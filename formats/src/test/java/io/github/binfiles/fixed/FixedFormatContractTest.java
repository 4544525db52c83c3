package io.github.binfiles.fixed;

import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.CorruptionPolicy;
import io.github.binfiles.RecordDecoder;
import io.github.binfiles.RecordId;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.read.ElementFactories;
import io.github.binfiles.read.ReadItem;
import io.github.binfiles.testing.FormatContract;
import io.github.binfiles.testing.TestRecords;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Fixed-record files run the format contract with a 5-byte header and a 3-byte trailer. They carry
 * no checksums and no ordinals, so a flipped byte or a moved record cannot be seen: only damage to
 * the framing (a length that does not fit) is, and a file cut at a record boundary is a valid
 * shorter file.
 */
public class FixedFormatContractTest extends FormatContract {
  private static final FixedRecordFraming FRAMING = FixedRecordFraming.of(8, 5, 3);

  @Override
  protected Path write(Path file, List<byte[]> records) throws IOException {
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
      out.write(new byte[] {'H', 'H', 'H', 'H', 'H'});
      for (byte[] r : records) {
        out.write(r);
      }
      out.write(new byte[] {'T', 'T', 'T'});
    }
    return file;
  }

  @Override
  protected List<byte[]> sampleRecords() {
    return TestRecords.records(15, 8);
  }

  @Override
  protected FileBasedSource<ReadItem<KV<RecordId, byte[]>>> skipping(Path file) throws IOException {
    return FramedSource.ofFile(FileSystems.matchSingleFileSpec(file.toString()), FRAMING,
        ElementFactories.items(ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of())),
        CorruptionPolicy.SKIP);
  }

  @Override
  protected FileBasedSource<KV<RecordId, byte[]>> failing(Path file) throws IOException {
    return FramedSource.ofFile(FileSystems.matchSingleFileSpec(file.toString()), FRAMING,
        ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL);
  }

  @Override
  protected PTransform<PBegin, PCollection<byte[]>> read(String filepattern) {
    return ReadFromBinaryFiles.fixed(8).withHeaderBytes(5).withTrailerBytes(3).from(filepattern);
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
