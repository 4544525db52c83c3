package io.github.binfiles;

import io.github.binfiles.container.ContainerFormat;
import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.layout.RecordLayout;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.Row;

/**
 * Reads binary files in parallel: {@link #fixed(int)} for files of fixed-length records, {@link
 * #blocks()} for binfiles container files.
 *
 * <pre>{@code
 * PCollection<byte[]> records =
 *     p.apply(ReadFromBinaryFiles.fixed(64).withHeaderBytes(128).from("gs://bucket/exports/*.dat"));
 *
 * PCollection<byte[]> fromContainers =
 *     p.apply(ReadFromBinaryFiles.blocks().from("gs://bucket/out/part-*.bfc"));
 * }</pre>
 *
 * <p>Every read splits files at any byte offset and assigns each record to the split that contains
 * its first byte, so records are never lost or repeated, including under dynamic work rebalancing.
 * Damaged input fails the read with a {@link BinaryFileException} naming the file, the offset and
 * what was expected, unless {@link CorruptionPolicy#SKIP} is chosen; then each dropped byte range is
 * counted in Beam metrics (namespace {@code binfiles}: {@code skippedRegions}, {@code
 * skippedBytes}, {@code lostRecords}) and, with {@code withSkippedRegionReport()}, returned as a
 * {@code PCollection<SkippedRegion>}.
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
        new FixedSourceFormat(FixedRecordFraming.of(recordLength, 0, 0), Compression.AUTO),
        ReadConfig.of(decoder, null));
  }

  /** Reads fixed-record files described by {@code layout} as {@link Row}s of its schema. */
  public static Fixed<Row> fixed(RecordLayout layout) {
    return fixed(layout.recordLength()).withLayout(layout);
  }

  /** Reads binfiles container files (see {@code formats/FORMAT.md}) as {@code byte[]} records. */
  public static Blocks<byte[]> blocks() {
    return blocks(RecordDecoder.bytes()).withCoder(ByteArrayCoder.of());
  }

  /** Reads binfiles container files, decoding each record with {@code decoder}. */
  public static <T> Blocks<T> blocks(RecordDecoder<T> decoder) {
    return new Blocks<>(
        new ContainerSourceFormat(ContainerFormat.DEFAULT_MAX_BLOCK_BYTES),
        ReadConfig.of(decoder, null));
  }

  /**
   * Reads container files written with a record layout ({@code WriteToBinaryFiles.blocks(layout)})
   * as {@link Row}s, with no layout argument: the layout is read from the first matching file's
   * metadata when the pipeline is built, and every file is checked to declare the same one.
   */
  public static BlockRows blockRows() {
    return new BlockRows(null);
  }

  /** See {@link ReadFromBinaryFiles#blockRows()}. */
  public static final class BlockRows extends PTransform<PBegin, PCollection<Row>>
      implements ReadExpansion.Emitter<PBegin> {
    private static final long serialVersionUID = 1L;
    private final String filepattern;
    private final CorruptionPolicy policy;

    BlockRows(String filepattern) {
      this(filepattern, CorruptionPolicy.FAIL);
    }

    private BlockRows(String filepattern, CorruptionPolicy policy) {
      this.filepattern = filepattern;
      this.policy = policy;
    }

    public BlockRows from(String pattern) {
      return new BlockRows(pattern, policy);
    }

    /**
     * As {@link Blocks#withCorruptionPolicy}; under {@link CorruptionPolicy#SKIP} a field whose bytes
     * cannot be decoded is also set to null and reported as a {@link NulledField}, and the rows have
     * the layout's {@link RecordLayout#nullingSchema() nulling schema}.
     */
    public BlockRows withCorruptionPolicy(CorruptionPolicy newPolicy) {
      if (newPolicy == null) {
        throw new IllegalArgumentException("corruption policy must not be null");
      }
      return new BlockRows(filepattern, newPolicy);
    }

    /** Skips damage and returns skipped regions and nulled fields beside the rows. */
    public PTransform<PBegin, ReadResult<Row>> withSkippedRegionReport() {
      return new WithReport<>(withCorruptionPolicy(CorruptionPolicy.SKIP));
    }

    @Override
    public PCollection<Row> expand(PBegin input) {
      return ReadExpansion.records(emit(input), policy);
    }

    @Override
    public PCollection<?> emit(PBegin input) {
      if (filepattern == null) {
        throw new IllegalStateException("no file pattern: call from(\"gs://bucket/path/*.bfc\")");
      }
      LayoutOfFile first = layoutOfFirstFile();
      String json = first.json();
      RecordLayout layout;
      try {
        layout = RecordLayout.fromJson(json);
      } catch (java.io.IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException(first.file() + ": unreadable record layout: " + e.getMessage(), e);
      }
      ReadConfig config =
          ReadConfig.of(RecordDecoder.bytes(), null)
              .withLayout(layout)
              .withPolicy(policy)
              .from(StaticValueProvider.of(filepattern));
      return new Blocks<Row>(new ContainerSourceFormat(ContainerFormat.DEFAULT_MAX_BLOCK_BYTES, json), config)
          .emit(input);
    }

    /** A file and the layout JSON in its metadata. */
    private record LayoutOfFile(String file, String json) {}

    /** The layout JSON in the metadata of the first file matching the pattern. */
    private LayoutOfFile layoutOfFirstFile() {
      String first;
      String json;
      try {
        java.util.List<org.apache.beam.sdk.io.fs.MatchResult.Metadata> files =
            org.apache.beam.sdk.io.FileSystems.match(filepattern).metadata();
        if (files.isEmpty()) {
          throw new IllegalArgumentException("no file matches " + filepattern);
        }
        first = files.get(0).resourceId().toString();
        try (io.github.binfiles.container.ContainerFile f =
            io.github.binfiles.container.ContainerFile.open(first)) {
          json = f.header().metadataString(ContainerFormat.KEY_LAYOUT);
        }
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("cannot read the record layout of " + filepattern + ": " + e.getMessage(), e);
      }
      if (json == null) {
        throw new IllegalArgumentException(first + " has no record layout in its metadata (key "
            + ContainerFormat.KEY_LAYOUT + "); read it with blocks() instead");
      }
      return new LayoutOfFile(first, json);
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder
          .addIfNotNull(DisplayData.item("filePattern", filepattern).withLabel("File pattern"))
          .add(DisplayData.item("corruptionPolicy", policy.toString()).withLabel("On corruption"));
    }
  }

  /** Reads fixed-record files; see {@link ReadFromBinaryFiles#fixed(int)}. */
  public static final class Fixed<T> extends PTransform<PBegin, PCollection<T>>
      implements ReadExpansion.Emitter<PBegin> {
    private static final long serialVersionUID = 1L;
    private final FixedSourceFormat format;
    private final ReadConfig config;

    Fixed(FixedSourceFormat format, ReadConfig config) {
      this.format = format;
      this.config = config;
    }

    private Fixed<T> with(FixedRecordFraming framing, Compression compression) {
      return new Fixed<>(new FixedSourceFormat(framing, compression), config);
    }

    private <X> Fixed<X> with(ReadConfig newConfig) {
      return new Fixed<>(format, newConfig);
    }

    /** Reads the files matching {@code filepattern} (any Beam filesystem: local, gs://, ...). */
    public Fixed<T> from(String filepattern) {
      return from(StaticValueProvider.of(filepattern));
    }

    public Fixed<T> from(ValueProvider<String> filepattern) {
      return with(config.from(filepattern));
    }

    /** Bytes at the start of every file that are not records. */
    public Fixed<T> withHeaderBytes(long headerBytes) {
      FixedRecordFraming f = format.framing;
      return with(FixedRecordFraming.of(f.recordLength(), headerBytes, f.trailerBytes()), format.compression);
    }

    /** Bytes at the end of every file that are not records. */
    public Fixed<T> withTrailerBytes(long trailerBytes) {
      FixedRecordFraming f = format.framing;
      return with(FixedRecordFraming.of(f.recordLength(), f.headerBytes(), trailerBytes), format.compression);
    }

    /**
     * How files are compressed. {@link Compression#AUTO} (the default) picks by extension;
     * compressed files are read whole by one worker, since they cannot be split.
     */
    public Fixed<T> withCompression(Compression compression) {
      if (compression == null) {
        throw new IllegalArgumentException("compression must not be null");
      }
      return with(format.framing, compression);
    }

    /**
     * What to do with a file that does not fit the framing (shorter than its header, or ending in
     * a partial record): {@link CorruptionPolicy#FAIL} (default) or {@link CorruptionPolicy#SKIP},
     * which drops the partial record and reports it. With a layout, SKIP also nulls undecodable
     * fields (see {@link #withLayout}).
     */
    public Fixed<T> withCorruptionPolicy(CorruptionPolicy policy) {
      return with(config.withPolicy(policy));
    }

    public Fixed<T> withEmptyMatchTreatment(EmptyMatchTreatment treatment) {
      return with(config.withEmptyMatchTreatment(treatment));
    }

    /**
     * Hints that the pattern matches many (thousands of) files: matching then runs as a parallel
     * step instead of at pipeline construction.
     */
    public Fixed<T> withHintMatchesManyFiles() {
      return with(config.withHintMatchesManyFiles());
    }

    /**
     * The coder for decoded records, when it cannot be inferred from the decoder. After {@link
     * #withLayout}, an explicit coder also turns off nulling: an undecodable field then fails the
     * read under every policy, since nulled rows need the layout's nulling schema.
     */
    public Fixed<T> withCoder(Coder<T> coder) {
      return with(config.withCoder(coder));
    }

    /**
     * Decodes each record with a declarative {@link RecordLayout} into {@link Row}s of the layout's
     * schema, so schema transforms (Select, Group, SQL, BigQuery writes) apply directly.
     *
     * <p>A field whose bytes its type cannot hold (a bad packed-decimal nibble or sign, a boolean
     * byte other than 0 or 1) fails the read under {@link CorruptionPolicy#FAIL}, naming the file,
     * record ordinal, field and bytes. Under {@link CorruptionPolicy#SKIP} the field is set to null
     * and reported as a {@link NulledField} (metric {@code binfiles:nulledFields}, and {@link
     * ReadResult#nulledFields()} with {@code withSkippedRegionReport()}); the rows then have the
     * layout's {@link RecordLayout#nullingSchema() nulling schema}, where such fields are nullable.
     *
     * @throws IllegalArgumentException if the layout's record length differs from this read's
     */
    public Fixed<Row> withLayout(RecordLayout layout) {
      if (layout.recordLength() != format.framing.recordLength()) {
        throw new IllegalArgumentException("layout describes records of " + layout.recordLength()
            + " bytes but this read has records of " + format.framing.recordLength());
      }
      return with(config.withLayout(layout));
    }

    /** Keys each record by its file and 0-based ordinal in that file. Free for fixed records. */
    public Fixed<KV<RecordId, T>> withRecordIds() {
      return with(config.withRecordIds());
    }

    /**
     * Skips damage (as {@code withCorruptionPolicy(SKIP)}) and returns the skipped regions beside
     * the records.
     */
    public PTransform<PBegin, ReadResult<T>> withSkippedRegionReport() {
      return new WithReport<>(withCorruptionPolicy(CorruptionPolicy.SKIP));
    }

    /** Reads {@link FileIO.ReadableFile}s (from {@code FileIO.match()} and {@code readMatches()}). */
    public ReadFiles<T> readFiles() {
      return new ReadFiles<>(format, config, DEFAULT_BUNDLE_SIZE_BYTES);
    }

    @Override
    public PCollection<T> expand(PBegin input) {
      return ReadExpansion.records(emit(input), config.policy);
    }

    @Override
    public PCollection<?> emit(PBegin input) {
      return ReadExpansion.emitFromPattern(input, config, format);
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      config.populateDisplayData(builder);
      format.populateDisplayData(builder);
    }
  }

  /** Reads container files; see {@link ReadFromBinaryFiles#blocks()}. */
  public static final class Blocks<T> extends PTransform<PBegin, PCollection<T>>
      implements ReadExpansion.Emitter<PBegin> {
    private static final long serialVersionUID = 1L;
    private final ContainerSourceFormat format;
    private final ReadConfig config;

    Blocks(ContainerSourceFormat format, ReadConfig config) {
      this.format = format;
      this.config = config;
    }

    private <X> Blocks<X> with(ReadConfig newConfig) {
      return new Blocks<>(format, newConfig);
    }

    public Blocks<T> from(String filepattern) {
      return from(StaticValueProvider.of(filepattern));
    }

    public Blocks<T> from(ValueProvider<String> filepattern) {
      return with(config.from(filepattern));
    }

    /**
     * The largest block (stored or raw) the reader accepts; a block header claiming more is
     * damage, never an allocation. Default 64 MiB.
     */
    public Blocks<T> withMaxBlockBytes(int maxBlockBytes) {
      return new Blocks<>(
          new ContainerSourceFormat(ContainerFormat.checkMaxBlockBytes(maxBlockBytes)), config);
    }

    /**
     * {@link CorruptionPolicy#FAIL} (default): damage, including a file whose writer did not finish,
     * fails the read. {@link CorruptionPolicy#SKIP}: damaged ranges are skipped to the next intact
     * block and reported.
     */
    public Blocks<T> withCorruptionPolicy(CorruptionPolicy policy) {
      return with(config.withPolicy(policy));
    }

    public Blocks<T> withEmptyMatchTreatment(EmptyMatchTreatment treatment) {
      return with(config.withEmptyMatchTreatment(treatment));
    }

    public Blocks<T> withHintMatchesManyFiles() {
      return with(config.withHintMatchesManyFiles());
    }

    public Blocks<T> withCoder(Coder<T> coder) {
      return with(config.withCoder(coder));
    }

    /** Keys each record by its file and its ordinal, which the container stores per block. */
    public Blocks<KV<RecordId, T>> withRecordIds() {
      return with(config.withRecordIds());
    }

    /** Skips damage and returns the skipped regions beside the records. */
    public PTransform<PBegin, ReadResult<T>> withSkippedRegionReport() {
      return new WithReport<>(withCorruptionPolicy(CorruptionPolicy.SKIP));
    }

    public ReadFiles<T> readFiles() {
      return new ReadFiles<>(format, config, DEFAULT_BUNDLE_SIZE_BYTES);
    }

    @Override
    public PCollection<T> expand(PBegin input) {
      return ReadExpansion.records(emit(input), config.policy);
    }

    @Override
    public PCollection<?> emit(PBegin input) {
      return ReadExpansion.emitFromPattern(input, config, format);
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      config.populateDisplayData(builder);
      format.populateDisplayData(builder);
    }
  }

  /**
   * Reads {@link FileIO.ReadableFile}s of either format, splitting each uncompressed file into
   * ranges of the desired bundle size. Whole-file compression is detected from each file's extension.
   */
  public static final class ReadFiles<T>
      extends PTransform<PCollection<FileIO.ReadableFile>, PCollection<T>>
      implements ReadExpansion.Emitter<PCollection<FileIO.ReadableFile>> {
    private static final long serialVersionUID = 1L;
    private final SourceFormat format;
    private final ReadConfig config;
    private final long desiredBundleSizeBytes;

    ReadFiles(SourceFormat format, ReadConfig config, long desiredBundleSizeBytes) {
      this.format = format;
      this.config = config;
      this.desiredBundleSizeBytes = desiredBundleSizeBytes;
    }

    /** Size of the ranges each file is split into before reading; default 64 MiB. */
    public ReadFiles<T> withDesiredBundleSizeBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("bundle size must be positive, was " + bytes);
      }
      return new ReadFiles<>(format, config, bytes);
    }

    /** Returns skipped regions beside the records; implies {@link CorruptionPolicy#SKIP}. */
    public PTransform<PCollection<FileIO.ReadableFile>, ReadResult<T>> withSkippedRegionReport() {
      return new WithReport<>(
          new ReadFiles<T>(format, config.withPolicy(CorruptionPolicy.SKIP), desiredBundleSizeBytes));
    }

    @Override
    public PCollection<T> expand(PCollection<FileIO.ReadableFile> input) {
      return ReadExpansion.records(emit(input), config.policy);
    }

    @Override
    public PCollection<?> emit(PCollection<FileIO.ReadableFile> input) {
      return ReadExpansion.emitFromFiles(input, config, format, desiredBundleSizeBytes);
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      config.populateDisplayData(builder);
      format.populateDisplayData(builder);
      builder.add(
          DisplayData.item("desiredBundleSizeBytes", desiredBundleSizeBytes)
              .withLabel("Desired bundle size"));
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
