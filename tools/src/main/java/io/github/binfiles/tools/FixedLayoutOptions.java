package io.github.binfiles.tools;

import io.github.binfiles.fixed.FixedRecordFraming;
import picocli.CommandLine.Option;

/** The options that describe a fixed-record file. */
final class FixedLayoutOptions {
  @Option(names = "--record-length", paramLabel = "BYTES", description = "Record length of fixed-record files.")
  Integer recordLength;

  @Option(names = "--header-bytes", paramLabel = "BYTES", defaultValue = "0", description = "Bytes before the first record (default: ${DEFAULT-VALUE}).")
  long headerBytes;

  @Option(names = "--trailer-bytes", paramLabel = "BYTES", defaultValue = "0", description = "Bytes after the last record (default: ${DEFAULT-VALUE}).")
  long trailerBytes;

  /** The framing; fails with a clear message when the record length is missing. */
  FixedRecordFraming framing(String forWhat) {
    if (recordLength == null) {
      throw new IllegalArgumentException(forWhat + " is not a container file: give --record-length to read it as fixed records");
    }
    return FixedRecordFraming.of(recordLength, headerBytes, trailerBytes);
  }
}
