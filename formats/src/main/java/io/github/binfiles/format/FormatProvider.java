package io.github.binfiles.format;

import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.RecordReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One file format as tools see it: its name, how to recognise its files, its options, and how to
 * build its {@link FileFormat} from them. The CLI iterates the providers in {@link FormatRegistry}
 * and never names a format; a new format registers its provider in {@code
 * META-INF/services/io.github.binfiles.format.FormatProvider} and needs no edit elsewhere.
 */
public interface FormatProvider {
  /** The name users type ({@code --from NAME}); equals {@link FileFormat#name()} of its formats. */
  String name();

  /** The command-line options of this format. Options of the same name are shared between formats. */
  List<FormatOption> options();

  /** How many leading bytes {@link #recognizes} needs; 0 (the default) for formats without a magic number. */
  default int magicLength() {
    return 0;
  }

  /** Whether a file starting with {@code head} (at most {@link #magicLength()} bytes) is of this format. */
  default boolean recognizes(byte[] head) {
    return false;
  }

  /**
   * Whether a file is of this format by its name (for formats without a magic number whose files
   * are conventionally named, e.g. {@code *.tfrecord}); asked after every magic number.
   */
  default boolean recognizesName(String fileName) {
    return false;
  }

  /**
   * The settings to read the file {@code fileName} of this format with: formats whose files' names
   * tell an option (a {@code .vb} file is blocked) add it as a default; the user's settings win.
   * Tools call it before {@link #format}. The default returns {@code settings}.
   */
  default FormatSettings settingsForName(String fileName, FormatSettings settings) {
    return settings;
  }

  /**
   * For a file no format recognizes by its first bytes or name: whether {@code settings} say to read it as
   * this format (fixed records: a record length or layout was given).
   */
  default boolean readsUnrecognized(FormatSettings settings) {
    return false;
  }

  /** What to give to read an unrecognised file as this format, for the error message; or null. */
  default String unrecognizedHint() {
    return null;
  }

  /**
   * The format value for {@code settings}.
   *
   * @throws IllegalArgumentException naming the option that is missing or wrong
   */
  FileFormat format(FormatSettings settings);

  /**
   * Facts about one file for {@code inspect}, in display order, starting with {@code "format"} (a
   * label); the CLI adds the file name and size and any layout's fields. {@code range} covers the
   * whole file (decompressed when compressed).
   */
  Map<String, Object> inspect(FileFormat format, FileRange range) throws IOException;

  /**
   * Checks a whole file: every unit, every checksum the format has. The default reads every record
   * under the skip policy and counts what is intact; formats with more structure to report (blocks,
   * a footer) override it.
   */
  default FileCheck check(FileFormat format, FileRange range) throws IOException {
    RecordReader r = RecordReader.open(format.framing(), range, CorruptionPolicy.SKIP, 0);
    long records = 0;
    while (r.next()) {
      records++;
    }
    return new FileCheck(records, r.skipped(), Map.of());
  }

  /** Lines {@code tune} prints about a file of this format after its measurements; none by default. */
  default List<String> tuningNotes(FileFormat format, FileRange range) throws IOException {
    return List.of();
  }
}
