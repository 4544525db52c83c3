package io.github.binfiles.tools;

import io.github.binfiles.copybook.Copybook;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.FileSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code binfiles copybook}: a copybook's field listing, as a compiler prints it. */
@Command(
    name = "copybook",
    mixinStandardHelpOptions = true,
    description = {
      "Print a COBOL copybook's field listing: every item's level, name, REDEFINES",
      "role (r redefined, R redefining), 1-based start and end, and length in bytes.",
      "Read data with it: binfiles cat FILE --copybook COPYBOOK",
      "(cat --help lists the copybook options)."
    })
final class CopybookCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "COPYBOOK", description = "The copybook (fixed format, local or gs://).")
  String file;

  @Override
  public Integer call() throws Exception {
    String text;
    try (InputStream in = Channels.newInputStream(
        FileSystems.open(FileSystems.matchSingleFileSpec(file).resourceId()))) {
      text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    spec.commandLine().getOut().print(Copybook.parse(text).listingText());
    return 0;
  }
}
