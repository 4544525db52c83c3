package io.github.binfiles;

import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.fixed.FixedRecordSource;
import io.github.binfiles.read.ElementFactory;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.CompressedSource;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;

/**
 * Reads binary files in parallel: {@link #fixed(int)} for files of fixed-length records.
 *
 * <pre>{@code
 * PCollection<byte[]> records =
 *     p.apply(ReadFromBinaryFiles.fixed(64).withHeaderBytes(128).from("gs://bucket/exports/*.dat"));
 *
 * PCollection<Reading> readings =
 *     p.apply(ReadFromBinaryFiles.fixed(64, new ReadingDecoder()).from("gs://bucket/exports/*.dat"));
 * }</pre>
 *
 * <p>Every read splits files at any byte offset and assigns each record to the split that contains
 * its first byte, so records are never lost or repeated, including under dynamic work rebalancing.
 * Damaged input fails the read with a {@link BinaryFileException} naming the file, the offset and
 * what was expected, unless {@link CorruptionPolicy#SKIP} is chosen; then each dropped byte range is
 * counted in Beam metrics (namespace {@code binfiles}) and, with {@code withSkippedRegionReport()},
 * returned as a {@code PCollection<SkippedRegion>}.
 */
public final class ReadFromBinaryFiles {
  private ReadFromBinaryFiles() {}

  /** Default bundle size for {@code readFiles()}, as in Beam's TextIO. */
  public static final long DEFAULT_BUNDLE_SIZE_BYTES = 64L << 20;

  /**
   * Reads files of {@code recordLength}-byte records as {@code byte[]}.
   *
   * @throws IllegalArgumentException if {@code recordLength} is not positive
   */
  public static Fixed<byte[]> fixed(int recordLength) {
    return fixed(recordLength, RecordDecoder.bytes()).withCoder(ByteArrayCoder.of());
  }

  /**
   * Reads files of {@code recordLength}-byte records, decoding each with {@code decoder}. The output
   * coder is inferred from the decoder's type when it is a named class; otherwise call {@link
   * Fixed#withCoder}.
   *
   * @throws IllegalArgumentException if {@code recordLength} is not positive
   */
  public static <T> Fixed<T> fixed(int recordLength, RecordDecoder<T> decoder) {
    return new Fixed<>(
        FixedRecordFraming.of(recordLength, 0, 0), Compression.AUTO, ReadConfig.of(decoder, null));
  }

  /** Reads fixed-record files; see {@link ReadFromBinaryFiles#fixed(int)}. */
  public static final class Fixed<T> extends PTransform<PBegin, PCollection<T>>
      implements ReadExpansion.Emitter<PBegin> {
    private static final long serialVersionUID = 1L;
    private final FixedRecordFraming framing;
    private final Compression compression;
    private final ReadConfig config;

    Fixed(FixedRecordFraming framing, Compression compression, ReadConfig config) {
      this.framing = framing;
      this.compression = compression;
      this.config = config;
    }

    /** Reads the files matching {@code filepattern} (any Beam filesystem: local, gs://, ...). */
    public Fixed<T> from(String filepattern) {
      return from(StaticValueProvider.of(filepattern));
    }

    public Fixed<T> from(ValueProvider<String> filepattern) {
      return new Fixed<>(framing, compression, config.from(filepattern));
    }

    /** Bytes at the start of every file that are not records. */
    public Fixed<T> withHeaderBytes(long headerBytes) {
      return new Fixed<>(
          FixedRecordFraming.of(framing.recordLength(), headerBytes, framing.trailerBytes()),
          compression,
          config);
    }

    /** Bytes at the end of every file that are not records. */
    public Fixed<T> withTrailerBytes(long trailerBytes) {
      return new Fixed<>(
          FixedRecordFraming.of(framing.recordLength(), framing.headerBytes(), trailerBytes),
          compression,
          config);
    }

    /**
     * How files are compressed. {@link Compression#AUTO} (the default) picks by extension;
     * compressed files are read whole by one worker, since they cannot be split.
     */
    public Fixed<T> withCompression(Compression compression) {
      if (compression == null) {
        throw new IllegalArgumentException("compression must not be null");
      }
      return new Fixed<>(framing, compression, config);
    }

    /**
     * What to do with a file that does not fit the framing (shorter than its header, or ending in
     * a partial record): {@link CorruptionPolicy#FAIL} (default) or {@link CorruptionPolicy#SKIP},
     * which drops the partial record and reports it.
     */
    public Fixed<T> withCorruptionPolicy(CorruptionPolicy policy) {
      return new Fixed<>(framing, compression, config.withPolicy(policy));
    }

    public Fixed<T> withEmptyMatchTreatment(EmptyMatchTreatment treatment) {
      return new Fixed<>(framing, compression, config.withEmptyMatchTreatment(treatment));
    }

    /**
     * Hints that the pattern matches many (thousands of) files: matching then runs as a parallel
     * step instead of at pipeline construction.
     */
    public Fixed<T> withHintMatchesManyFiles() {
      return new Fixed<>(framing, compression, config.withHintMatchesManyFiles());
    }

    /** The coder for decoded records, when it cannot be inferred from the decoder. */
    public Fixed<T> withCoder(Coder<T> coder) {
      return new Fixed<>(framing, compression, config.withCoder(coder));
    }

    /** Keys each record by its file and 0-based ordinal in that file. Free for fixed records. */
    @SuppressWarnings("unchecked")
    public Fixed<KV<RecordId, T>> withRecordIds() {
      return (Fixed<KV<RecordId, T>>) (Fixed<?>) new Fixed<>(framing, compression, config.withRecordIds());
    }

    /**
     * Skips damage (as {@code withCorruptionPolicy(SKIP)}) and returns the skipped regions beside
     * the records.
     */
    public PTransform<PBegin, ReadResult<T>> withSkippedRegionReport() {
      return new WithReport<>(withCorruptionPolicy(CorruptionPolicy.SKIP));
    }

    /** Reads {@link FileIO.ReadableFile}s (from {@code FileIO.match()} and {@code readMatches()}). */
    public FixedFiles<T> readFiles() {
      return new FixedFiles<>(framing, config, DEFAULT_BUNDLE_SIZE_BYTES);
    }

    @Override
    public PCollection<T> expand(PBegin input) {
      return ReadExpansion.records(emit(input), config.policy);
    }

    @Override
    public PCollection<?> emit(PBegin input) {
      config.validateForRead();
      if (config.hintMatchesManyFiles) {
        PCollection<FileIO.ReadableFile> files =
            input
                .apply(
                    "Match",
                    FileIO.match()
                        .filepattern(config.filepattern)
                        .withEmptyMatchTreatment(config.emptyMatchTreatment))
                .apply("Open", FileIO.readMatches().withCompression(compression));
        return readFiles().emit(files);
      }
      ElementFactory<?> elements = config.elementFactory(ReadExpansion.registry(input));
      FixedRecordSource<?> source =
          new FixedRecordSource<>(
              config.filepattern, config.emptyMatchTreatment, framing, elements, config.policy);
      return input.apply("Read", Read.from(CompressedSource.from(source).withCompression(compression)));
    }

    @Override
    public CorruptionPolicy policy() {
      return config.policy;
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      config.populateDisplayData(builder);
      builder
          .add(DisplayData.item("recordLength", framing.recordLength()).withLabel("Record length"))
          .add(DisplayData.item("headerBytes", framing.headerBytes()).withLabel("Header bytes"))
          .add(DisplayData.item("trailerBytes", framing.trailerBytes()).withLabel("Trailer bytes"))
          .add(DisplayData.item("compression", compression.toString()).withLabel("Compression"));
    }
  }

  /**
   * Reads fixed-record {@link FileIO.ReadableFile}s, splitting each uncompressed file into ranges
   * of the desired bundle size. Compression is detected from each file's extension.
   */
  public static final class FixedFiles<T>
      extends PTransform<PCollection<FileIO.ReadableFile>, PCollection<T>>
      implements ReadExpansion.Emitter<PCollection<FileIO.ReadableFile>> {
    private static final long serialVersionUID = 1L;
    private final FixedRecordFraming framing;
    private final ReadConfig config;
    private final long desiredBundleSizeBytes;

    FixedFiles(FixedRecordFraming framing, ReadConfig config, long desiredBundleSizeBytes) {
      this.framing = framing;
      this.config = config;
      this.desiredBundleSizeBytes = desiredBundleSizeBytes;
    }

    /** Size of the ranges each file is split into before reading; default 64 MiB. */
    public FixedFiles<T> withDesiredBundleSizeBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("bundle size must be positive, was " + bytes);
      }
      return new FixedFiles<>(framing, config, bytes);
    }

    /** Returns skipped regions beside the records; implies {@link CorruptionPolicy#SKIP}. */
    public PTransform<PCollection<FileIO.ReadableFile>, ReadResult<T>> withSkippedRegionReport() {
      return new WithReport<>(
          new FixedFiles<T>(framing, config.withPolicy(CorruptionPolicy.SKIP), desiredBundleSizeBytes));
    }

    @Override
    public PCollection<T> expand(PCollection<FileIO.ReadableFile> input) {
      return ReadExpansion.records(emit(input), config.policy);
    }

    @Override
    public PCollection<?> emit(PCollection<FileIO.ReadableFile> input) {
      ElementFactory<?> elements = config.elementFactory(ReadExpansion.registry(input));
      return emitWith(input, elements);
    }

    private <O> PCollection<O> emitWith(
        PCollection<FileIO.ReadableFile> input, ElementFactory<O> elements) {
      return ReadExpansion.readFileRanges(
          input,
          desiredBundleSizeBytes,
          new SourceForFile<>(framing, elements, config.policy),
          elements.coder());
    }

    @Override
    public CorruptionPolicy policy() {
      return config.policy;
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      config.populateDisplayData(builder);
      builder
          .add(DisplayData.item("recordLength", framing.recordLength()).withLabel("Record length"))
          .add(DisplayData.item("headerBytes", framing.headerBytes()).withLabel("Header bytes"))
          .add(DisplayData.item("trailerBytes", framing.trailerBytes()).withLabel("Trailer bytes"))
          .add(DisplayData.item("desiredBundleSizeBytes", desiredBundleSizeBytes)
              .withLabel("Desired bundle size"));
    }
  }

  private static final class SourceForFile<O>
      implements SerializableFunction<String, FixedRecordSource<O>> {
    private static final long serialVersionUID = 1L;
    private final FixedRecordFraming framing;
    private final ElementFactory<O> elements;
    private final CorruptionPolicy policy;

    SourceForFile(FixedRecordFraming framing, ElementFactory<O> elements, CorruptionPolicy policy) {
      this.framing = framing;
      this.elements = elements;
      this.policy = policy;
    }

    @Override
    public FixedRecordSource<O> apply(String file) {
      return new FixedRecordSource<>(
          StaticValueProvider.of(file), EmptyMatchTreatment.DISALLOW, framing, elements, policy);
    }
  }

  /** A read that returns skipped regions beside its records. */
  static final class WithReport<InputT extends PInput, T>
      extends PTransform<InputT, ReadResult<T>> {
    private static final long serialVersionUID = 1L;
    private final ReadExpansion.Emitter<InputT> read;

    WithReport(ReadExpansion.Emitter<InputT> read) {
      this.read = read;
    }

    @Override
    public ReadResult<T> expand(InputT input) {
      return ReadExpansion.split(read.emit(input));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder.include("read", (PTransform<?, ?>) read);
    }
  }
}
