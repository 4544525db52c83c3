package io.github.binfiles.sinks;

import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.DefaultFilenamePolicy;
import org.apache.beam.sdk.io.DynamicFileDestinations;
import org.apache.beam.sdk.io.FileBasedSink;
import org.apache.beam.sdk.io.FileBasedSink.DynamicDestinations;
import org.apache.beam.sdk.io.WriteFiles;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.options.ValueProvider.NestedValueProvider;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;
import org.apache.beam.sdk.transforms.SerializableFunctions;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;

/**
 * The options every binfiles write shares, whatever the format: where files go, how many, how they
 * are named and compressed. Immutable; each {@code with} returns a copy.
 */
final class WriteConfig implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  final ValueProvider<ResourceId> prefix;
  final int numShards;
  final String suffix;
  final String shardTemplate;
  final Compression compression;
  final boolean windowedWrites;
  final ValueProvider<ResourceId> tempDirectory;

  private WriteConfig(
      ValueProvider<ResourceId> prefix,
      int numShards,
      String suffix,
      String shardTemplate,
      Compression compression,
      boolean windowedWrites,
      ValueProvider<ResourceId> tempDirectory) {
    this.prefix = prefix;
    this.numShards = numShards;
    this.suffix = suffix;
    this.shardTemplate = shardTemplate;
    this.compression = compression;
    this.windowedWrites = windowedWrites;
    this.tempDirectory = tempDirectory;
  }

  /**
   * No shard template by default: Beam then names files {@code -SSSSS-of-NNNNN}, or {@code
   * -W-P-SSSSS-of-NNNNN} under windowed writes so that windows never share a file name.
   */
  static WriteConfig defaults(String defaultSuffix) {
    return new WriteConfig(null, 0, defaultSuffix, null, Compression.UNCOMPRESSED, false, null);
  }

  WriteConfig to(String outputPrefix) {
    if (outputPrefix == null || outputPrefix.isEmpty()) {
      throw new IllegalArgumentException("output prefix must not be empty");
    }
    return to(StaticValueProvider.of(outputPrefix));
  }

  WriteConfig to(ValueProvider<String> outputPrefix) {
    return new WriteConfig(
        NestedValueProvider.of(outputPrefix, FileBasedSink::convertToFileResourceIfPossible),
        numShards, suffix, shardTemplate, compression, windowedWrites, tempDirectory);
  }

  WriteConfig withNumShards(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("number of shards must be >= 0 (0: runner decides), was " + n);
    }
    return new WriteConfig(prefix, n, suffix, shardTemplate, compression, windowedWrites, tempDirectory);
  }

  WriteConfig withSuffix(String newSuffix) {
    if (newSuffix == null) {
      throw new IllegalArgumentException("suffix must not be null");
    }
    return new WriteConfig(prefix, numShards, newSuffix, shardTemplate, compression, windowedWrites, tempDirectory);
  }

  WriteConfig withShardNameTemplate(String template) {
    if (template == null) {
      throw new IllegalArgumentException("shard name template must not be null");
    }
    return new WriteConfig(prefix, numShards, suffix, template, compression, windowedWrites, tempDirectory);
  }

  WriteConfig withCompression(Compression newCompression) {
    if (newCompression == null || newCompression == Compression.AUTO) {
      throw new IllegalArgumentException("write compression must be a concrete codec, not " + newCompression);
    }
    return new WriteConfig(prefix, numShards, suffix, shardTemplate, newCompression, windowedWrites, tempDirectory);
  }

  WriteConfig withWindowedWrites() {
    return new WriteConfig(prefix, numShards, suffix, shardTemplate, compression, true, tempDirectory);
  }

  WriteConfig withTempDirectory(String directory) {
    if (directory == null || directory.isEmpty()) {
      throw new IllegalArgumentException("temp directory must not be empty");
    }
    ResourceId dir = FileBasedSink.convertToFileResourceIfPossible(directory);
    return new WriteConfig(
        prefix, numShards, suffix, shardTemplate, compression, windowedWrites, StaticValueProvider.of(dir));
  }

  /** Writes {@code input} with {@code format} under these options. */
  <T> WriteFilesResult<Void> write(PCollection<T> input, FormatWriterFactory<T> format) {
    if (prefix == null) {
      throw new IllegalStateException("no output prefix: call to(\"gs://bucket/out/part\")");
    }
    format.format.validateForWrite();
    if (compression != Compression.UNCOMPRESSED && !format.format.framing().readsDecompressedStreams()) {
      throw new IllegalArgumentException(format.format.name() + " files cannot be compressed as a"
          + " whole (readers seek in them); use the format's own compression, not withCompression("
          + compression + ")");
    }
    DynamicDestinations<T, Void, T> destinations =
        DynamicFileDestinations.constant(
            DefaultFilenamePolicy.fromStandardParameters(
                prefix, shardTemplate, suffix, windowedWrites),
            SerializableFunctions.identity());
    BinaryFileSink<T> sink =
        new BinaryFileSink<>(
            tempDirectory != null ? tempDirectory : prefix,
            destinations,
            FileBasedSink.CompressionType.fromCanonical(compression),
            format,
            prefix);
    WriteFiles<T, Void, T> write = WriteFiles.to(sink);
    if (numShards > 0) {
      write = write.withNumShards(numShards);
    }
    if (windowedWrites) {
      write = write.withWindowedWrites();
    }
    return input.apply("WriteFiles", write);
  }

  void populateDisplayData(DisplayData.Builder builder) {
    builder
        .addIfNotNull(DisplayData.item("outputPrefix", prefix).withLabel("Output prefix"))
        .add(DisplayData.item("numShards", numShards).withLabel("Shards (0: runner decides)"))
        .add(DisplayData.item("suffix", suffix).withLabel("Suffix"))
        .add(DisplayData.item("compression", compression.toString()).withLabel("Compression"))
        .add(DisplayData.item("windowedWrites", windowedWrites).withLabel("Windowed writes"));
  }
}
