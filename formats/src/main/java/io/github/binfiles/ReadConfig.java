package io.github.binfiles;

import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.layout.LayoutDecoder;
import io.github.binfiles.layout.RecordLayout;
import io.github.binfiles.read.ElementFactories;
import io.github.binfiles.read.ElementFactory;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.values.TypeDescriptors.TypeVariableExtractor;

/**
 * The options every binfiles read shares, whatever the format: what to match, how to decode, what to
 * do on corruption. Immutable; each {@code with} returns a copy.
 */
final class ReadConfig {
  final ValueProvider<String> filepattern;
  final EmptyMatchTreatment emptyMatchTreatment;
  final boolean hintMatchesManyFiles;
  final CorruptionPolicy policy;
  final RecordDecoder<?> decoder;
  final Coder<?> coder;
  final boolean recordIds;
  /** Set for layout reads: the decoder and coder then depend on the policy. */
  final RecordLayout layout;
  /** Whole-file compression, or null for the format's default (AUTO where it reads streams). */
  final Compression compression;

  private ReadConfig(
      ValueProvider<String> filepattern,
      EmptyMatchTreatment emptyMatchTreatment,
      boolean hintMatchesManyFiles,
      CorruptionPolicy policy,
      RecordDecoder<?> decoder,
      Coder<?> coder,
      boolean recordIds,
      RecordLayout layout,
      Compression compression) {
    this.filepattern = filepattern;
    this.emptyMatchTreatment = emptyMatchTreatment;
    this.hintMatchesManyFiles = hintMatchesManyFiles;
    this.policy = policy;
    this.decoder = decoder;
    this.coder = coder;
    this.recordIds = recordIds;
    this.layout = layout;
    this.compression = compression;
  }

  static ReadConfig of(RecordDecoder<?> decoder, Coder<?> coder) {
    if (decoder == null) {
      throw new IllegalArgumentException("decoder must not be null");
    }
    return new ReadConfig(
        null, EmptyMatchTreatment.DISALLOW, false, CorruptionPolicy.FAIL, decoder, coder, false, null, null);
  }

  /** This config's decoder and coder with {@code other}'s match, policy, ids and compression. */
  ReadConfig copyOptionsFrom(ReadConfig other) {
    return new ReadConfig(other.filepattern, other.emptyMatchTreatment, other.hintMatchesManyFiles,
        other.policy, decoder, coder, other.recordIds, layout, other.compression);
  }

  ReadConfig from(ValueProvider<String> pattern) {
    if (pattern == null) {
      throw new IllegalArgumentException("file pattern must not be null");
    }
    return new ReadConfig(
        pattern, emptyMatchTreatment, hintMatchesManyFiles, policy, decoder, coder, recordIds, layout, compression);
  }

  ReadConfig withEmptyMatchTreatment(EmptyMatchTreatment treatment) {
    if (treatment == null) {
      throw new IllegalArgumentException("empty match treatment must not be null");
    }
    return new ReadConfig(
        filepattern, treatment, hintMatchesManyFiles, policy, decoder, coder, recordIds, layout, compression);
  }

  ReadConfig withHintMatchesManyFiles() {
    return new ReadConfig(
        filepattern, emptyMatchTreatment, true, policy, decoder, coder, recordIds, layout, compression);
  }

  ReadConfig withPolicy(CorruptionPolicy newPolicy) {
    if (newPolicy == null) {
      throw new IllegalArgumentException("corruption policy must not be null");
    }
    return new ReadConfig(
        filepattern, emptyMatchTreatment, hintMatchesManyFiles, newPolicy, decoder, coder, recordIds, layout, compression);
  }

  /** An explicit coder; it also makes a layout read use its plain decoder under every policy. */
  ReadConfig withCoder(Coder<?> newCoder) {
    if (newCoder == null) {
      throw new IllegalArgumentException("coder must not be null");
    }
    return new ReadConfig(
        filepattern, emptyMatchTreatment, hintMatchesManyFiles, policy, decoder, newCoder, recordIds, null, compression);
  }

  /**
   * Decodes with {@code newLayout} into rows: of its schema under FAIL; of its nulling schema under
   * SKIP, where undecodable fields become null and are reported.
   */
  ReadConfig withLayout(RecordLayout newLayout) {
    return new ReadConfig(
        filepattern,
        emptyMatchTreatment,
        hintMatchesManyFiles,
        policy,
        new LayoutDecoder(newLayout),
        RowCoder.of(newLayout.schema()),
        recordIds,
        newLayout, compression);
  }

  ReadConfig withCompression(Compression newCompression) {
    if (newCompression == null) {
      throw new IllegalArgumentException("compression must not be null");
    }
    return new ReadConfig(
        filepattern, emptyMatchTreatment, hintMatchesManyFiles, policy, decoder, coder, recordIds, layout, newCompression);
  }

  /** The compression to read {@code format}'s files with. */
  Compression compression(FileFormat format) {
    return compression != null ? compression : FramedSource.defaultCompression(format.framing());
  }

  ReadConfig withRecordIds() {
    return new ReadConfig(
        filepattern, emptyMatchTreatment, hintMatchesManyFiles, policy, decoder, coder, true, layout, compression);
  }

  /** Fails with a message naming the missing piece; called from {@code expand}. */
  void validateForRead(FileFormat format) {
    if (filepattern == null) {
      throw new IllegalStateException(
          "no file pattern: call from(\"gs://bucket/path/*.bin\") (or use readFiles())");
    }
    validateFor(format);
  }

  /** Checks the options against the format; called from {@code expand}. */
  void validateFor(FileFormat format) {
    if (compression != null && compression != Compression.UNCOMPRESSED
        && !format.framing().readsDecompressedStreams()) {
      throw new IllegalArgumentException(format.name() + " files cannot be read compressed as a"
          + " whole (the format seeks); withCompression must be UNCOMPRESSED, was " + compression);
    }
    if (layout != null) {
      format.withLayout(layout);
    }
  }

  /** The element factory for this read; SKIP reads emit items so regions can be reported. */
  @SuppressWarnings("unchecked")
  ElementFactory<?> elementFactory(CoderRegistry registry) {
    Coder<Object> recordCoder;
    RecordDecoder<Object> d;
    if (layout != null && policy == CorruptionPolicy.SKIP) {
      d = (RecordDecoder<Object>) (RecordDecoder<?>) LayoutDecoder.nullingBadFields(layout);
      recordCoder = (Coder<Object>) (Coder<?>) RowCoder.of(layout.nullingSchema());
    } else {
      d = (RecordDecoder<Object>) decoder;
      recordCoder = recordCoder(registry);
    }
    ElementFactory<?> records =
        recordIds
            ? ElementFactories.withIds(d, recordCoder)
            : ElementFactories.decoded(d, recordCoder);
    return policy == CorruptionPolicy.SKIP ? ElementFactories.items(records) : records;
  }

  @SuppressWarnings("unchecked")
  private Coder<Object> recordCoder(CoderRegistry registry) {
    if (coder != null) {
      return (Coder<Object>) coder;
    }
    try {
      return (Coder<Object>) registry.getCoder(outputType(decoder));
    } catch (CannotProvideCoderException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot infer a coder for the output of decoder "
              + decoder.getClass().getName()
              + " (a lambda hides its output type, and a type needs a registered or default coder);"
              + " call withCoder(...)",
          e);
    }
  }

  /** The decoder's output type, from its class's type arguments (not available for lambdas). */
  private static <T> TypeDescriptor<T> outputType(RecordDecoder<T> decoder) {
    return TypeDescriptors.extractFromTypeParameters(
        decoder, RecordDecoder.class, new TypeVariableExtractor<RecordDecoder<T>, T>() {});
  }

  void populateDisplayData(DisplayData.Builder builder) {
    builder
        .addIfNotNull(DisplayData.item("filePattern", filepattern).withLabel("File pattern"))
        .add(
            DisplayData.item("emptyMatchTreatment", emptyMatchTreatment.toString())
                .withLabel("Empty match treatment"))
        .add(DisplayData.item("corruptionPolicy", policy.toString()).withLabel("On corruption"))
        .add(DisplayData.item("decoder", decoder.getClass()).withLabel("Record decoder"))
        .addIfNotNull(
            DisplayData.item("layout", layout == null ? null : layout.toString())
                .withLabel("Record layout"))
        .add(DisplayData.item("recordIds", recordIds).withLabel("With record ids"))
        .addIfNotNull(DisplayData.item("compression", compression == null ? null : compression.toString())
            .withLabel("Compression"));
  }
}
