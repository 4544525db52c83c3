package io.github.binfiles.tools;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;

/** Matching files on any Beam filesystem. */
final class InputFiles {
  private InputFiles() {}

  /** Every file matching each spec, each spec's in name order; a spec that matches nothing is an error naming it. */
  static List<Metadata> match(List<String> specs) throws IOException {
    List<Metadata> out = new ArrayList<>();
    for (String spec : specs) {
      MatchResult r = FileSystems.match(spec, EmptyMatchTreatment.ALLOW);
      if (r.status() != MatchResult.Status.OK || r.metadata().isEmpty()) {
        throw new IOException("no file matches " + spec);
      }
      List<Metadata> files = new ArrayList<>(r.metadata());
      files.sort(java.util.Comparator.comparing(m -> m.resourceId().toString()));
      out.addAll(files);
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
}
