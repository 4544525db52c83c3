package io.github.binfiles.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.binfiles.CorruptionPolicy;
import io.github.binfiles.NulledField;
import io.github.binfiles.SkippedRegion;
import io.github.binfiles.container.ContainerFile;
import io.github.binfiles.fixed.FixedRecordFraming;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code binfiles verify}: checks every checksum and structure; prints each damaged region. Exit 0
 * when every file is clean, 1 when damage is found.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check every checksum and structure; print each damaged region.",
      "Container files: every block, the index and the trailer. Fixed-record files",
      "(with --record-length): the framing. With a record layout (--layout, or a",
      "container's own), every field of every record is decoded too.",
      "Exit status 0 when clean, 1 when damage is found."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE|PATTERN", description = "Files or glob patterns (local or gs://).")
  List<String> files;

  @Mixin FixedLayoutOptions fixed;

  @Option(names = "--json", description = "Print one JSON object per file.")
  boolean json;

  static final int MAX_FIELD_PROBLEMS = 20;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    boolean allClean = true;
    for (Metadata m : InputFiles.match(files)) {
      Map<String, Object> result = m.sizeBytes() > 0 && InputFiles.isContainer(m) ? container(m) : fixed(m);
      // A fixed-record file has a layout only through --layout; a container may carry its own.
      if ("container".equals(result.get("format")) || ("fixed".equals(result.get("format")) && fixed.layoutFile != null)) {
        checkFields(m, result);
      }
      boolean clean = (Boolean) result.get("clean");
      allClean &= clean;
      if (json) {
        out.println(new ObjectMapper().writeValueAsString(result));
      } else {
        printText(out, result);
      }
    }
    return allClean ? 0 : 1;
  }

  @SuppressWarnings("unchecked")
  private static void printText(PrintWriter out, Map<String, Object> r) {
    out.printf("%s %s: %,d records%s%s%n", (Boolean) r.get("clean") ? "OK     " : "DAMAGED", r.get("file"),
        (Long) r.get("records"), r.containsKey("blocks") ? " in " + r.get("blocks") + " blocks" : "",
        r.containsKey("badFields") ? ", undecodable fields: " + r.get("badFields") : "");
    for (Map<String, Object> region : (List<Map<String, Object>>) r.get("damage")) {
      out.printf("  bytes [%d, %d): %s; lost records %s%n", region.get("start"), region.get("end"),
          region.get("reason"), region.get("lostRecords"));
    }
    for (Map<String, Object> f : (List<Map<String, Object>>) r.getOrDefault("fieldProblems", List.of())) {
      out.printf("  record %d field %s (record byte %d) holds %s: %s%n", f.get("record"), f.get("field"),
          f.get("fieldOffset"), f.get("hex"), f.get("problem"));
    }
    if (r.containsKey("badFields") && (Long) r.get("badFields") > MAX_FIELD_PROBLEMS) {
      out.printf("  (first %d undecodable fields shown)%n", MAX_FIELD_PROBLEMS);
    }
  }

  /**
   * With a record layout (--layout, or the container's own), decodes every field of every intact
   * record; a field its type cannot hold makes the file not clean. Lists the first {@value
   * #MAX_FIELD_PROBLEMS}.
   */
  private void checkFields(Metadata m, Map<String, Object> result) throws Exception {
    long bad = 0;
    List<Map<String, Object>> problems = new ArrayList<>();
    List<NulledField> nulled = new ArrayList<>();
    try (FileRecords r = FileRecords.open(m, fixed, 0, CorruptionPolicy.SKIP)) {
      if (r.layout() == null) {
        return;
      }
      while (r.next()) {
        r.row(nulled);
        for (NulledField n : nulled) {
          if (++bad <= MAX_FIELD_PROBLEMS) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("record", n.getRecordOrdinal());
            p.put("field", n.getField());
            p.put("fieldOffset", n.getFieldOffset());
            p.put("hex", n.hexBytes());
            p.put("problem", n.getProblem());
            problems.add(p);
          }
        }
        nulled.clear();
      }
    } catch (io.github.binfiles.BinaryFileException e) {
      return; // damage the framing check has already reported
    }
    result.put("badFields", bad);
    result.put("fieldProblems", problems);
    result.put("clean", (Boolean) result.get("clean") && bad == 0);
  }

  private Map<String, Object> container(Metadata m) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("file", m.resourceId().toString());
    r.put("format", "container");
    List<Map<String, Object>> damage = new ArrayList<>();
    try (ContainerFile f = ContainerFile.open(m.resourceId().toString(), fixed.maxBlockBytes)) {
      ContainerFile.VerifyReport v = f.verify();
      r.put("records", v.records);
      r.put("blocks", v.blocks);
      r.put("footer", v.footerPresent);
      for (SkippedRegion s : v.regions) {
        damage.add(region(s));
      }
      r.put("clean", v.isClean());
    } catch (io.github.binfiles.BinaryFileException e) {
      r.put("records", 0L);
      damage.add(region(new SkippedRegion(m.resourceId().toString(), 0, m.sizeBytes(), -1, -1, e.getProblem())));
      r.put("clean", false);
    }
    r.put("damage", damage);
    return r;
  }

  private Map<String, Object> fixed(Metadata m) throws java.io.IOException {
    Map<String, Object> r = new LinkedHashMap<>();
    String name = m.resourceId().toString();
    r.put("file", name);
    List<Map<String, Object>> damage = new ArrayList<>();
    if (m.sizeBytes() == 0 && !fixed.hasRecordLength()) {
      r.put("format", "unknown");
      r.put("records", 0L);
      damage.add(region(new SkippedRegion(name, 0, 0, -1, -1, "empty file: not a container (no header)")));
    } else {
      r.put("format", "fixed");
      FixedRecordFraming framing = fixed.framing(name);
      if (InputFiles.isCompressed(m)) {
        // Only decompressing shows whether the records fit: read it as a pipeline would.
        FileRecords.Tally t = FileRecords.tally(m, fixed);
        t.regions.forEach(s -> damage.add(region(s)));
        r.put("records", t.records);
        r.put("clean", damage.isEmpty());
        r.put("damage", damage);
        return r;
      }
      FixedRecordFraming.Layout layout = framing.layoutOf(m.sizeBytes());
      r.put("records", layout.records);
      if (!layout.isWhole()) {
        long start = layout.partialBytes < 0 ? 0 : framing.offsetOf(layout.records);
        long end = layout.partialBytes < 0 ? m.sizeBytes() : start + layout.partialBytes;
        damage.add(region(new SkippedRegion(name, start, end, layout.partialBytes < 0 ? 0 : layout.records,
            SkippedRegion.UNKNOWN, "file is " + layout)));
      }
    }
    r.put("clean", damage.isEmpty());
    r.put("damage", damage);
    return r;
  }

  static Map<String, Object> region(SkippedRegion s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("start", s.getStartOffset());
    m.put("end", s.getEndOffset());
    String lost;
    if (s.getFirstLostOrdinal() < 0) {
      lost = "unknown";
    } else if (s.getEndLostOrdinal() == s.getFirstLostOrdinal()) {
      lost = "none";
    } else if (s.getEndLostOrdinal() < 0) {
      lost = "from " + s.getFirstLostOrdinal() + " on (end unknown)";
    } else {
      lost = "[" + s.getFirstLostOrdinal() + ", " + s.getEndLostOrdinal() + ")";
    }
    m.put("lostRecords", lost);
    m.put("reason", s.getReason());
    return m;
  }
}
