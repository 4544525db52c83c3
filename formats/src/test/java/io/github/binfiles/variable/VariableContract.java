package io.github.binfiles.variable;

import io.github.binfiles.testing.FormatContract;
import io.github.binfiles.testing.TestRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The format contract for one option set of variable-length files. Records are known by the
 * offsets of their RDWs, computed here from the record lengths and the packing rule of
 * VARIABLE.md (not read back from the writer): V puts each record behind its RDW; VB starts a new
 * block behind a BDW when the next record would make the block longer than the block size. A file
 * cut exactly at the end of a unit (before the trailer's length) is a valid shorter file. Payload
 * bytes carry no checksum, so flipped payload bytes are not damage the format can see; every
 * descriptor byte flipped is, and is the structural damage tested.
 */
abstract class VariableContract extends FormatContract {
  @Override
  protected abstract VariableFormat format();

  /** Records of 1 to 25 bytes. */
  @Override
  protected List<byte[]> sampleRecords() {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      out.add(Arrays.copyOf(TestRecords.record(i, 25), 1 + (i * 7) % 25));
    }
    return out;
  }

  int headerLength() {
    return 0;
  }

  int trailerLength() {
    return 0;
  }

  /** Bytes before each record's data: its RDW (4), or 0 for records holding their length. */
  int rdwBytes() {
    return 4;
  }

  /** The bytes of the record at {@code at} that state its length: its RDW, or its length field. */
  int[] lengthBytes(long at) {
    return new int[] {(int) at, (int) at + 1, (int) at + 2, (int) at + 3};
  }

  /** The block size the format writes with, or 0 for V. */
  int blockSize() {
    return 0;
  }

  /** Where each sample record's RDW is, and where each unit (record of V, block of VB) starts. */
  private Map<String, List<Long>> model() {
    List<Long> records = new ArrayList<>();
    List<Long> units = new ArrayList<>();
    long at = headerLength();
    long blockUsed = 0;
    for (byte[] r : sampleRecords()) {
      int unit = rdwBytes() + r.length;
      if (blockSize() > 0) {
        if (blockUsed == 0 || blockUsed + unit > blockSize()) {
          units.add(at);
          at += 4; // the BDW
          blockUsed = 4;
        }
        blockUsed += unit;
      } else {
        units.add(at);
      }
      records.add(at);
      at += unit;
    }
    units.add(at); // the end of the data
    return Map.of("records", records, "units", units);
  }

  @Override
  protected List<Long> sampleOffsets() {
    return model().get("records");
  }

  @Override
  protected boolean detectsFlippedBytes() {
    return false;
  }

  @Override
  protected boolean detectsTruncationAt(long cut, long size) {
    return !model().get("units").contains(cut - trailerLength());
  }

  /** Every byte of every descriptor (RDWs, and BDWs of VB), flipped. */
  @Override
  protected Map<String, byte[]> structuralDamage(Path intact) throws IOException {
    byte[] bytes = Files.readAllBytes(intact);
    Set<Integer> positions = new TreeSet<>();
    for (long r : model().get("records")) {
      for (int p : lengthBytes(r)) {
        positions.add(p);
      }
    }
    if (blockSize() > 0) {
      List<Long> units = model().get("units");
      for (long u : units.subList(0, units.size() - 1)) {
        for (int k = 0; k < 4; k++) {
          positions.add((int) u + k);
        }
      }
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (int p : positions) {
      byte[] b = bytes.clone();
      b[p] ^= (byte) 0xFF;
      out.put("descriptor byte " + p + " flipped", b);
    }
    return out;
  }

  /** The six records of the golden files (testdata/README.md, "Variable-length"). */
  static List<byte[]> goldenRecords() {
    return List.of(new byte[] {'A'}, new byte[] {'B', 'B'}, new byte[] {'C', 'C', 'C'}, new byte[4],
        new byte[] {'E', 'E', 'E', 'E', 'E'},
        new byte[] {(byte) 0xc8, (byte) 0xc5, (byte) 0xd3, (byte) 0xd3, (byte) 0xd6});
  }

  @Override
  protected int recordLengthForRoundTrip() {
    return 24;
  }
}
