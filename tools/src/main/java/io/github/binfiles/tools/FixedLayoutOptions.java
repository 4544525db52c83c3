package io.github.binfiles.tools;

import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.layout.RecordLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileSystems;
import picocli.CommandLine.Option;

/** The options that describe a fixed-record file, and the record layout of any file. */
final class FixedLayoutOptions {
  @Option(names = "--record-length", paramLabel = "BYTES", description = "Record length of fixed-record files (implied by --layout).")
  Integer recordLength;

  @Option(names = "--header-bytes", paramLabel = "BYTES", defaultValue = "0", description = "Bytes before the first record (default: ${DEFAULT-VALUE}).")
  long headerBytes;

  @Option(names = "--trailer-bytes", paramLabel = "BYTES", defaultValue = "0", description = "Bytes after the last record (default: ${DEFAULT-VALUE}).")
  long trailerBytes;

  @Option(names = "--layout", paramLabel = "LAYOUT.json", description = "Record layout (JSON, local or gs://): records are decoded into named fields. Container files written with a layout carry their own.")
  String layoutFile;

  @Option(names = "--max-block-bytes", paramLabel = "BYTES", defaultValue = "67108864", description = "Largest container block accepted (default: ${DEFAULT-VALUE}, what binfiles writes); raise it only for files of writers that used larger blocks.")
  int maxBlockBytes;

  private RecordLayout layout;

  /** The layout given with --layout, or null. */
  RecordLayout layout() throws IOException {
    if (layout == null && layoutFile != null) {
      String json;
      try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchSingleFileSpec(layoutFile).resourceId()))) {
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      try {
        layout = RecordLayout.fromJson(json);
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException(layoutFile + ": not a record layout: " + e.getMessage(), e);
      }
    }
    return layout;
  }

  /** The record length from --record-length or --layout; fails clearly when neither is given. */
  int recordLength(String forWhat) throws IOException {
    RecordLayout l = layout();
    if (recordLength != null && l != null && recordLength != l.recordLength()) {
      throw new IllegalArgumentException("--record-length " + recordLength + " but the layout in "
          + layoutFile + " describes " + l.recordLength() + "-byte records");
    }
    if (recordLength != null) {
      return recordLength;
    }
    if (l != null) {
      return l.recordLength();
    }
    throw new IllegalArgumentException(forWhat + " is not a container file: give --record-length (or --layout) to read it as fixed records");
  }

  /** Whether a record length was given, directly or by a layout. */
  boolean hasRecordLength() {
    return recordLength != null || layoutFile != null;
  }

  /** The framing; fails with a clear message when the record length is missing. */
  FixedRecordFraming framing(String forWhat) throws IOException {
    return FixedRecordFraming.of(recordLength(forWhat), headerBytes, trailerBytes);
  }
}
