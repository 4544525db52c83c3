package io.github.binfiles.tools;

import io.github.binfiles.format.FormatOption;
import io.github.binfiles.format.FormatRegistry;
import io.github.binfiles.format.FormatSettings;
import io.github.binfiles.layout.RecordLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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

  /** The layout given with --layout, or null. */
  RecordLayout layout() throws IOException {
    if (layout == null && layoutFile != null) {
      String json;
      try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchSingleFileSpec(layoutFile).resourceId()))) {
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      try {
        layout = RecordLayout.fromJson(json);
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException(layoutFile + ": not a record layout: " + e.getMessage(), e);
      }
    }
    return layout;
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
    return FormatSettings.of(values, layout(), layoutFile);
  }
}
