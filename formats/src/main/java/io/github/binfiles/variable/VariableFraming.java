package io.github.binfiles.variable;

import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.Framing;
import io.github.binfiles.framing.UnitReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The framing of variable-length mainframe files (formats/VARIABLE.md): {@code RECFM=V} (each
 * record behind a Record Descriptor Word) or {@code RECFM=VB} (blocks behind a Block Descriptor
 * Word, each exactly filled by RDW records), after an optional file header and before an optional
 * trailer. The one place that knows where a range of such a file starts ({@link VariableUnits}):
 *
 * <ul>
 *   <li>a range that holds the first data byte (or starts before it) follows the chain of
 *       descriptors from there;
 *   <li>any other range starts at the first <em>sync point</em> at or after its first byte: a
 *       position where a chain of {@link #chainUnits()} intact units starts (or a shorter chain that
 *       ends exactly at the end of the data). A unit is a split point exactly when it is a sync
 *       point, so the reader before a range boundary and the reader after it agree on the unit
 *       the boundary belongs to;
 *   <li>files have no sync marker, so a record's bytes could themselves look like a chain of
 *       descriptors: every reader that stops at a range boundary confirms that a reader starting
 *       there finds the same unit it stopped at ({@link #searchesForRangeStarts()}); where it would
 *       not, the read fails with the offset and the remedy instead of returning a wrong record.
 * </ul>
 */
public final class VariableFraming implements Framing {
  private static final long serialVersionUID = 1L;
  /** Units a sync point needs in its chain: records of a V file, blocks of a VB file. */
  static final int RECORD_CHAIN = 8;
  static final int BLOCK_CHAIN = 4;

  private final Descriptors descriptors;
  private final boolean blocked;
  private final long headerBytes;
  private final long trailerBytes;
  private final boolean splittable;
  /** Bytes before its start at which a range enters the chain; -1 for the default. */
  private final int lookBehind;

  VariableFraming(Descriptors descriptors, boolean blocked, long headerBytes, long trailerBytes,
      boolean splittable, int lookBehind) {
    if (headerBytes < 0 || trailerBytes < 0) {
      throw new IllegalArgumentException("header and trailer bytes must be >= 0, were "
          + headerBytes + " and " + trailerBytes);
    }
    this.descriptors = descriptors;
    this.blocked = blocked;
    this.headerBytes = headerBytes;
    this.trailerBytes = trailerBytes;
    this.splittable = splittable;
    this.lookBehind = lookBehind;
  }

  Descriptors descriptors() {
    return descriptors;
  }

  public boolean blocked() {
    return blocked;
  }

  public long headerBytes() {
    return headerBytes;
  }

  public long trailerBytes() {
    return trailerBytes;
  }

  /** The units a sync point's chain holds. */
  public int chainUnits() {
    return blocked ? BLOCK_CHAIN : RECORD_CHAIN;
  }

  /**
   * How far before its start a range that does not hold the first data byte enters the chain: 16
   * of the largest units, at least 64 KiB and at most 4 MiB, unless set.
   */
  public int lookBehind() {
    if (lookBehind >= 0) {
      return lookBehind;
    }
    return (int) Math.max(64 << 10, Math.min(4 << 20, 16L * largestUnit()));
  }

  /** The most bytes a unit can take: a block, a record with its RDW, or a record holding its length. */
  int largestUnit() {
    return blocked ? descriptors.maxBlockBytes : descriptors.lengthField != null
        ? descriptors.maxRecordBytes : Descriptors.SIZE + descriptors.largestPayload();
  }

  @Override
  public boolean splittable() {
    return splittable;
  }

  /** A trailer cannot be told from data in a stream of unknown length. */
  @Override
  public boolean readsDecompressedStreams() {
    return trailerBytes == 0;
  }

  /** Every range but the first starts by a search, unless files are read whole. */
  @Override
  public boolean searchesForRangeStarts() {
    return splittable;
  }

  @Override
  public UnitReader open(FileRange range) throws IOException {
    return VariableUnits.open(this, range);
  }

  /**
   * This framing with other descriptor settings, for diagnosing a file whose first descriptor is
   * wrong: every combination of V or VB, byte order and RDW adjustment (-4 or 0) other than this
   * one, each with the options that select it.
   */
  Map<String, VariableFraming> alternatives() {
    Map<String, VariableFraming> out = new LinkedHashMap<>();
    if (descriptors.lengthField != null) {
      return out;
    }
    for (boolean b : new boolean[] {blocked, !blocked}) {
      for (boolean le : new boolean[] {descriptors.littleEndian, !descriptors.littleEndian}) {
        for (int adjustment : new int[] {descriptors.rdwAdjustment, descriptors.rdwAdjustment == 0 ? -4 : 0}) {
          if (b == blocked && le == descriptors.littleEndian && adjustment == descriptors.rdwAdjustment) {
            continue;
          }
          String options = "--recfm " + (b ? "VB" : "V") + " --rdw-byte-order " + (le ? "little" : "big")
              + " --rdw-adjustment " + adjustment;
          out.put(options, new VariableFraming(new Descriptors(le, adjustment, descriptors.maxRecordBytes,
              descriptors.maxBlockBytes, null, descriptors.recordStart, descriptors.recordEnd), b,
              headerBytes, trailerBytes, splittable, lookBehind));
        }
      }
    }
    return out;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recfm", blocked ? "VB" : "V");
    if (descriptors.lengthField != null) {
      m.put("lengthField", descriptors.lengthField.toString());
      m.put("lengthAdjustment", descriptors.rdwAdjustment);
    } else {
      m.put("descriptorByteOrder", descriptors.littleEndian ? "little-endian" : "big-endian");
      m.put("rdwAdjustment", descriptors.rdwAdjustment);
    }
    m.put("maxRecordBytes", descriptors.maxRecordBytes);
    if (blocked) {
      m.put("maxBlockBytes", descriptors.maxBlockBytes);
    }
    if (descriptors.recordStart + descriptors.recordEnd > 0) {
      m.put("recordStartOffset", descriptors.recordStart);
      m.put("recordEndOffset", descriptors.recordEnd);
    }
    m.put("headerBytes", headerBytes);
    m.put("trailerBytes", trailerBytes);
    m.put("splitBy", splittable ? "offset" : "file");
    return m;
  }

  @Override
  public String toString() {
    return (descriptors.lengthField != null
            ? "records holding their length: " + descriptors.lengthField + ", adjustment " + descriptors.rdwAdjustment
            : (blocked ? "VB" : "V") + ", " + (descriptors.littleEndian ? "little" : "big")
                + "-endian descriptors, RDW adjustment " + descriptors.rdwAdjustment)
        + (headerBytes > 0 ? ", " + headerBytes + "-byte header" : "")
        + (trailerBytes > 0 ? ", " + trailerBytes + "-byte trailer" : "")
        + (splittable ? "" : ", whole files");
  }
}
