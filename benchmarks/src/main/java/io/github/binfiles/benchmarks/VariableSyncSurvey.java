package io.github.binfiles.benchmarks;

import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.Framing;
import io.github.binfiles.framing.UnitReader;
import io.github.binfiles.variable.VariableFormat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How often a range start lands on a false sync point in a V or VB file (formats/VARIABLE.md §5):
 * writes a file of records of random lengths whose payloads are random bytes, EBCDIC text, or
 * binary fields (halfwords and fullwords of small values, so zero bytes everywhere), opens the
 * framing at many random offsets and counts starts that are not the true next unit. Every such
 * start is one a real read refuses (the boundary check); the count is how often a split fails.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.binfiles.benchmarks.VariableSyncSurvey \
 *     [records] [starts] [random,text,binary] [default-only]</pre>
 *
 * <p>Each configuration: no look-behind (the search alone), the default look-behind, and the
 * default look-behind with records bounded at 150 bytes (as a copybook's record length bounds
 * them).
 */
public final class VariableSyncSurvey {
  private VariableSyncSurvey() {}

  public static void main(String[] args) throws IOException {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int starts = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    System.out.printf("%-6s %-7s %-10s %-11s %8s %8s %10s%n", "recfm", "payload", "maxRecord",
        "lookBehind", "starts", "false", "per start");
    String[] payloads = args.length > 2 ? args[2].split(",") : new String[] {"random", "text", "binary"};
    boolean withoutLookBehind = args.length <= 3 || !args[3].equals("default-only");
    for (String payload : payloads) {
      for (boolean blocked : new boolean[] {false, true}) {
        if (withoutLookBehind) {
          survey(records, starts, payload, blocked, 0, 0);
        }
        survey(records, starts, payload, blocked, 0, -1);
        survey(records, starts, payload, blocked, 150, -1);
      }
    }
  }

  /** @param max the largest record accepted, 0 for the default; @param lookBehind -1 for the default */
  private static void survey(int records, int starts, String payload, boolean blocked, int max,
      int lookBehind) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    Path file = Files.createTempFile("sync-survey", ".v");
    // True unit starts, in order: records for V, blocks for VB (blocks of at most 27998 bytes).
    long[] units = new long[records + 1];
    int count = 0;
    long at = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      byte[] block = new byte[27998];
      int used = 0;
      for (int i = 0; i < records; i++) {
        byte[] r = payload(random, payload, 50 + random.nextInt(101));
        if (blocked) {
          if (used > 0 && used + 4 + r.length > block.length) {
            flush(out, block, used);
            units[count++] = at;
            at += used;
            used = 0;
          }
          if (used == 0) {
            used = 4;
          }
          rdw(block, used, r.length);
          System.arraycopy(r, 0, block, used + 4, r.length);
          used += 4 + r.length;
        } else {
          byte[] d = new byte[4];
          rdw(d, 0, r.length);
          out.write(d);
          out.write(r);
          units[count++] = at;
          at += 4 + r.length;
        }
      }
      if (blocked && used > 0) {
        flush(out, block, used);
        units[count++] = at;
        at += used;
      }
    }
    long size = at;
    VariableFormat f = blocked ? VariableFormat.blocked() : VariableFormat.records();
    if (max > 0) {
      f = f.withMaxRecordBytes(max);
    }
    if (lookBehind >= 0) {
      f = f.withLookBehind(lookBehind);
    }
    Framing framing = f.framing();
    long[] trueStarts = Arrays.copyOf(units, count);
    long falseStarts = 0;
    try (FileChannel ch = FileChannel.open(file)) {
      for (int i = 0; i < starts; i++) {
        long s = 1 + random.nextLong(size - 1);
        UnitReader u = framing.open(FileRange.of(file.toString(), size, s, size, ch, false));
        long found = u.next() == UnitReader.Unit.END ? size : u.claimOffset();
        int k = Arrays.binarySearch(trueStarts, s);
        long expected = k >= 0 ? trueStarts[k] : (-k - 1 < count ? trueStarts[-k - 1] : size);
        if (found != expected) {
          falseStarts++;
        }
      }
    }
    Files.delete(file);
    System.out.printf("%-6s %-7s %-10s %-11s %8d %8d %10.2e%n", blocked ? "VB" : "V", payload,
        max > 0 ? String.valueOf(max) : "65531", ((io.github.binfiles.variable.VariableFraming) framing).lookBehind(),
        starts, falseStarts, (double) falseStarts / starts);
  }

  private static void flush(OutputStream out, byte[] block, int used) throws IOException {
    block[0] = (byte) (used >>> 8);
    block[1] = (byte) used;
    block[2] = 0;
    block[3] = 0;
    out.write(block, 0, used);
  }

  private static void rdw(byte[] b, int i, int data) {
    int l = data + 4;
    b[i] = (byte) (l >>> 8);
    b[i + 1] = (byte) l;
    b[i + 2] = 0;
    b[i + 3] = 0;
  }

  /** Random bytes; EBCDIC letters, digits and spaces; or big-endian halfwords and fullwords below 200. */
  private static byte[] payload(SplittableRandom random, String kind, int length) {
    byte[] r = new byte[length];
    switch (kind) {
      case "random":
        random.nextBytes(r);
        break;
      case "text":
        byte[] alphabet = "\u0040\u00c1\u00c2\u00c3\u00c4\u00c5\u00d1\u00d2\u00e2\u00e3\u00f0\u00f1\u00f2\u00f9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int i = 0; i < length; i++) {
          r[i] = alphabet[random.nextInt(alphabet.length)];
        }
        break;
      default:
        for (int i = 0; i + 1 < length; i += 2) {
          int v = random.nextInt(200);
          r[i] = 0;
          r[i + 1] = (byte) (random.nextInt(4) == 0 ? 0 : v);
        }
    }
    return r;
  }
}
