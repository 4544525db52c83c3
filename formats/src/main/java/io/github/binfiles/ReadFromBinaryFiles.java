package io.github.binfiles;

import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.layout.RecordLayout;
import io.github.binfiles.layout.SegmentHierarchy;
import io.github.binfiles.layout.SegmentIds;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
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
 * Reads binary files of any {@link FileFormat} in parallel. The format value holds the format's own
 * options; everything else (pattern, decoding, corruption policy, record ids, {@code readFiles()})
 * is set here, the same for every format.
 *
 * <pre>{@code
 * PCollection<byte[]> records = p.apply(
 *     ReadFromBinaryFiles.of(Formats.fixed(64).withHeaderBytes(128)).from("gs://bucket/in/*.dat"));
 *
 * PCollection<Row> rows = p.apply(
 *     ReadFromBinaryFiles.of(Formats.container()).withStoredLayout().from("gs://bucket/out/*.bfc"));
 * }</pre>
 *
 * <p>Every read splits files at any byte offset and assigns each record to the split that contains
 * its first byte (for block formats, its block's first byte), so records are never lost or
 * repeated, including under dynamic work rebalancing. Damaged input fails the read with a {@link
 * io.github.binfiles.report.BinaryFileException} naming the file, the offset and what was expected, unless {@link
 * CorruptionPolicy#SKIP} is chosen; then each dropped byte range is counted in Beam metrics
 * (namespace {@code binfiles}: {@code skippedRegions}, {@code skippedBytes}, {@code lostRecords})
 * and, with {@link Read#withSkippedRegionReport()}, returned as a {@code PCollection<SkippedRegion>}.
 */
public final class ReadFromBinaryFiles {
  private ReadFromBinaryFiles() {}

  /** Default bundle size for {@code readFiles()}, as in Beam's TextIO. */
  public static final long DEFAULT_BUNDLE_SIZE_BYTES = 64L << 20;

  /** Reads files of {@code format} as {@code byte[]} records. */
  public static Read<byte[]> of(FileFormat format) {
    if (format == null) {
      throw new IllegalArgumentException("format must not be null");
    }
    return new Read<>(format, ReadConfig.of(RecordDecoder.bytes(), ByteArrayCoder.of()), false);
  }

  /** Reads files of a {@link FileFormat}; see {@link ReadFromBinaryFiles}. Immutable. */
  public static final class Read<T> extends PTransform<PBegin, PCollection<T>>
      implements ReadExpansion.Emitter<PBegin> {
    private static final long serialVersionUID = 1L;
    private final FileFormat format;
    private final ReadConfig config;
    /** Decode with the layout the first matching file declares (see {@link #withStoredLayout}). */
    private final boolean storedLayout;

    Read(FileFormat format, ReadConfig config, boolean storedLayout) {
      this.format = format;
      this.config = config;
      this.storedLayout = storedLayout;
    }

    private <X> Read<X> with(ReadConfig newConfig) {
      return new Read<>(format, newConfig, storedLayout);
    }

    /** Reads the files matching {@code filepattern} (any Beam filesystem: local, gs://, ...). */
    public Read<T> from(String filepattern) {
      return from(StaticValueProvider.of(filepattern));
    }

    public Read<T> from(ValueProvider<String> filepattern) {
      return with(config.from(filepattern));
    }

    /**
     * Decodes each record with {@code decoder}. The output coder is inferred from the decoder's
     * type when it is a named class; otherwise call {@link #withCoder}.
     */
    public <X> Read<X> withDecoder(RecordDecoder<X> decoder) {
      return new Read<>(format, ReadConfig.of(decoder, null).copyOptionsFrom(config), false);
    }

    /**
     * Decodes each record with a declarative {@link RecordLayout} into {@link Row}s of the layout's
     * schema, so schema transforms (Select, Group, SQL, BigQuery writes) apply directly.
     *
     * <p>A field whose bytes its type cannot hold (a bad packed-decimal nibble or sign, a boolean
     * byte other than 0 or 1) fails the read under {@link CorruptionPolicy#FAIL}, naming the file,
     * record ordinal, field and bytes. Under {@link CorruptionPolicy#SKIP} the field is set to null
     * and reported as a {@link io.github.binfiles.report.NulledField} (metric {@code binfiles:nulledFields}, and {@link
     * ReadResult#nulledFields()} with {@link #withSkippedRegionReport()}); the rows then have the
     * layout's {@link RecordLayout#nullingSchema() nulling schema}, where such fields are nullable.
     *
     * @throws IllegalArgumentException if the layout does not fit the format (a fixed record
     *     length other than the layout's)
     */
    public Read<Row> withLayout(RecordLayout layout) {
      format.withLayout(layout);
      return new Read<>(format, config.withLayout(layout), false);
    }

    /**
     * Decodes into {@link Row}s with the record layout the files carry in their metadata (container
     * files written with a layout): it is read from the first matching file when the pipeline is
     * built, and every file is checked to declare the same one. Needs {@link #from}.
     */
    public Read<Row> withStoredLayout() {
      return new Read<>(format, config, true);
    }

    /**
     * What to do with damaged input: {@link CorruptionPolicy#FAIL} (default) or {@link
     * CorruptionPolicy#SKIP}, which drops the damage, reports it and goes on. With a layout, SKIP
     * also nulls undecodable fields (see {@link #withLayout}).
     */
    public Read<T> withCorruptionPolicy(CorruptionPolicy policy) {
      return with(config.withPolicy(policy));
    }

    public Read<T> withEmptyMatchTreatment(EmptyMatchTreatment treatment) {
      return with(config.withEmptyMatchTreatment(treatment));
    }

    /**
     * Hints that the pattern matches many (thousands of) files: matching then runs as a parallel
     * step instead of at pipeline construction.
     */
    public Read<T> withHintMatchesManyFiles() {
      return with(config.withHintMatchesManyFiles());
    }

    /**
     * Whole-file compression. Default: {@link Compression#AUTO} (by extension) for formats read as
     * streams, none for formats that seek (containers). Compressed files are read whole by one
     * worker, since they cannot be split.
     */
    public Read<T> withCompression(Compression compression) {
      return with(config.withCompression(compression));
    }

    /**
     * The coder for decoded records, when it cannot be inferred from the decoder. After {@link
     * #withLayout}, an explicit coder also turns off nulling: an undecodable field then fails the
     * read under every policy, since nulled rows need the layout's nulling schema.
     */
    public Read<T> withCoder(Coder<T> coder) {
      return with(config.withCoder(coder));
    }

    /**
     * Rows with {@code columns} in front of the layout's fields, in the order given: the file's name,
     * the record's ordinal, byte offset, byte length ({@link GeneratedColumn}; the names Cobrix's
     * {@code generate_record_id} and {@code with_input_file_name_col} give). Needs {@link
     * #withLayout} or {@link #withStoredLayout}; checked when the pipeline is built.
     */
    public Read<T> withGeneratedColumns(GeneratedColumn... columns) {
      return with(config.withGeneratedColumns(java.util.Arrays.asList(columns)));
    }

    /**
     * Rows with segment id columns ({@code Seg_Id0}, ...) after the generated columns and before the
     * layout's fields, for files of several record types in a hierarchy: see {@link SegmentIds} (the
     * columns Cobrix's {@code segment_id_level<n>} options give). Files are then split only where a
     * root segment starts, so each id is exact under any split. Needs {@link #withLayout} or {@link
     * #withStoredLayout}; the segment field is checked against the layout when the pipeline is built.
     */
    public Read<T> withSegmentIds(SegmentIds ids) {
      return with(config.withSegmentIds(ids));
    }

    /**
     * One row per root segment, its child segments nested into it as arrays (Cobrix's hierarchical
     * reader, {@code segment-children}): see {@link SegmentHierarchy} for the row's shape and what
     * fails. The layout must name the record types ({@code withRecordTypes}). Files are split only
     * where a root starts; the rows of each root are then brought together by a GroupByKey.
     * Generated columns are the root record's. Does not combine with {@link #withSegmentIds} or
     * {@link #withRecordIds}.
     */
    public Read<Row> withSegmentHierarchy(SegmentHierarchy hierarchy) {
      return new Read<>(format, config.withSegmentHierarchy(hierarchy), storedLayout);
    }

    /**
     * Keys each record by its file and 0-based ordinal in that file (free for fixed records; stored
     * per block in containers).
     */
    public Read<KV<RecordId, T>> withRecordIds() {
      return with(config.withRecordIds());
    }

    /**
     * Beam's bad-record handling, as Beam's own IOs offer it: damage is skipped (as {@code
     * withCorruptionPolicy(SKIP)}) and each damaged region, and each record whose decoder throws
     * (any exception, not only {@link io.github.binfiles.spi.MalformedRecordException}), goes to
     * {@code handler} as a {@link org.apache.beam.sdk.transforms.errorhandling.BadRecord}: the file,
     * byte range and lost ordinals as JSON, a rejected record's raw bytes (at most 64 KiB), the
     * reason. Counted in the {@code binfiles} metrics too. Register the handler with {@code
     * pipeline.registerBadRecordErrorHandler(...)} and close it before running.
     */
    public Read<T> withBadRecordErrorHandler(
        org.apache.beam.sdk.transforms.errorhandling.ErrorHandler<org.apache.beam.sdk.transforms.errorhandling.BadRecord, ?> handler) {
      return with(config.withBadRecordErrorHandler(handler));
    }

    /**
     * Skips damage (as {@code withCorruptionPolicy(SKIP)}), and fails the read when more than {@code
     * perFile} (0 to 1) of one file's bytes, or more than {@code perRead} of all the bytes read, were
     * skipped, with a summary naming the file, its skipped bytes and first regions. A region whose
     * end is unknown (a broken compressed stream, a truncated file) counts to the end of its file.
     * The check runs after the read: the job fails once the files are read.
     */
    public Read<T> withMaxSkippedFraction(double perFile, double perRead) {
      return with(config.withMaxSkippedFraction(perFile, perRead));
    }

    /**
     * For layout reads: skips damage (as {@code withCorruptionPolicy(SKIP)}), and fails the job when
     * more than {@code fraction} (0 to 1) of the rows had a field nulled as undecodable, so that an
     * off-by-one layout, which nulls every row, does not succeed. Checked after the read.
     */
    public Read<T> withMaxNulledFraction(double fraction) {
      return with(config.withMaxNulledFraction(fraction));
    }

    /** As {@link #withMaxSkippedFraction(double, double)}, one fraction for each file and the read. */
    public Read<T> withMaxSkippedFraction(double fraction) {
      return withMaxSkippedFraction(fraction, fraction);
    }

    /** Skips damage (as {@code withCorruptionPolicy(SKIP)}) and returns what was skipped beside the records. */
    public PTransform<PBegin, ReadResult<T>> withSkippedRegionReport() {
      return new WithReport<>(withCorruptionPolicy(CorruptionPolicy.SKIP));
    }

    /** Reads {@link FileIO.ReadableFile}s (from {@code FileIO.match()} and {@code readMatches()}). */
    public ReadFiles<T> readFiles() {
      if (storedLayout) {
        throw new IllegalStateException("withStoredLayout() takes the layout from the first file of"
            + " from(pattern); with readFiles() give it with withLayout(layout)");
      }
      return new ReadFiles<>(format, config, DEFAULT_BUNDLE_SIZE_BYTES);
    }

    @Override
    public PCollection<T> expand(PBegin input) {
      return ReadExpansion.records(emit(input), config, () -> ReadExpansion.sizesOf(input, config));
    }

    @Override
    public ReadConfig config() {
      return config;
    }

    @Override
    public PCollection<?> emit(PBegin input) {
      if (storedLayout && config.hierarchy != null) {
        throw new IllegalArgumentException("withSegmentHierarchy needs the layout when the pipeline is built:"
            + " give it with withLayout(layout), not withStoredLayout()");
      }
      if (!storedLayout) {
        return ReadExpansion.emitFromPattern(input, config, format);
      }
      config.validateForRead(format);
      StoredLayout stored = StoredLayout.ofFirstFile(format, config.filepattern.get());
      return ReadExpansion.emitFromPattern(
          input, config.withLayout(stored.layout), format.requiringStoredLayout(stored.json));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      config.populateDisplayData(builder);
      ReadExpansion.populateFormat(builder, format);
      builder.add(DisplayData.item("storedLayout", storedLayout).withLabel("Layout from the files"));
    }
  }

  /** A layout found in the first file of a pattern. */
  private static final class StoredLayout {
    final String json;
    final RecordLayout layout;

    private StoredLayout(String json, RecordLayout layout) {
      this.json = json;
      this.layout = layout;
    }

    static StoredLayout ofFirstFile(FileFormat format, String pattern) {
      String first;
      String json;
      try {
        List<MatchResult.Metadata> files = FileSystems.match(pattern).metadata();
        if (files.isEmpty()) {
          throw new IllegalArgumentException("no file matches " + pattern);
        }
        first = files.get(0).resourceId().toString();
        try (SeekableByteChannel ch = (SeekableByteChannel) FileSystems.open(files.get(0).resourceId())) {
          json = format.storedLayout(ch, first);
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the record layout of " + pattern + ": " + e.getMessage(), e);
      }
      if (json == null) {
        throw new IllegalArgumentException(first + " has no record layout in its metadata; read"
            + " it without withStoredLayout(), or give one with withLayout(layout)");
      }
      try {
        return new StoredLayout(json, RecordLayout.fromJson(json));
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException(first + ": unreadable record layout: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Reads {@link FileIO.ReadableFile}s of a format, splitting each uncompressed file into ranges of
   * the desired bundle size. Whole-file compression is detected from each file's extension.
   */
  public static final class ReadFiles<T>
      extends PTransform<PCollection<FileIO.ReadableFile>, PCollection<T>>
      implements ReadExpansion.Emitter<PCollection<FileIO.ReadableFile>> {
    private static final long serialVersionUID = 1L;
    private final FileFormat format;
    private final ReadConfig config;
    private final long desiredBundleSizeBytes;

    ReadFiles(FileFormat format, ReadConfig config, long desiredBundleSizeBytes) {
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

    /** As {@link Read#withMaxSkippedFraction(double, double)}. */
    public ReadFiles<T> withMaxSkippedFraction(double perFile, double perRead) {
      return new ReadFiles<>(format, config.withMaxSkippedFraction(perFile, perRead), desiredBundleSizeBytes);
    }

    /** As {@link Read#withMaxNulledFraction}. */
    public ReadFiles<T> withMaxNulledFraction(double fraction) {
      return new ReadFiles<>(format, config.withMaxNulledFraction(fraction), desiredBundleSizeBytes);
    }

    /** As {@link Read#withBadRecordErrorHandler}. */
    public ReadFiles<T> withBadRecordErrorHandler(
        org.apache.beam.sdk.transforms.errorhandling.ErrorHandler<org.apache.beam.sdk.transforms.errorhandling.BadRecord, ?> handler) {
      return new ReadFiles<>(format, config.withBadRecordErrorHandler(handler), desiredBundleSizeBytes);
    }

    /** Returns skipped regions beside the records; implies {@link CorruptionPolicy#SKIP}. */
    public PTransform<PCollection<FileIO.ReadableFile>, ReadResult<T>> withSkippedRegionReport() {
      return new WithReport<>(
          new ReadFiles<T>(format, config.withPolicy(CorruptionPolicy.SKIP), desiredBundleSizeBytes));
    }

    @Override
    public PCollection<T> expand(PCollection<FileIO.ReadableFile> input) {
      return ReadExpansion.records(emit(input), config, () -> ReadExpansion.sizesOf(input));
    }

    @Override
    public ReadConfig config() {
      return config;
    }

    @Override
    public PCollection<?> emit(PCollection<FileIO.ReadableFile> input) {
      return ReadExpansion.emitFromFiles(input, config, format, desiredBundleSizeBytes);
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      config.populateDisplayData(builder);
      ReadExpansion.populateFormat(builder, format);
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
      ReadResult<T> result = ReadExpansion.split(read.emit(input));
      return read.config().hierarchy == null ? result
          : result.withRecords(ReadExpansion.nested(result.records(), read.config()));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder.include("read", (PTransform<?, ?>) read);
    }
  }
}
