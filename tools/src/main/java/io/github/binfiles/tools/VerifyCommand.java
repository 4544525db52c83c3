package io.github.binfiles.tools;

import io.github.binfiles.report.BinaryFileException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.NulledField;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.format.FileCheck;
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
      "Each file is checked as its format defines (every unit, checksum, index and",
      "trailer it has); formats without a magic number need their options (e.g.",
      "--record-length). With a record layout (--layout, or one the file stores),",
      "every field of every record is decoded too.",
      "Files are checked in parallel on every core and printed in name order.",
      "Exit status 0 when clean, 1 when damage is found."
    })
final class VerifyCommand implements Callable<Integer>, FormatOptions.Taker {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE|PATTERN", description = "Files or glob patterns (local or gs://).")
  List<String> files;

  @Mixin FormatOptions formats;

  @Option(names = "--json", description = "Print one JSON object per file.")
  boolean json;

  static final int MAX_FIELD_PROBLEMS = 20;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    boolean allClean = true;
    formats.settings(); // options and layout read once, before the files are checked in parallel
    formats.layout();
    List<Metadata> matched = InputFiles.match(files);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
        Math.max(1, Math.min(matched.size(), Runtime.getRuntime().availableProcessors())));
    List<java.util.concurrent.Future<Map<String, Object>>> checks = new ArrayList<>();
    for (Metadata m : matched) {
      checks.add(pool.submit(() -> check(m)));
    }
    long total = matched.stream().mapToLong(Metadata::sizeBytes).sum();
    Progress progress = new Progress(spec.commandLine().getErr(), "verify", total);
    long start = System.nanoTime();
    long bytes = 0;
    long records = 0;
    try {
      for (int i = 0; i < checks.size(); i++) {
        Map<String, Object> result = Tasks.join(checks.get(i));
        allClean &= report(out, result);
        bytes += matched.get(i).sizeBytes();
        records += ((Number) result.get("records")).longValue();
        progress.update(bytes, records);
      }
    } finally {
      pool.shutdownNow();
    }
    progress.done(bytes, records);
    double seconds = (System.nanoTime() - start) / 1e9;
    // On stderr: stdout stays one line (or JSON object) per file for scripts.
    spec.commandLine().getErr().printf("verified %d files, %,d records, %s in %.1f s: %s%s%n", matched.size(), records,
        Units.bytes(bytes), seconds, Units.rate(bytes, seconds), allClean ? "" : "; DAMAGE FOUND");
    spec.commandLine().getErr().flush();
    return allClean ? 0 : 1;
  }

  /** Prints one file's result (files in name order, checked in parallel); returns whether it is clean. */
  private boolean report(PrintWriter out, Map<String, Object> result) throws Exception {
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(result));
    } else {
      printText(out, result);
    }
    out.flush();
    return (Boolean) result.get("clean");
  }

  @Override
  public boolean writes() {
    return false;
  }

  /** One file: its format's full check, then every field when a layout describes the records. */
  private Map<String, Object> check(Metadata m) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    String name = m.resourceId().toString();
    r.put("file", name);
    List<Map<String, Object>> damage = new ArrayList<>();
    OpenedFile f;
    try {
      f = OpenedFile.open(m, formats.settings());
    } catch (IllegalArgumentException e) {
      if (m.sizeBytes() > 0) {
        throw e;
      }
      // An empty file of no known format: most likely a write that never happened.
      r.put("format", "unknown");
      r.put("records", 0L);
      damage.add(region(new SkippedRegion(name, 0, 0, -1, -1, "empty file: " + e.getMessage())));
      r.put("clean", false);
      r.put("damage", damage);
      return r;
    }
    try (f) {
      r.put("format", f.provider.name());
      FileCheck check = f.provider.check(f.format, f.range);
      r.put("records", check.records());
      r.putAll(check.facts());
      check.regions().forEach(s -> damage.add(region(s)));
      r.put("clean", check.isClean());
      r.put("damage", damage);
    }
    try (OpenedFile again = OpenedFile.open(m, formats.settings())) {
      checkFields(again, r);
    }
    return r;
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
   * With a record layout (--layout, or one the file stores), decodes every field of every intact
   * record; a field its type cannot hold makes the file not clean. Lists the first {@value
   * #MAX_FIELD_PROBLEMS}.
   */
  private void checkFields(OpenedFile f, Map<String, Object> result) throws Exception {
    long bad = 0;
    List<Map<String, Object>> problems = new ArrayList<>();
    List<NulledField> nulled = new ArrayList<>();
    try {
      FileRecords r = FileRecords.open(f, formats.layout(), 0, CorruptionPolicy.SKIP);
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
    } catch (io.github.binfiles.report.BinaryFileException e) {
      return; // damage the framing check has already reported
    }
    result.put("badFields", bad);
    result.put("fieldProblems", problems);
    result.put("clean", (Boolean) result.get("clean") && bad == 0);
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
