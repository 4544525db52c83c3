package io.github.binfiles.tools;

import io.github.binfiles.layout.SegmentHierarchy;
import io.github.binfiles.layout.SegmentIds;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.NulledField;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.values.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code binfiles cat}: prints records as JSON lines with their ordinals (or offsets). */
@Command(
    name = "cat",
    mixinStandardHelpOptions = true,
    description = {
      "Print records as JSON lines with their ordinals (offsets where the",
      "format numbers nothing: {\"offset\": N, ...}).",
      "With a layout (--layout, or one the file stores): {\"ordinal\": N, \"row\": {...}}.",
      "Otherwise the bytes: {\"ordinal\": N, \"hex\": \"...\"} (or \"base64\").",
      "A pattern reads every file it matches, in name order; lines then start",
      "with {\"file\": ...}."
    })
final class CatCommand implements Callable<Integer>, FormatOptions.Taker {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Local paths or gs:// URLs, or patterns of them.")
  List<String> files;

  @Mixin FormatOptions formats;

  @Option(names = "--from-record", defaultValue = "0", description = "First record ordinal in each file (default: ${DEFAULT-VALUE}); formats that can seek to a record do.")
  long from;

  @Option(names = "--limit", description = "Records to print; -1 for all (default: 10 on a terminal, all when piped).")
  Long limit;

  @Option(names = "--encoding", defaultValue = "hex", description = "Bytes as hex or base64 (default: ${DEFAULT-VALUE}).")
  String encoding;

  @Option(names = "--raw", description = "Print bytes even when a layout is known.")
  boolean raw;

  @Option(names = "--skip-damage", description = "Skip damaged units (records, blocks), and set fields that cannot be decoded to null, each reported on stderr, instead of failing.")
  boolean skipDamage;

  @Option(names = "--segment-ids", paramLabel = "FIELD:ROOTS/LEVEL1/...", description = "Add Seg_Id0, Seg_Id1, ... to each row (Cobrix's segment_id_level0..n): the segment"
      + " field, then each level's values (commas within a level), e.g. SEGMENT-ID:C/P.")
  String segmentIds;

  @Option(names = "--segment-id-prefix", defaultValue = "ID", description = "What segment ids start with (default: ${DEFAULT-VALUE}).")
  String segmentIdPrefix;

  @Option(names = "--segment-hierarchy", paramLabel = "PARENT=>CHILD,...;...", description = "One row per root record with its children nested (Cobrix's segment-children), e.g."
      + " COMPANY=>DEPT,CUSTOMER;DEPT=>EMPLOYEE. Needs --record-types.")
  String hierarchy;

  @Override
  public Integer call() throws Exception {
    if (!encoding.equals("hex") && !encoding.equals("base64")) {
      throw new IllegalArgumentException("--encoding must be hex or base64, was " + encoding);
    }
    if (from < 0) {
      throw new IllegalArgumentException("--from-record must be >= 0");
    }
    if ((segmentIds != null || hierarchy != null) && (from != 0 || raw)) {
      throw new IllegalArgumentException("--segment-ids and --segment-hierarchy read each file from its start,"
          + " as rows: not with --from-record or --raw");
    }
    if (segmentIds != null && hierarchy != null) {
      throw new IllegalArgumentException("--segment-ids and --segment-hierarchy: one row per root has no"
          + " segment ids (nor in Cobrix); use one");
    }
    List<Metadata> matched = InputFiles.match(files);
    long max = limit != null ? limit : System.console() != null ? 10 : -1;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CorruptionPolicy policy = skipDamage ? CorruptionPolicy.SKIP : CorruptionPolicy.FAIL;
    long printed = 0;
    for (Metadata m : matched) {
      if (max >= 0 && printed >= max) {
        break;
      }
      if (m.sizeBytes() == 0) {
        // No format's file is empty (Beam reads an empty file as no records): say so and go on.
        err.println("empty: " + m.resourceId() + " (0 bytes, no records)");
        continue;
      }
      printed = print(m, matched.size() > 1, max, printed, policy, out, err);
    }
    out.flush();
    return 0;
  }

  /** Prints {@code m}'s records while fewer than {@code max} are printed; returns the new count. */
  private long print(Metadata m, boolean named, long max, long printed, CorruptionPolicy policy,
      PrintWriter out, PrintWriter err) throws Exception {
    try (OpenedFile f = OpenedFile.open(m, formats.settings())) {
      FileRecords r = FileRecords.open(f, formats.layout(), from, policy);
      boolean rows = r.layout() != null && !raw;
      if ((segmentIds != null || hierarchy != null) && r.layout() == null) {
        throw new IllegalArgumentException("--segment-ids and --segment-hierarchy need a layout (--copybook or"
            + " --layout, or one the file stores)");
      }
      if (hierarchy != null) {
        return printNested(m, r, named, max, printed, out, err);
      }
      SegmentIds.Bound ids = segmentIds == null ? null
          : SegmentIds.parse(segmentIds).withPrefix(segmentIdPrefix).bind(r.layout());
      SegmentIds.Tracker tracker = ids == null ? null : ids.newTracker();
      List<NulledField> nulled = skipDamage ? new ArrayList<>() : null;
      String fileJson = named ? RowJson.write(m.resourceId().toString()) : null;
      StringBuilder line = new StringBuilder(256);
      while ((max < 0 || printed < max) && r.next()) {
        // By hand: one builder per file, no map or Jackson per record for the bytes.
        line.setLength(0);
        line.append('{');
        if (named) {
          line.append("\"file\":").append(fileJson).append(',');
        }
        // Formats that number nothing (TFRecord) identify a record by its offset.
        if (r.record().ordinal() >= 0) {
          line.append("\"ordinal\":").append(r.record().ordinal());
        } else {
          line.append("\"offset\":").append(r.record().fileOffset());
        }
        if (rows) {
          java.util.Map<String, Object> fields = RowJson.fields(r.row(nulled));
          if (tracker != null) {
            fields = withIds(ids, tracker, r, fields);
          }
          line.append(",\"row\":").append(RowJson.write(fields));
        } else {
          line.append(",\"").append(encoding).append("\":\"")
              .append(bytes(r.record().array(), r.record().index(), r.record().length())).append('"');
        }
        out.append(line.append('}')).println();
        printed++;
        if (nulled != null && !nulled.isEmpty()) {
          out.flush();
          nulled.forEach(n -> err.println("nulled: " + n));
          nulled.clear();
        }
      }
      r.skipped().forEach(s -> err.println("skipped: " + s));
    }
    return printed;
  }

  /** {@code fields} behind the record's segment ids. */
  private static java.util.Map<String, Object> withIds(SegmentIds.Bound ids, SegmentIds.Tracker tracker,
      FileRecords r, java.util.Map<String, Object> fields) {
    var v = r.record();
    tracker.next(ids.level(v.array(), v.index(), v.length()), v.ordinal(), v.fileOffset());
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < ids.ids().levels().size(); i++) {
      out.put("Seg_Id" + i, tracker.id(i));
    }
    out.putAll(fields);
    return out;
  }

  /** Prints one line per root record, its children nested ({@code --segment-hierarchy}). */
  private long printNested(Metadata m, FileRecords r, boolean named, long max, long printed, PrintWriter out,
      PrintWriter err) throws Exception {
    SegmentHierarchy.Bound h = SegmentHierarchy.parse(hierarchy).bind(r.layout());
    SegmentIds.Bound roots = h.rootIds().bind(r.layout());
    List<NulledField> nulled = skipDamage ? new ArrayList<>() : null;
    List<Row> group = new ArrayList<>();
    List<String> names = new ArrayList<>();
    String first = null;
    while ((max < 0 || printed < max) && r.next()) {
      var v = r.record();
      String name = v.ordinal() >= 0 ? "\"ordinal\":" + v.ordinal() : "\"offset\":" + v.fileOffset();
      if (roots.isRoot(v.array(), v.index(), v.length()) && !group.isEmpty()) {
        printed += printGroup(m, h, group, names, first, named, out);
        group.clear();
        names.clear();
      }
      if (group.isEmpty()) {
        first = name;
      }
      group.add(r.row(nulled));
      names.add(m.resourceId() + ": the record with " + name.replace("\"", "").replace(":", " "));
      if (nulled != null && !nulled.isEmpty()) {
        nulled.forEach(n -> err.println("nulled: " + n));
        nulled.clear();
      }
    }
    if (!group.isEmpty() && (max < 0 || printed < max)) {
      printed += printGroup(m, h, group, names, first, named, out);
    }
    r.skipped().forEach(s -> err.println("skipped: " + s));
    return printed;
  }

  private static int printGroup(Metadata m, SegmentHierarchy.Bound h, List<Row> group, List<String> names,
      String first, boolean named, PrintWriter out) {
    Row nested = h.nest(group, h.nestedSchema(group.get(0).getSchema()), names::get);
    out.println("{" + (named ? "\"file\":" + RowJson.write(m.resourceId().toString()) + "," : "") + first
        + ",\"row\":" + RowJson.write(RowJson.fields(nested)) + "}");
    return 1;
  }

  @Override
  public boolean writes() {
    return false;
  }

  private String bytes(byte[] b, int off, int len) {
    if (encoding.equals("hex")) {
      return HexFormat.of().formatHex(b, off, off + len);
    }
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(b, off, off + len));
  }
}
