package io.github.binfiles.tools;

import io.github.binfiles.BinaryFileException;
import io.github.binfiles.CorruptionPolicy;
import io.github.binfiles.FieldNullingDecoder;
import io.github.binfiles.NulledField;
import io.github.binfiles.SkippedRegion;
import io.github.binfiles.container.ContainerFile;
import io.github.binfiles.container.ContainerFormat;
import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.RecordDecoder;
import io.github.binfiles.RecordId;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.read.ElementFactories;
import io.github.binfiles.read.ElementFactory;
import io.github.binfiles.read.ReadItem;
import io.github.binfiles.layout.LayoutDecoder;
import io.github.binfiles.layout.RecordLayout;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.values.Row;

/**
 * The records of one file, of either format, from a given ordinal, outside Beam: what {@code cat}
 * and {@code verify} iterate. Each record is a view valid until the next call to {@link #next()}.
 */
abstract class FileRecords implements Closeable {
  private final String file;
  private final RecordLayout layout;
  private final FieldNullingDecoder<Row> decoder;

  private FileRecords(String file, RecordLayout layout) {
    this.file = file;
    this.layout = layout;
    this.decoder = layout == null ? null : LayoutDecoder.nullingBadFields(layout);
  }

  /**
   * Opens {@code m}: a container file (by its magic), else fixed records framed by {@code options}.
   * The layout is {@code --layout} if given, else the container's own, else none.
   */
  static FileRecords open(Metadata m, FixedLayoutOptions options, long from, CorruptionPolicy policy)
      throws IOException {
    String name = m.resourceId().toString();
    if (InputFiles.isContainer(m)) {
      ContainerFile f = ContainerFile.open(name, options.maxBlockBytes);
      try {
        RecordLayout layout = options.layout();
        String json = f.header().metadataString(ContainerFormat.KEY_LAYOUT);
        if (layout == null && json != null) {
          layout = RecordLayout.fromJson(json);
        }
        return new InContainer(f, f.records(from, policy), layout);
      } catch (IOException | RuntimeException e) {
        f.close();
        throw e;
      }
    }
    return new Fixed(m, options.framing(name), from, policy, options.layout());
  }

  /** How many records a file holds and what was skipped reading it, under SKIP. */
  static final class Tally {
    final long records;
    final List<SkippedRegion> regions;

    private Tally(long records, List<SkippedRegion> regions) {
      this.records = records;
      this.regions = regions;
    }
  }

  /** Reads every record of {@code m} as {@link #open} does, under SKIP, counting them. */
  static Tally tally(Metadata m, FixedLayoutOptions options) throws IOException {
    long records = 0;
    try (FileRecords in = open(m, options, 0, CorruptionPolicy.SKIP)) {
      while (in.next()) {
        records++;
      }
      return new Tally(records, in.skipped());
    }
  }

  String file() {
    return file;
  }

  /** The layout that describes the records, or null. */
  RecordLayout layout() {
    return layout;
  }

  abstract boolean next() throws IOException;

  /**
   * The current record as a row of the layout. With {@code nulled} null, a field that cannot be
   * decoded fails with file, offset, ordinal, field and bytes; otherwise it is set to null and
   * added to {@code nulled}.
   */
  Row row(List<NulledField> nulled) throws IOException {
    long ordinal = ordinal();
    long at = recordOffset();
    try {
      if (nulled == null) {
        return decoder.decode(buffer(), offset(), length());
      }
      return decoder.decode(buffer(), offset(), length(), (field, fieldOffset, bytes, problem) ->
          nulled.add(new NulledField(file, ordinal, at, field, fieldOffset, bytes, problem)));
    } catch (Exception e) {
      throw new BinaryFileException(file, locationOffset(), "could not decode record " + ordinal + ": " + e.getMessage(), e);
    }
  }

  abstract long ordinal();

  abstract byte[] buffer();

  abstract int offset();

  abstract int length();

  /** The record's offset in the file, or {@link SkippedRegion#UNKNOWN} inside container blocks. */
  abstract long recordOffset();

  /** Where a message about the current record points: its offset, or its block's in containers. */
  abstract long locationOffset();

  /** Damaged regions skipped so far (container files under SKIP). */
  abstract List<SkippedRegion> skipped();

  private static final class InContainer extends FileRecords {
    private final ContainerFile file;
    private final ContainerFile.Records records;

    InContainer(ContainerFile file, ContainerFile.Records records, RecordLayout layout) {
      super(file.name(), layout);
      this.file = file;
      this.records = records;
    }

    @Override
    boolean next() throws IOException {
      return records.next();
    }

    @Override
    long ordinal() {
      return records.ordinal();
    }

    @Override
    byte[] buffer() {
      return records.buffer();
    }

    @Override
    int offset() {
      return records.offset();
    }

    @Override
    int length() {
      return records.length();
    }

    @Override
    long recordOffset() {
      return SkippedRegion.UNKNOWN;
    }

    @Override
    long locationOffset() {
      return records.blockOffset();
    }

    @Override
    List<SkippedRegion> skipped() {
      return records.skipped();
    }

    @Override
    public void close() throws IOException {
      records.close();
      file.close();
    }
  }

  /**
   * Fixed records read by the Beam source's own reader, outside a pipeline: the same framing,
   * decompression by extension, partial-record and compressed-stream damage as a pipeline read.
   */
  private static final class Fixed extends FileRecords {
    private final BoundedSource.BoundedReader<ReadItem<KV<RecordId, byte[]>>> reader;
    private final FixedRecordFraming framing;
    private final long from;
    private final List<SkippedRegion> skipped = new ArrayList<>();
    private boolean started;
    private KV<RecordId, byte[]> current;

    Fixed(Metadata m, FixedRecordFraming framing, long from, CorruptionPolicy policy, RecordLayout layout)
        throws IOException {
      super(m.resourceId().toString(), layout);
      if (layout != null && layout.recordLength() != framing.recordLength()) {
        throw new IllegalArgumentException("the layout describes " + layout.recordLength()
            + "-byte records, the file is read as " + framing.recordLength() + "-byte records");
      }
      ElementFactory<ReadItem<KV<RecordId, byte[]>>> items =
          ElementFactories.items(ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()));
      // An uncompressed file starts at the record; a compressed one is read whole and skipped into.
      long start = InputFiles.isCompressed(m) ? 0 : Math.min(framing.offsetOf(from), m.sizeBytes());
      this.reader = FramedSource.ofFileFrom(m, start, framing, items, policy)
          .createReader(PipelineOptionsFactory.create());
      this.framing = framing;
      this.from = from;
    }

    @Override
    boolean next() throws IOException {
      while (true) {
        boolean more = started ? reader.advance() : reader.start();
        started = true;
        if (!more) {
          current = null;
          return false;
        }
        ReadItem<KV<RecordId, byte[]>> item = reader.getCurrent();
        if (!item.isRecord()) {
          skipped.add(item.getSkipped());
        } else if (item.getRecord().getKey().getOrdinal() >= from) {
          current = item.getRecord();
          return true;
        }
      }
    }

    @Override
    long ordinal() {
      return current.getKey().getOrdinal();
    }

    @Override
    byte[] buffer() {
      return current.getValue();
    }

    @Override
    int offset() {
      return 0;
    }

    @Override
    int length() {
      return current.getValue().length;
    }

    /** In the decompressed bytes when the file is compressed. */
    @Override
    long recordOffset() {
      return framing.offsetOf(ordinal());
    }

    @Override
    long locationOffset() {
      return recordOffset();
    }

    @Override
    List<SkippedRegion> skipped() {
      return Collections.unmodifiableList(skipped);
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
