package io.github.binfiles.tools;

import io.github.binfiles.Formats;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.binfiles.layout.RecordLayout;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code binfiles inspect}: a file's format and what its format tells about it (header, records, index). */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show a file's format, header, metadata, records and index.",
      "Formats are recognised by their magic number; files without one need their",
      "format's options (e.g. --record-length). With a layout (--layout, or one the",
      "file stores) its fields are listed."
    })
final class InspectCommand implements Callable<Integer>, FormatOptions.Taker {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A local path or gs:// URL.")
  String file;

  @Mixin FormatOptions formats;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Metadata m = InputFiles.single(file);
    Map<String, Object> info = new LinkedHashMap<>();
    RecordLayout layout = formats.layout();
    try (OpenedFile f = OpenedFile.open(m, formats.settings())) {
      info.put("file", f.name);
      info.putAll(f.provider.inspect(f.format, f.range));
      if (f.isCompressed()) {
        info.put("compression", f.compression.toString().toLowerCase(Locale.ROOT));
      }
      if (layout == null) {
        String json = f.storedLayout();
        layout = json == null ? null : RecordLayout.fromJson(json);
      }
    }
    if (layout != null) {
      info.put("fields", fields(layout));
    }
    print(spec.commandLine().getOut(), info, json);
    return 0;
  }

  @Override
  public boolean writes() {
    return false;
  }

  /**
   * Each field of the layout, groups' members under dotted names, as a compiler listing shows them:
   * its bytes in the record (for a repeated field: all occurrences, then the first one's members),
   * its length and its type.
   */
  private static Map<String, String> fields(RecordLayout layout) {
    Map<String, String> fields = new LinkedHashMap<>();
    list(layout, "", 0, fields);
    return fields;
  }

  private static void list(RecordLayout layout, String prefix, int base, Map<String, String> out) {
    for (RecordLayout.Field f : layout.fields()) {
      if (f.isFiller()) {
        continue;
      }
      int start = base + f.offset();
      String what = f.isGroup() ? "group" : f.type().toString();
      if (f.isArray()) {
        what += " x " + (f.dependingOn() == null ? "" : f.minOccurs() + ".." ) + f.maxOccurs()
            + (f.dependingOn() == null ? "" : " (DEPENDING ON " + f.dependingOn() + ")")
            + ", " + f.elementLength() + " bytes each";
      }
      if (f.redefines() != null) {
        what += ", redefines " + f.redefines();
      }
      out.put(prefix + f.name() + (f.isArray() ? "[]" : ""), String.format("bytes %d..%d  length %d  %s",
          start, start + f.length(), f.length(), what));
      if (f.isGroup()) {
        list(f.group(), prefix + f.name() + (f.isArray() ? "[]" : "") + ".", start, out);
      }
    }
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
}
