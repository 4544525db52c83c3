package io.github.binfiles.container;

import io.github.binfiles.Formats;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.testing.ContainerSurgery;
import io.github.binfiles.testing.ContainerTestFiles;
import io.github.binfiles.testing.FormatContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Container files (zstd, small blocks, varint records) run the format contract. Every codec's flips
 * and cuts are in {@link CorruptionMatrixTest}; the structural cases for every codec are in {@link
 * StructuralDamageTest}.
 */
public class ContainerFormatContractTest extends FormatContract {
  /** Tiny blocks for the samples (exhaustive tests), 64 KiB for the round trip. */
  @Override
  protected Path write(Path file, List<byte[]> records) throws IOException {
    int target = records.size() > 1000 ? 1 << 16 : 40;
    return ContainerTestFiles.write(file,
        ContainerOptions.defaults().withCodec(Codec.ZSTD).withTargetBlockBytes(target), records);
  }

  @Override
  protected List<byte[]> sampleRecords() {
    return ContainerTestFiles.varied(15, 25);
  }

  @Override
  protected ContainerFileFormat format() {
    return Formats.container().withCodec(Codec.ZSTD).withBlockSize(40);
  }

  @Override
  protected Map<String, Golden> goldenFiles() {
    Map<String, Golden> out = new LinkedHashMap<>();
    for (Codec codec : Codec.values()) {
      out.put("container-v1-" + codec.codecName() + ".bfc", new Golden(Formats.container(), GoldenFiles.records()));
    }
    out.put("container-v1-fixed24-none.bfc", new Golden(Formats.container(), GoldenFiles.fixedRecords()));
    return out;
  }

  @Override
  protected Map<String, byte[]> structuralDamage(Path intact) throws IOException {
    ContainerSurgery s = ContainerSurgery.of(intact);
    Map<String, byte[]> out = new LinkedHashMap<>();
    out.put("block 1 duplicated", s.duplicated(1));
    out.put("block 1 copied over block 2", s.overwritten(1, 2));
    out.put("blocks 1 and 2 swapped", s.swapped(1));
    out.put("block 2 cut out", s.cutOut(2));
    out.put("file followed by itself", s.followedByOwnPrefix(s.bytes().length));
    out.put("index entries 1 and 2 swapped", s.indexEntriesSwapped(1, 2));
    return out;
  }
}
