package io.github.binfiles.tools;

import io.github.binfiles.CorruptionPolicy;
import io.github.binfiles.container.ContainerFile;
import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.io.PositionedInput;
import java.io.PrintWriter;
import java.nio.channels.SeekableByteChannel;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code binfiles cat}: prints records as JSON lines with their ordinals. */
@Command(
    name = "cat",
    mixinStandardHelpOptions = true,
    description = "Print records as JSON lines: {\"ordinal\": N, \"hex\": \"...\"} (or \"base64\").")
final class CatCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A local path or gs:// URL.")
  String file;

  @Mixin FixedLayoutOptions fixed;

  @Option(names = "--from-record", defaultValue = "0", description = "First record ordinal (default: ${DEFAULT-VALUE}); containers seek with their index.")
  long from;

  @Option(names = "--limit", defaultValue = "10", description = "Records to print; -1 for all (default: ${DEFAULT-VALUE}).")
  long limit;

  @Option(names = "--encoding", defaultValue = "hex", description = "hex or base64 (default: ${DEFAULT-VALUE}).")
  String encoding;

  @Option(names = "--skip-damage", description = "Skip damaged container blocks (reported on stderr) instead of failing.")
  boolean skipDamage;

  @Override
  public Integer call() throws Exception {
    if (!encoding.equals("hex") && !encoding.equals("base64")) {
      throw new IllegalArgumentException("--encoding must be hex or base64, was " + encoding);
    }
    if (from < 0) {
      throw new IllegalArgumentException("--from-record must be >= 0");
    }
    Metadata m = InputFiles.single(file);
    PrintWriter out = spec.commandLine().getOut();
    long printed = 0;
    if (InputFiles.isContainer(m)) {
      try (ContainerFile f = ContainerFile.open(m.resourceId().toString());
          ContainerFile.Records r = f.records(from, skipDamage ? CorruptionPolicy.SKIP : CorruptionPolicy.FAIL)) {
        while ((limit < 0 || printed < limit) && r.next()) {
          line(out, r.ordinal(), r.buffer(), r.offset(), r.length());
          printed++;
        }
        r.skipped().forEach(s -> spec.commandLine().getErr().println("skipped: " + s));
      }
    } else {
      FixedRecordFraming framing = fixed.framing(m.resourceId().toString());
      long start = framing.offsetOf(from);
      try (SeekableByteChannel ch = (SeekableByteChannel) FileSystems.open(m.resourceId())) {
        ch.position(Math.min(start, m.sizeBytes()));
        PositionedInput in = new PositionedInput(ch, Math.min(start, m.sizeBytes()),
            Math.max(PositionedInput.DEFAULT_BUFFER_SIZE, framing.lookahead()));
        long ordinal = from;
        while ((limit < 0 || printed < limit) && in.request(framing.lookahead())) {
          line(out, ordinal++, in.buffer(), in.bufferIndex(), framing.recordLength());
          in.consume(framing.recordLength());
          printed++;
        }
      }
    }
    out.flush();
    return 0;
  }

  private void line(PrintWriter out, long ordinal, byte[] b, int off, int len) {
    String data;
    if (encoding.equals("hex")) {
      StringBuilder s = new StringBuilder(len * 2);
      for (int i = off; i < off + len; i++) {
        s.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
      }
      data = s.toString();
    } else {
      data = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(b, off, off + len));
    }
    out.println("{\"ordinal\":" + ordinal + ",\"" + encoding + "\":\"" + data + "\"}");
  }
}
