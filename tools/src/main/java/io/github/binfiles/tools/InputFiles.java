package io.github.binfiles.tools;

import io.github.binfiles.container.ContainerFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;

/** Matching files and telling container files from fixed-record files, on any Beam filesystem. */
final class InputFiles {
  private InputFiles() {}

  /** Every file matching each spec; a spec that matches nothing is an error naming it. */
  static List<Metadata> match(List<String> specs) throws IOException {
    List<Metadata> out = new ArrayList<>();
    for (String spec : specs) {
      MatchResult r = FileSystems.match(spec, EmptyMatchTreatment.ALLOW);
      if (r.status() != MatchResult.Status.OK || r.metadata().isEmpty()) {
        throw new IOException("no file matches " + spec);
      }
      out.addAll(r.metadata());
    }
    return out;
  }

  static Metadata single(String spec) throws IOException {
    List<Metadata> m = match(List.of(spec));
    if (m.size() != 1) {
      throw new IOException(spec + " matches " + m.size() + " files; give one file");
    }
    return m.get(0);
  }

  /** Whether the file starts with the container magic. */
  static boolean isContainer(Metadata file) throws IOException {
    try (ReadableByteChannel ch = FileSystems.open(file.resourceId())) {
      ByteBuffer b = ByteBuffer.allocate(ContainerFormat.MAGIC.length);
      while (b.hasRemaining() && ch.read(b) >= 0) {}
      return Arrays.equals(b.array(), ContainerFormat.MAGIC);
    }
  }

  /** Whether {@code file} is whole-file compressed, by its extension (as reads decide). */
  static boolean isCompressed(Metadata file) {
    String name = file.resourceId().getFilename();
    return org.apache.beam.sdk.io.Compression.detect(name == null ? "" : name)
        != org.apache.beam.sdk.io.Compression.UNCOMPRESSED;
  }
}
