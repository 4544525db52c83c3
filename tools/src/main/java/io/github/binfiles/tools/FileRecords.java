package io.github.binfiles.tools;

import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.FieldNullingDecoder;
import io.github.binfiles.report.NulledField;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.DecodeDiagnosis;
import io.github.binfiles.framing.RecordReader;
import io.github.binfiles.framing.RecordView;
import io.github.binfiles.layout.LayoutDecoder;
import io.github.binfiles.layout.RecordLayout;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * The records of one opened file from a given ordinal, through its format's framing ({@link
 * RecordReader}, the same units and damage as a pipeline read), with the record layout that
 * describes them when there is one: what {@code cat} and {@code verify} iterate.
 */
final class FileRecords {
  private final OpenedFile file;
  private final RecordReader reader;
  private final RecordLayout layout;
  private final FieldNullingDecoder<Row> decoder;

  private FileRecords(OpenedFile file, RecordReader reader, RecordLayout layout) {
    this.file = file;
    this.reader = reader;
    this.layout = layout;
    this.decoder = layout == null ? null : LayoutDecoder.nullingBadFields(layout);
  }

  /**
   * Reads {@code file} from record {@code from} (seeking where the format can). The layout is
   * {@code given} if not null, else the one the file stores, else none.
   */
  static FileRecords open(OpenedFile file, RecordLayout given, long from, CorruptionPolicy policy)
      throws IOException {
    RecordLayout layout = given;
    if (layout == null) {
      String json = file.storedLayout();
      layout = json == null ? null : RecordLayout.fromJson(json);
    }
    if (layout != null) {
      file.format.withLayout(layout);
    }
    FileRange range = file.range;
    if (!file.isCompressed()) {
      long start = file.format.framing().startOffsetFor(from, file.channel, range.size());
      range = FileRange.of(range.file(), range.size(), start, range.size(), file.channel, false);
    }
    return new FileRecords(file, RecordReader.open(file.format.framing(), range, policy, from), layout);
  }

  /** The layout that describes the records, or null. */
  RecordLayout layout() {
    return layout;
  }

  boolean next() throws IOException {
    return reader.next();
  }

  RecordView record() {
    return reader.record();
  }

  /**
   * The current record as a row of the layout. With {@code nulled} null, a field that cannot be
   * decoded fails with file, offset, ordinal, field and bytes; otherwise it is set to null and
   * added to {@code nulled}.
   */
  Row row(List<NulledField> nulled) throws IOException {
    RecordView r = reader.record();
    long ordinal = r.ordinal();
    long at = r.fileOffset();
    try {
      if (nulled == null) {
        return decoder.decode(r.array(), r.index(), r.length());
      }
      return decoder.decode(r.array(), r.index(), r.length(), (field, fieldOffset, bytes, problem) ->
          nulled.add(new NulledField(file.name, ordinal, at, field, fieldOffset, bytes, problem)));
    } catch (Exception e) {
      String why = file.isCompressed() ? ""
          : DecodeDiagnosis.suggest(ordinal, file.format.framing(), file.name, file.range.size(), file.channel, (b, o, l) -> {
            try {
              decoder.decode(b, o, l);
              return true;
            } catch (Exception x) {
              return false;
            }
          });
      throw new BinaryFileException(file.name, r.location(), "could not decode record " + ordinal + ": "
          + e.getMessage() + why, e);
    }
  }

  /** Damaged regions skipped so far (skip policy). */
  List<SkippedRegion> skipped() {
    return reader.skipped();
  }
}
