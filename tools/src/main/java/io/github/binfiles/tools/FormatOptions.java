package io.github.binfiles.tools;

import io.github.binfiles.format.FormatOption;
import io.github.binfiles.format.FormatRegistry;
import io.github.binfiles.format.FormatSettings;
import io.github.binfiles.layout.CopybookLayout;
import io.github.binfiles.layout.RecordLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

  @Option(names = "--record-types", paramLabel = "FIELD:VALUE=NAME,...", description = "With --copybook: several record types in one file, chosen by FIELD's value, e.g. SEGMENT-ID:C=COMPANY,P=PERSON (names of 01 records or REDEFINES alternatives).")
  String recordTypes;

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
      CopybookLayout c = CopybookLayout.of(text).withCodePage(codePage);
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
