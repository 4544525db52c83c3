package io.github.binfiles;

import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.layout.LayoutDecoder;
import io.github.binfiles.layout.RecordLayout;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.ElementFactory;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.values.TypeDescriptors.TypeVariableExtractor;

/**
 * The options every binfiles read shares, whatever the format: what to match, how to decode, what to
 * do on corruption. Immutable once built; each {@code with} returns a copy.
 */
final class ReadConfig {
  ValueProvider<String> filepattern;
  EmptyMatchTreatment emptyMatchTreatment = EmptyMatchTreatment.DISALLOW;
  boolean hintMatchesManyFiles;
  CorruptionPolicy policy = CorruptionPolicy.FAIL;
  RecordDecoder<?> decoder;
  Coder<?> coder;
  boolean recordIds;
  /** Set for layout reads: the decoder and coder then depend on the policy. */
  RecordLayout layout;
  /** Whole-file compression, or null for the format's default (AUTO where it reads streams). */
  Compression compression;
  /** Where skipped damage and rejected records go as Beam's BadRecords; or null. */
  org.apache.beam.sdk.transforms.errorhandling.ErrorHandler<org.apache.beam.sdk.transforms.errorhandling.BadRecord, ?>
      badRecords;
  /** The most of a file's bytes, and of the read's, skipped as damage before the read fails; or null. */
  double[] maxSkippedFraction;
  /** The most of a layout read's rows that may have a field nulled before the read fails; or null. */
  Double maxNulledFraction;
  /** Columns layout reads add in front of each row's fields. */
  java.util.List<GeneratedColumn> generated = java.util.List.of();
  /** Segment id columns layout reads add after the generated ones; or null. */
  io.github.binfiles.layout.SegmentIds segmentIds;
  /** Nests child segments into their root's row; or null. */
  io.github.binfiles.layout.SegmentHierarchy hierarchy;

  private ReadConfig() {}

  /** A copy of this config with {@code change} applied; this one is never modified. */
  private ReadConfig with(java.util.function.Consumer<ReadConfig> change) {
    ReadConfig c = new ReadConfig();
    c.filepattern = filepattern;
    c.emptyMatchTreatment = emptyMatchTreatment;
    c.hintMatchesManyFiles = hintMatchesManyFiles;
    c.policy = policy;
    c.decoder = decoder;
    c.coder = coder;
    c.recordIds = recordIds;
    c.layout = layout;
    c.compression = compression;
    c.generated = generated;
    c.segmentIds = segmentIds;
    c.hierarchy = hierarchy;
    c.badRecords = badRecords;
    c.maxSkippedFraction = maxSkippedFraction;
    c.maxNulledFraction = maxNulledFraction;
    change.accept(c);
    return c;
  }

  private static <V> V checked(V value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    return value;
  }

  static ReadConfig of(RecordDecoder<?> decoder, Coder<?> coder) {
    checked(decoder, "decoder");
    return new ReadConfig().with(c -> {
      c.decoder = decoder;
      c.coder = coder;
    });
  }

  /** This config's decoder and coder with {@code other}'s match, policy, ids and compression. */
  ReadConfig copyOptionsFrom(ReadConfig other) {
    return other.with(c -> {
      c.decoder = decoder;
      c.coder = coder;
      c.layout = layout;
    });
  }

  ReadConfig from(ValueProvider<String> pattern) {
    checked(pattern, "file pattern");
    return with(c -> c.filepattern = pattern);
  }

  ReadConfig withEmptyMatchTreatment(EmptyMatchTreatment treatment) {
    checked(treatment, "empty match treatment");
    return with(c -> c.emptyMatchTreatment = treatment);
  }

  ReadConfig withHintMatchesManyFiles() {
    return with(c -> c.hintMatchesManyFiles = true);
  }

  ReadConfig withPolicy(CorruptionPolicy newPolicy) {
    checked(newPolicy, "corruption policy");
    return with(c -> c.policy = newPolicy);
  }

  /** An explicit coder; it also makes a layout read use its plain decoder under every policy. */
  ReadConfig withCoder(Coder<?> newCoder) {
    checked(newCoder, "coder");
    return with(c -> {
      c.coder = newCoder;
      c.layout = null;
    });
  }

  /**
   * Decodes with {@code newLayout} into rows: of its schema under FAIL; of its nulling schema under
   * SKIP, where undecodable fields become null and are reported.
   */
  ReadConfig withLayout(RecordLayout newLayout) {
    return with(c -> {
      c.decoder = new LayoutDecoder(newLayout);
      c.coder = RowCoder.of(newLayout.schema());
      c.layout = newLayout;
    });
  }

  ReadConfig withCompression(Compression newCompression) {
    checked(newCompression, "compression");
    return with(c -> c.compression = newCompression);
  }

  /** The compression to read {@code format}'s files with. */
  Compression compression(FileFormat format) {
    return compression != null ? compression : FramedSource.defaultCompression(format.framing());
  }

  ReadConfig withGeneratedColumns(java.util.List<GeneratedColumn> columns) {
    checked(columns, "generated columns");
    return with(c -> c.generated = java.util.List.copyOf(columns));
  }

  ReadConfig withSegmentIds(io.github.binfiles.layout.SegmentIds ids) {
    checked(ids, "segment ids");
    return with(c -> c.segmentIds = ids);
  }

  ReadConfig withSegmentHierarchy(io.github.binfiles.layout.SegmentHierarchy h) {
    checked(h, "segment hierarchy");
    return with(c -> c.hierarchy = h);
  }

  /** The generated columns the flat rows carry: the user's, and what nesting needs. */
  java.util.List<GeneratedColumn> flatGenerated() {
    if (hierarchy == null) {
      return generated;
    }
    java.util.List<GeneratedColumn> all = new java.util.ArrayList<>(generated);
    for (GeneratedColumn c : new GeneratedColumn[] {GeneratedColumn.FILE_NAME, GeneratedColumn.RECORD_ID,
        GeneratedColumn.RECORD_BYTE_OFFSET}) {
      if (!all.contains(c)) {
        all.add(c);
      }
    }
    return all;
  }

  /** The segment ids the flat rows carry: the user's, or those that group a hierarchy's roots. */
  private io.github.binfiles.layout.SegmentIds flatSegmentIds() {
    return hierarchy == null ? segmentIds : hierarchy.bind(layout).rootIds();
  }

  /** Routes damage and records a decoder rejects (by any exception) to {@code handler}; implies SKIP. */
  ReadConfig withBadRecordErrorHandler(
      org.apache.beam.sdk.transforms.errorhandling.ErrorHandler<org.apache.beam.sdk.transforms.errorhandling.BadRecord, ?> handler) {
    checked(handler, "bad record error handler");
    return with(c -> {
      c.badRecords = handler;
      c.policy = CorruptionPolicy.SKIP;
    });
  }

  /** Fails the read when more than these fractions of a file's or the read's bytes are skipped; implies SKIP. */
  ReadConfig withMaxSkippedFraction(double perFile, double perRead) {
    for (double f : new double[] {perFile, perRead}) {
      if (!(f >= 0 && f <= 1)) {
        throw new IllegalArgumentException("a skipped fraction is between 0 and 1, not " + f);
      }
    }
    return with(c -> {
      c.maxSkippedFraction = new double[] {perFile, perRead};
      c.policy = CorruptionPolicy.SKIP;
    });
  }

  /** Fails a layout read when more than {@code fraction} of its rows had a field nulled; implies SKIP. */
  ReadConfig withMaxNulledFraction(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("the nulled fraction is between 0 and 1, not " + fraction);
    }
    return with(c -> {
      c.maxNulledFraction = fraction;
      c.policy = CorruptionPolicy.SKIP;
    });
  }

  ReadConfig withRecordIds() {
    return with(c -> c.recordIds = true);
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
    if (maxNulledFraction != null && layout == null) {
      throw new IllegalArgumentException("withMaxNulledFraction counts rows with nulled fields: read with"
          + " withLayout or withStoredLayout");
    }
    if ((badRecords != null || maxSkippedFraction != null || maxNulledFraction != null)
        && policy != CorruptionPolicy.SKIP) {
      throw new IllegalArgumentException("withBadRecordErrorHandler and withMaxSkippedFraction act on what SKIP"
          + " skips: do not set the corruption policy back to FAIL after them");
    }
    if (hierarchy != null) {
      if (layout == null) {
        throw new IllegalArgumentException("withSegmentHierarchy nests rows: read with withLayout or"
            + " withStoredLayout (after withCoder the layout is not used)");
      }
      if (recordIds || segmentIds != null) {
        throw new IllegalArgumentException("withSegmentHierarchy returns one row per root segment: it does not"
            + " combine with withRecordIds or withSegmentIds (nor does Cobrix's hierarchical reader)");
      }
      hierarchy.bind(layout);
      columnsSchema(layout.schema());
    }
    if (segmentIds != null) {
      if (layout == null) {
        throw new IllegalArgumentException("withSegmentIds adds columns to rows: read with withLayout or"
            + " withStoredLayout (after withCoder the layout is not used)");
      }
      if (recordIds) {
        throw new IllegalArgumentException("withSegmentIds and withRecordIds: use withGeneratedColumns for"
            + " the record's file, ordinal and offset");
      }
      segmentIds.bind(layout);
      columnsSchema(layout.schema());
    }
    if (!generated.isEmpty()) {
      if (layout == null) {
        throw new IllegalArgumentException("withGeneratedColumns adds columns to rows: read with withLayout or"
            + " withStoredLayout (after withCoder the layout is not used)");
      }
      if (recordIds) {
        throw new IllegalArgumentException("withGeneratedColumns and withRecordIds: the columns carry the"
            + " record's file, ordinal and offset already; use one");
      }
      columnsSchema(layout.schema());
    }
  }

  /** {@code fields} with the generated columns, then the segment id columns, in front. */
  private Schema columnsSchema(Schema fields) {
    io.github.binfiles.layout.SegmentIds segmentIds = flatSegmentIds();
    java.util.List<GeneratedColumn> generated = flatGenerated();
    if (segmentIds == null) {
      return GeneratedColumn.schema(generated, fields);
    }
    Schema.Builder ids = Schema.builder();
    for (String name : segmentIds.columnNames()) {
      if (fields.hasField(name)) {
        throw new IllegalArgumentException("the layout has a field " + name + " already; the segment id"
            + " column would hide it");
      }
      ids.addNullableField(name, Schema.FieldType.STRING);
    }
    return GeneratedColumn.schema(generated, ids.addFields(fields.getFields()).build());
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
    io.github.binfiles.layout.SegmentIds ids = flatSegmentIds();
    if (!flatGenerated().isEmpty() || ids != null) {
      records = ElementFactories.withColumns((ElementFactory<Row>) records, flatGenerated(),
          (column, context, length) -> column.valueFor(context, length),
          ids == null ? null : ids.bind(layout), columnsSchema(fieldsSchema()));
    }
    if (badRecords != null) {
      records = ElementFactories.rejectingUndecodable(records);
    }
    return policy == CorruptionPolicy.SKIP ? ElementFactories.items(records) : records;
  }

  /** The layout's fields as the rows carry them (nullable where SKIP may null them). */
  Schema fieldsSchema() {
    return policy == CorruptionPolicy.SKIP ? layout.nullingSchema() : layout.schema();
  }

  /**
   * The rows of a read with a segment hierarchy, nested: one per root, with the generated columns
   * the user asked for (the root record's) in front; {@code flat} as the element factory made them.
   */
  org.apache.beam.sdk.values.PCollection<Row> nest(org.apache.beam.sdk.values.PCollection<Row> flat) {
    return flat.apply("Nest segments", new SegmentNesting(hierarchy.bind(layout), generated, fieldsSchema()));
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
        .addIfNotNull(DisplayData.item("maxSkippedFraction", maxSkippedFraction == null ? null
            : "per file " + maxSkippedFraction[0] + ", per read " + maxSkippedFraction[1]).withLabel("Most bytes skipped"))
        .addIfNotNull(DisplayData.item("maxNulledFraction", maxNulledFraction).withLabel("Most rows with nulled fields"))
        .add(DisplayData.item("badRecordErrorHandler", badRecords != null).withLabel("Bad records to an error handler"))
        .addIfNotNull(DisplayData.item("generatedColumns", generated.isEmpty() ? null : generated.toString())
            .withLabel("Generated columns"))
        .addIfNotNull(DisplayData.item("segmentHierarchy", hierarchy == null ? null : hierarchy.toString())
            .withLabel("Segment hierarchy"))
        .addIfNotNull(DisplayData.item("segmentIds", segmentIds == null ? null : segmentIds.toString())
            .withLabel("Segment ids"))
        .addIfNotNull(DisplayData.item("compression", compression == null ? null : compression.toString())
            .withLabel("Compression"));
  }
}
