package io.github.binfiles.tools;

import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Writes one file of a format under a temporary name and renames it to its final name only when
 * the writer finished, so nothing partial is ever visible there; on failure the temporary file is
 * deleted. Local paths are written through a {@link FileChannel} (Beam's local filesystem wraps a
 * stream in a channel, a copy and a native buffer per 8 KiB written) and renamed atomically; other
 * schemes ({@code gs://}) through Beam's {@link FileSystems}.
 */
final class AtomicFileWrite {
  /** Writes the records; returns how many. */
  interface Body<T> {
    long write(RecordFileWriter<T> writer) throws Exception;
  }

  private AtomicFileWrite() {}

  /**
   * Writes {@code out} in {@code format}, each value through {@code encoder}; returns the records
   * written and the final file's size.
   */
  static <T> long[] write(String out, FileFormat format, RecordEncoder<T> encoder, Body<T> body) throws Exception {
    format.validateForWrite();
    return out.contains("://") ? writeThroughBeam(out, format, encoder, body)
        : writeLocal(Paths.get(out), format, encoder, body);
  }

  private static <T> long[] writeLocal(Path out, FileFormat format, RecordEncoder<T> encoder, Body<T> body)
      throws Exception {
    Path absolute = out.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp-" + UUID.randomUUID());
    boolean moved = false;
    long records;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        records = writeAll(ch, out.toString(), format, encoder, body);
      }
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
    return new long[] {records, Files.size(absolute)};
  }

  private static <T> long[] writeThroughBeam(String out, FileFormat format, RecordEncoder<T> encoder, Body<T> body)
      throws Exception {
    ResourceId finalId = FileSystems.matchNewResource(out, false);
    ResourceId tmpId = FileSystems.matchNewResource(out + ".tmp-" + UUID.randomUUID(), false);
    boolean moved = false;
    long records;
    try {
      try (WritableByteChannel ch = FileSystems.create(tmpId, "application/octet-stream")) {
        records = writeAll(ch, out, format, encoder, body);
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

  private static <T> long writeAll(WritableByteChannel ch, String out, FileFormat format, RecordEncoder<T> encoder,
      Body<T> body) throws Exception {
    RecordFileWriter<T> writer = format.openWriter(ch, encoder, out);
    long records = body.write(writer);
    writer.finish();
    return records;
  }
}
