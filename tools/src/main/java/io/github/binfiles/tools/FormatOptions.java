package io.github.binfiles.tools;

import io.github.binfiles.format.FormatOption;
import io.github.binfiles.format.FormatRegistry;
import io.github.binfiles.format.FormatSettings;
import io.github.binfiles.copybook.Copybook;
import io.github.binfiles.layout.CopybookLayout;
import io.github.binfiles.layout.FieldType;
import io.github.binfiles.layout.RecordLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The record layout option and every registered format's own options ({@link FormatRegistry}), for
 * the commands that read or write files. The format options are added to each command when the CLI
 * is built ({@link #register}), so a new format's options appear without editing any command.
 */
final class FormatOptions {
  /** Commands that take format options; {@link #writes()} says whether write options apply too. */
  interface Taker {
    boolean writes();
  }

  @Option(names = "--layout", paramLabel = "LAYOUT.json", description = "Record layout (JSON, local or gs://): records are decoded into named fields. Files that store their layout carry their own.")
  String layoutFile;

  @Option(names = "--copybook", paramLabel = "FILE.cpy", description = "COBOL copybook (local or gs://) instead of --layout: records are decoded into its fields, groups as nested rows, OCCURS as lists.")
  String copybookFile;

  @Option(names = "--code-page", paramLabel = "CHARSET", defaultValue = "IBM037", description = "With --copybook: the EBCDIC (or ASCII) code page of text and zoned fields, any JDK charset (default: ${DEFAULT-VALUE}).")
  String codePage;

  @Option(names = "--field-code-page", paramLabel = "FIELD=CHARSET,...", split = ",", description = "With --copybook: the code page of single fields (COBOL or Beam names), overriding --code-page.")
  java.util.List<String> fieldCodePages;

  @Option(names = "--record-types", paramLabel = "FIELD:VALUE=NAME,...", description = "With --copybook: several record types in one file, chosen by FIELD's value, e.g. SEGMENT-ID:C=COMPANY,P=PERSON (names of 01 records or REDEFINES alternatives).")
  String recordTypes;

  @Option(names = "--trim", paramLabel = "both|left|right|none", defaultValue = "both", description = "With --copybook: how text fields are trimmed: spaces and NULs at one end or both (both also strips other whitespace); default: ${DEFAULT-VALUE}.")
  String trim;

  @Option(names = "--control-chars-as-spaces", description = "With --copybook: control characters in text (U+0000-U+001F, U+007F-U+009F, which IBM's code pages map EBCDIC control bytes to) decode to spaces, as Cobrix does. Lossy.")
  boolean controlCharsAsSpaces;

  @Option(names = "--low-values-as-null", description = "With --copybook: a field whose bytes are all 0x00 decodes to null (and null writes 0x00 bytes).")
  boolean lowValuesAsNull;

  @Option(names = "--ieee-floats", description = "With --copybook: COMP-1 and COMP-2 are IEEE 754 (FLOAT(NATIVE), or data from off the mainframe), not IBM hexadecimal floats.")
  boolean ieeeFloats;

  @Option(names = "--little-endian-binaries", description = "With --copybook: binary fields (COMP, COMP-4, COMP-5, and IEEE floats) are little-endian, as x86 COBOL compilers write them.")
  boolean littleEndianBinaries;

  @Option(names = "--wide-binaries", paramLabel = "minimal|16", defaultValue = "minimal", description = "With --copybook: the bytes of binary items of 19 to 38 digits: the fewest that hold them (9 for 19-21 digits, 12 for 28; Cobrix's rule), or 16 for all (default: ${DEFAULT-VALUE}).")
  String wideBinaries;

  @Option(names = "--edited-numbers-as-text", description = "With --copybook: numeric-edited pictures (Z(5)9, 9(8).9(2), +9(3).99, 999.99CR...) decode as the text they print, not as numbers.")
  boolean editedNumbersAsText;

  @Option(names = "--non-terminals", paramLabel = "GROUP,...", split = ",", description = "With --copybook: each named group is also one text field of its bytes, GROUP_NT (Cobrix's non_terminals).")
  java.util.List<String> nonTerminals;

  @Option(names = "--occurs-mappings", paramLabel = "JSON", description = "With --copybook: arrays counted by a code, not a number: {\"ARRAY\": {\"VALUE\": COUNT, ...}, ...} (Cobrix's occurs_mappings).")
  String occursMappings;

  @Option(names = "--variable-size-occurs", description = "With --copybook: an OCCURS DEPENDING ON array takes only the bytes of the occurrences its counter says and the fields after it follow them (Cobrix's variable_size_occurs); by default the maximum is reserved.")
  boolean variableSizeOccurs;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  private RecordLayout layout;

  /** Adds every format's options to each subcommand of {@code cli} that takes them. */
  static void register(CommandLine cli) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (!(sub.getCommand() instanceof Taker)) {
        continue;
      }
      boolean writes = ((Taker) sub.getCommand()).writes();
      for (FormatOption o : FormatRegistry.options()) {
        if (o.forWriting() && !writes) {
          continue;
        }
        OptionSpec.Builder b = OptionSpec.builder("--" + o.name())
            .paramLabel(o.label())
            .type(String.class)
            .description(o.description());
        if (o.defaultValue() != null) {
          b.defaultValue(o.defaultValue());
        }
        sub.getCommandSpec().addOption(b.build());
      }
    }
  }

  /** The layout given with --layout or --copybook, or null. */
  RecordLayout layout() throws IOException {
    if (layout == null && copybookFile != null) {
      if (layoutFile != null) {
        throw new IllegalArgumentException("give --layout or --copybook, not both");
      }
      layout = copybookLayout(read(copybookFile));
    }
    if (layout == null && layoutFile != null) {
      String json = read(layoutFile);
      try {
        layout = RecordLayout.fromJson(json);
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException(layoutFile + ": not a record layout: " + e.getMessage(), e);
      }
    }
    return layout;
  }

  private static String read(String file) throws IOException {
    try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchSingleFileSpec(file).resourceId()))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private RecordLayout copybookLayout(String text) {
    try {
      Copybook.WideBinaries wide;
      switch (wideBinaries) {
        case "minimal":
          wide = Copybook.WideBinaries.MINIMAL;
          break;
        case "16":
          wide = Copybook.WideBinaries.SIXTEEN_BYTES;
          break;
        default:
          throw new IllegalArgumentException("--wide-binaries is minimal or 16, not " + wideBinaries);
      }
      CopybookLayout c = CopybookLayout.of(text, wide).withCodePage(codePage).withTrim(trim(trim));
      if (fieldCodePages != null) {
        for (String pair : fieldCodePages) {
          int eq = pair.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--field-code-page is FIELD=CHARSET,..., not " + pair);
          }
          c = c.withFieldCodePage(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
      if (controlCharsAsSpaces) {
        c = c.withControlCharsAsSpaces();
      }
      if (lowValuesAsNull) {
        c = c.withLowValuesAsNull();
      }
      if (ieeeFloats) {
        c = c.withIeeeFloats();
      }
      if (littleEndianBinaries) {
        c = c.withLittleEndianBinaries();
      }
      if (variableSizeOccurs) {
        c = c.withVariableSizeOccurs();
      }
      if (editedNumbersAsText) {
        c = c.withEditedNumbersAsText();
      }
      if (occursMappings != null) {
        c = c.withOccursMappings(occursMappings);
      }
      if (nonTerminals != null) {
        c = c.withNonTerminals(nonTerminals.toArray(new String[0]));
      }
      if (recordTypes != null) {
        int colon = recordTypes.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException("--record-types is FIELD:VALUE=NAME,..., not " + recordTypes);
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (String pair : recordTypes.substring(colon + 1).split(",")) {
          int eq = pair.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--record-types: " + pair + " is not VALUE=NAME");
          }
          types.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        c = c.withRecordTypes(recordTypes.substring(0, colon).trim(), types);
      }
      return c.toLayout();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(copybookFile + ": " + e.getMessage(), e);
    }
  }

  private static FieldType.Trim trim(String name) {
    try {
      return FieldType.Trim.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--trim is both, left, right or none, not " + name);
    }
  }

  /** The format options as given (or defaulted), and the layout. */
  FormatSettings settings() throws IOException {
    Map<String, String> values = new HashMap<>();
    for (FormatOption o : FormatRegistry.options()) {
      OptionSpec spec = this.spec.findOption("--" + o.name());
      if (spec != null && spec.getValue() != null) {
        values.put(o.name(), spec.getValue());
      }
    }
    return FormatSettings.of(values, layout(), copybookFile != null ? copybookFile : layoutFile);
  }
}
