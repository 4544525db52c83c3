package io.github.binfiles.framing;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Why a file's first records do not decode, when the cause is a setting: each of the framing's
 * {@linkplain Framing#alternativesFor alternatives} is tried on the file's first records, and those
 * under which they all decode are named (a header of one record that the settings took for data
 * decodes as garbage; with the header skipped, every record decodes).
 */
public final class DecodeDiagnosis {
  /** How many records from the file's start an alternative must decode; failures past them are not diagnosed. */
  static final int RECORDS = 8;

  private DecodeDiagnosis() {}

  /** Whether a record's bytes decode (the reader's own decoder, without side effects kept). */
  @FunctionalInterface
  public interface RecordCheck {
    boolean decodes(byte[] b, int offset, int length);
  }

  /**
   * For a record {@code ordinal} of a file that did not decode: a sentence naming the likeliest
   * settings under which the first records of {@code file} decode, for the end of an error message;
   * "" when none does, or the record is not one of the first (or its ordinal is unknown). Moves
   * {@code channel}.
   */
  public static String suggest(long ordinal, Framing framing, String file, long size, SeekableByteChannel channel,
      RecordCheck check) {
    if (ordinal < 0 || ordinal >= RECORDS) {
      return "";
    }
    for (Framing alternative : framing.alternativesFor(size)) {
      try {
        int n = decodedRecords(alternative, file, size, channel, check);
        if (n > 0) {
          return ". With the same layout, the file's first " + (n == 1 ? "record decodes" : n + " records decode")
              + " with " + difference(framing.describe(), alternative.describe()) + ": check that setting";
        }
      } catch (IOException | RuntimeException e) {
        // an alternative that cannot even be read is no suggestion
      }
    }
    return "";
  }

  /** How many of the first records decode under {@code framing}: all it read, or 0 if any failed. */
  private static int decodedRecords(Framing framing, String file, long size, SeekableByteChannel channel,
      RecordCheck check) throws IOException {
    UnitReader units = framing.open(FileRange.of(file, size, 0, size, channel, false));
    int n = 0;
    while (n < RECORDS) {
      UnitReader.Unit u = units.next();
      if (u == UnitReader.Unit.RECORD) {
        RecordView r = units.record();
        if (r.isDirect() || !check.decodes(r.array(), r.index(), r.length())) {
          return 0;
        }
        n++;
      } else if (u == UnitReader.Unit.BLOCK) {
        RecordBlock b = units.block();
        while (n < RECORDS && b.nextRecord()) {
          RecordView r = b.record();
          if (r.isDirect() || !check.decodes(r.array(), r.index(), r.length())) {
            return 0;
          }
          n++;
        }
      } else {
        return u == UnitReader.Unit.END ? n : 0;
      }
    }
    return n;
  }

  /** The settings that differ, as options: {@code --header-bytes 200 (withHeaderBytes(200), not 0)}. */
  private static String difference(Map<String, Object> now, Map<String, Object> other) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : other.entrySet()) {
      Object was = now.get(e.getKey());
      if (!Objects.equals(was, e.getValue())) {
        String key = e.getKey();
        String option = "--" + key.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        String method = "with" + Character.toUpperCase(key.charAt(0)) + key.substring(1);
        out.add(option + " " + e.getValue() + " (" + method + "(" + e.getValue() + "), not " + was + ")");
      }
    }
    return String.join(" and ", out);
  }
}
