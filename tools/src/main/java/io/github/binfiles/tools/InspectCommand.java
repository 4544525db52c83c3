package io.github.binfiles.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.binfiles.container.ContainerFile;
import io.github.binfiles.container.ContainerFormat;
import io.github.binfiles.container.ContainerIndex;
import io.github.binfiles.container.FileHeader;
import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.layout.RecordLayout;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code binfiles inspect}: format, header, metadata, codec, blocks, records, index summary. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show a file's format, header, metadata, codec, blocks, records and index.",
      "Container files are recognised by their magic; other files are read as",
      "fixed records with --record-length or --layout. With a layout (--layout, or",
      "a container's own) its fields are listed."
    })
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A local path or gs:// URL.")
  String file;

  @Mixin FixedLayoutOptions fixed;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Metadata m = InputFiles.single(file);
    Map<String, Object> info = InputFiles.isContainer(m) ? container(m) : fixed(m);
    RecordLayout layout = fixed.layout();
    if (layout == null && info.get("metadata") instanceof Map) {
      Object json = ((Map<?, ?>) info.get("metadata")).get(ContainerFormat.KEY_LAYOUT);
      layout = json == null ? null : RecordLayout.fromJson(json.toString());
    }
    if (layout != null) {
      info.put("fields", fields(layout));
    }
    print(spec.commandLine().getOut(), info, json);
    return 0;
  }

  private Map<String, Object> container(Metadata m) throws Exception {
    Map<String, Object> info = new LinkedHashMap<>();
    try (ContainerFile f = ContainerFile.open(m.resourceId().toString(), fixed.maxBlockBytes)) {
      FileHeader h = f.header();
      info.put("file", f.name());
      info.put("format", "binfiles container");
      info.put("version", h.majorVersion() + "." + h.minorVersion());
      info.put("size", f.size());
      info.put("headerBytes", h.length());
      info.put("syncMarker", hex(h.syncMarker()));
      Map<String, String> meta = new LinkedHashMap<>();
      h.metadata().forEach((k, v) -> meta.put(k, printable(v)));
      info.put("metadata", meta);
      Optional<ContainerIndex> index = f.index();
      if (index.isPresent()) {
        ContainerIndex x = index.get();
        info.put("records", x.totalRecords());
        info.put("blocks", x.blockCount());
        info.put("indexOffset", x.indexOffset());
        if (x.blockCount() > 0) {
          info.put("firstBlockOffset", x.blockOffset(0));
          info.put("lastBlockOffset", x.blockOffset(x.blockCount() - 1));
          info.put("averageBlockBytes", (x.indexOffset() - x.blockOffset(0)) / x.blockCount());
          info.put("averageRecordsPerBlock", x.totalRecords() / x.blockCount());
        }
      } else {
        info.put("index", "absent: " + f.indexProblem() + " (run 'binfiles verify' to scan the blocks)");
      }
    }
    return info;
  }

  /** Each field of the layout: its bytes in the record and its type. */
  private static Map<String, String> fields(RecordLayout layout) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (RecordLayout.Field f : layout.fields()) {
      fields.put(f.name(), "bytes " + f.offset() + ".." + (f.offset() + f.type().length()) + "  " + f.type());
    }
    return fields;
  }

  private Map<String, Object> fixed(Metadata m) throws java.io.IOException {
    FixedRecordFraming framing = fixed.framing(m.resourceId().toString());
    String format = "fixed records";
    long records;
    String fit;
    if (InputFiles.isCompressed(m)) {
      // The records of a compressed file are counted by decompressing it, as reads do.
      FileRecords.Tally t = FileRecords.tally(m, fixed);
      format += ", compressed ("
          + Compression.detect(m.resourceId().getFilename()).toString().toLowerCase(Locale.ROOT) + ")";
      records = t.records;
      fit = t.regions.isEmpty() ? "whole records" : t.regions.get(0).getReason();
    } else {
      FixedRecordFraming.Layout layout = framing.layoutOf(m.sizeBytes());
      records = layout.records;
      fit = layout.isWhole() ? "whole records" : layout.toString();
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("file", m.resourceId().toString());
    info.put("format", format);
    info.put("size", m.sizeBytes());
    info.put("recordLength", framing.recordLength());
    info.put("headerBytes", framing.headerBytes());
    info.put("trailerBytes", framing.trailerBytes());
    info.put("records", records);
    info.put("framing", fit);
    return info;
  }

  static void print(PrintWriter out, Object info, boolean json) throws Exception {
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(info));
      return;
    }
    if (info instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) info).entrySet()) {
        if (e.getValue() instanceof Map) {
          out.printf("%-22s%n", e.getKey() + ":");
          for (Map.Entry<?, ?> sub : ((Map<?, ?>) e.getValue()).entrySet()) {
            out.printf("  %-20s %s%n", sub.getKey(), sub.getValue());
          }
        } else {
          out.printf("%-22s %s%n", e.getKey() + ":", e.getValue());
        }
      }
    } else {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(info));
    }
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** UTF-8 text when it is printable, else hex. */
  static String printable(byte[] v) {
    String s = new String(v, StandardCharsets.UTF_8);
    boolean ok = s.chars().allMatch(c -> c >= 0x20 && c != 0xFFFD || c == '\n' || c == '\t');
    return ok ? s : "0x" + hex(v);
  }
}
