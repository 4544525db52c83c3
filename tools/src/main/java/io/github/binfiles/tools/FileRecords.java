package io.github.binfiles.tools;

import io.github.binfiles.BinaryFileException;
import io.github.binfiles.CorruptionPolicy;
import io.github.binfiles.FieldNullingDecoder;
import io.github.binfiles.NulledField;
import io.github.binfiles.SkippedRegion;
import io.github.binfiles.container.ContainerFile;
import io.github.binfiles.container.ContainerFormat;
import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.io.PositionedInput;
import io.github.binfiles.layout.LayoutDecoder;
import io.github.binfiles.layout.RecordLayout;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
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
      ContainerFile f = ContainerFile.open(name);
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
    FixedRecordFraming framing = options.framing(name);
    long start = Math.min(framing.offsetOf(from), m.sizeBytes());
    SeekableByteChannel ch = (SeekableByteChannel) FileSystems.open(m.resourceId());
    ch.position(start);
    return new Fixed(name, ch, framing, start, from, options.layout());
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

  private static final class Fixed extends FileRecords {
    private final SeekableByteChannel channel;
    private final FixedRecordFraming framing;
    private final PositionedInput in;
    private long ordinal;
    private boolean onRecord;

    Fixed(String file, SeekableByteChannel channel, FixedRecordFraming framing, long start, long from, RecordLayout layout) {
      super(file, layout);
      if (layout != null && layout.recordLength() != framing.recordLength()) {
        throw new IllegalArgumentException("the layout describes " + layout.recordLength()
            + "-byte records, the file is read as " + framing.recordLength() + "-byte records");
      }
      this.channel = channel;
      this.framing = framing;
      this.in = new PositionedInput(channel, start, Math.max(PositionedInput.DEFAULT_BUFFER_SIZE, framing.lookahead()));
      this.ordinal = from - 1;
    }

    @Override
    boolean next() throws IOException {
      if (onRecord) {
        in.consume(framing.recordLength());
      }
      onRecord = in.request(framing.lookahead());
      if (onRecord) {
        ordinal++;
      }
      return onRecord;
    }

    @Override
    long ordinal() {
      return ordinal;
    }

    @Override
    byte[] buffer() {
      return in.buffer();
    }

    @Override
    int offset() {
      return in.bufferIndex();
    }

    @Override
    int length() {
      return framing.recordLength();
    }

    @Override
    long recordOffset() {
      return in.position();
    }

    @Override
    long locationOffset() {
      return in.position();
    }

    @Override
    List<SkippedRegion> skipped() {
      return Collections.emptyList();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
