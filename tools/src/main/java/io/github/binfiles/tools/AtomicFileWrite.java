package io.github.binfiles.tools;

import io.github.binfiles.sinks.WriteToBinaryFiles;
import io.github.binfiles.spi.FileFormat;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Writes one file of a format on any Beam filesystem under a temporary name and renames it to its
 * final name only when the writer finished, so nothing partial is ever visible there; on failure
 * the temporary file is deleted.
 */
final class AtomicFileWrite {
  /** Writes the records; returns how many. */
  interface Body {
    long write(FileIO.Sink<byte[]> sink) throws Exception;
  }

  private AtomicFileWrite() {}

  /** Returns the records written and the final file's size. */
  static long[] write(String out, FileFormat format, Body body) throws Exception {
    ResourceId finalId = FileSystems.matchNewResource(out, false);
    ResourceId tmpId = FileSystems.matchNewResource(out + ".tmp-" + UUID.randomUUID(), false);
    FileIO.Sink<byte[]> sink = WriteToBinaryFiles.of(format).sink();
    boolean moved = false;
    long records;
    try {
      try (WritableByteChannel ch = FileSystems.create(tmpId, "application/octet-stream")) {
        sink.open(ch);
        records = body.write(sink);
        sink.flush();
      }
      FileSystems.rename(List.of(tmpId), List.of(finalId));
      moved = true;
    } finally {
      if (!moved) {
        FileSystems.delete(List.of(tmpId), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      }
    }
    return new long[] {records, FileSystems.matchSingleFileSpec(out).sizeBytes()};
  }
}
