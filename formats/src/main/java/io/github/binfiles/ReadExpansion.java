package io.github.binfiles;

import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.NulledFieldCoder;
import io.github.binfiles.report.SkippedRegionCoder;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.beam.ElementFactory;
import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.beam.SplitItemsFn;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.TupleTag;

/** The expansion every binfiles read shares, whatever the format. */
final class ReadExpansion {
  private ReadExpansion() {}

  /** A read's first half: whatever its source emits, records or {@link ReadItem}s. */
  interface Emitter<InputT extends PInput> extends java.io.Serializable {
    PCollection<?> emit(InputT input);

    /** The read's settings. */
    ReadConfig config();
  }

  /** Reads a file pattern: one Beam source, or matching as a step when many files are expected. */
  static PCollection<?> emitFromPattern(
      PBegin input, ReadConfig config, FileFormat format) {
    config.validateForRead(format);
    if (config.hintMatchesManyFiles || matchesMany(config)) {
      PCollection<FileIO.ReadableFile> files =
          input
              .apply(
                  "Match",
                  FileIO.match()
                      .filepattern(config.filepattern)
                      .withEmptyMatchTreatment(config.emptyMatchTreatment))
              // Raw channels: the source undoes whole-file compression itself (FramedSource).
              .apply("Open", FileIO.readMatches().withCompression(Compression.UNCOMPRESSED));
      return emitFromFiles(files, config, format, ReadFromBinaryFiles.DEFAULT_BUNDLE_SIZE_BYTES);
    }
    ElementFactory<?> elements = config.elementFactory(input.getPipeline().getCoderRegistry());
    FileBasedSource<?> source = FramedSource.of(config.filepattern, config.emptyMatchTreatment,
        format.framing(), config.compression(format), elements, config.policy);
    return input.apply("Read", Read.from(source));
  }

  /** Each file a pattern matches, with its size: what a skipped fraction is a fraction of. */
  static PCollection<org.apache.beam.sdk.values.KV<String, Long>> sizesOf(PBegin input, ReadConfig config) {
    return input.apply("Match for sizes", FileIO.match().filepattern(config.filepattern)
            .withEmptyMatchTreatment(config.emptyMatchTreatment))
        .apply("File sizes", ParDo.of(new FileSize()));
  }

  /** Each matched file with its size. */
  static PCollection<org.apache.beam.sdk.values.KV<String, Long>> sizesOf(PCollection<FileIO.ReadableFile> files) {
    return files.apply("File sizes", ParDo.of(new ReadableFileSize()));
  }

  private static final class FileSize
      extends org.apache.beam.sdk.transforms.DoFn<org.apache.beam.sdk.io.fs.MatchResult.Metadata, org.apache.beam.sdk.values.KV<String, Long>> {
    @ProcessElement
    public void process(@Element org.apache.beam.sdk.io.fs.MatchResult.Metadata m,
        OutputReceiver<org.apache.beam.sdk.values.KV<String, Long>> out) {
      out.output(org.apache.beam.sdk.values.KV.of(m.resourceId().toString(), m.sizeBytes()));
    }
  }

  private static final class ReadableFileSize
      extends org.apache.beam.sdk.transforms.DoFn<FileIO.ReadableFile, org.apache.beam.sdk.values.KV<String, Long>> {
    @ProcessElement
    public void process(@Element FileIO.ReadableFile f, OutputReceiver<org.apache.beam.sdk.values.KV<String, Long>> out) {
      out.output(org.apache.beam.sdk.values.KV.of(f.getMetadata().resourceId().toString(), f.getMetadata().sizeBytes()));
    }
  }

  /**
   * Patterns matching more files than this are matched as a step: one source per file is about 1.4
   * KB serialized (measured), and Dataflow refuses split responses over 20 MB (some 14,000 files);
   * the margin covers larger decoders and layouts.
   */
  static final int MANY_FILES = 5_000;

  /**
   * Whether a pattern known now matches more than {@link #MANY_FILES} files. A pattern that is not
   * accessible yet (a template's parameter) or cannot be listed is left to the source, as before.
   */
  private static boolean matchesMany(ReadConfig config) {
    if (!config.filepattern.isAccessible()) {
      return false;
    }
    try {
      return org.apache.beam.sdk.io.FileSystems.match(config.filepattern.get(), config.emptyMatchTreatment)
          .metadata().size() > MANY_FILES;
    } catch (java.io.IOException | RuntimeException e) {
      return false; // the source reports it when it matches
    }
  }

  /** Reads matched files by range, as Beam's own {@code readFiles()} transforms do. */
  static PCollection<?> emitFromFiles(
      PCollection<FileIO.ReadableFile> files,
      ReadConfig config,
      FileFormat format,
      long desiredBundleSizeBytes) {
    config.validateFor(format);
    return readRanges(
        files,
        config.elementFactory(files.getPipeline().getCoderRegistry()),
        config,
        format,
        desiredBundleSizeBytes);
  }

  private static <O> PCollection<O> readRanges(
      PCollection<FileIO.ReadableFile> files,
      ElementFactory<O> elements,
      ReadConfig config,
      FileFormat format,
      long desiredBundleSizeBytes) {
    // A splittable DoFn over byte ranges: runners split running files and see progress.
    return files.apply(
            "Read file ranges",
            ParDo.of(new io.github.binfiles.beam.SplittableReadFn<>(format.framing(), config.compression(format),
                elements, config.policy, desiredBundleSizeBytes,
                io.github.binfiles.beam.SplittableReadFn.DEFAULT_CLAIM_SPAN_BYTES)))
        .setCoder(elements.coder());
  }

  /**
   * Records only; under SKIP, regions and nulled fields are counted in metrics and dropped here, or
   * regions go to the read's bad-record error handler as {@link
   * org.apache.beam.sdk.transforms.errorhandling.BadRecord}s.
   */
  @SuppressWarnings("unchecked")
  static <T> PCollection<T> records(PCollection<?> emitted, ReadConfig config,
      java.util.function.Supplier<PCollection<org.apache.beam.sdk.values.KV<String, Long>>> sizes) {
    if (config.policy != CorruptionPolicy.SKIP) {
      return nested((PCollection<T>) emitted, config);
    }
    ReadResult<T> result = ReadExpansion.<T>split(emitted);
    if (config.maxNulledFraction != null) {
      result.nulledFields().apply("Check nulled fraction",
          new io.github.binfiles.beam.NulledFractionCheck<>(config.maxNulledFraction, result.records()));
    }
    if (config.maxSkippedFraction != null) {
      result.skippedRegions().apply("Check skipped fraction",
          new io.github.binfiles.beam.SkippedFractionCheck(config.maxSkippedFraction[0], config.maxSkippedFraction[1],
              sizes.get()));
    }
    if (config.badRecords != null) {
      config.badRecords.addErrorCollection(result.skippedRegions()
          .apply("To bad records", ParDo.of(new io.github.binfiles.beam.RegionsToBadRecords()))
          .setCoder(org.apache.beam.sdk.transforms.errorhandling.BadRecord.getCoder(emitted.getPipeline())));
    }
    return nested(result.records(), config);
  }

  /** The records, nested by root when the read has a segment hierarchy. */
  @SuppressWarnings("unchecked")
  static <T> PCollection<T> nested(PCollection<T> records, ReadConfig config) {
    return config.hierarchy == null ? records
        : (PCollection<T>) config.nest((PCollection<org.apache.beam.sdk.values.Row>) records);
  }

  /** Separates records from skipped regions and nulled fields, counting both in metrics. */
  @SuppressWarnings("unchecked")
  static <T> ReadResult<T> split(PCollection<?> emitted) {
    PCollection<ReadItem<T>> items = (PCollection<ReadItem<T>>) emitted;
    TupleTag<T> recordsTag = new TupleTag<T>("records") {};
    Coder<T> recordCoder = (Coder<T>) items.getCoder().getCoderArguments().get(0);
    PCollectionTuple tuple =
        items.apply(
            "Report skipped regions",
            ParDo.of(new SplitItemsFn<T>(recordsTag, ReadResult.SKIPPED, ReadResult.NULLED))
                .withOutputTags(recordsTag, ReadResult.reportTags()));
    tuple.get(recordsTag).setCoder(recordCoder);
    tuple.get(ReadResult.SKIPPED).setCoder(SkippedRegionCoder.of());
    tuple.get(ReadResult.NULLED).setCoder(NulledFieldCoder.of());
    return new ReadResult<>(tuple, recordsTag);
  }

  /** The format's name and options as display data. */
  static void populateFormat(DisplayData.Builder builder, FileFormat format) {
    builder.add(DisplayData.item("format", format.name()).withLabel("Format"));
    FramedSource.addOptions(builder, format.describe());
  }
}
