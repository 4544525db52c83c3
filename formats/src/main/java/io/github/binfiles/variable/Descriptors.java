package io.github.binfiles.variable;

import java.io.Serializable;

/**
 * How one variable-length file spells its descriptor words (formats/VARIABLE.md §2): the 4-byte
 * Record Descriptor Word before each record and, in blocked files, the 4-byte Block Descriptor Word
 * before each block. A descriptor is a 32-bit word, big-endian as z/OS writes it or little-endian
 * (the whole word byte-swapped, as some transfer tools leave it). In an RDW the high 16 bits are the
 * length and the low 16 bits must be zero (segment flags of spanned records, which binfiles does not
 * read); the record's data is {@code length + rdwAdjustment} bytes: -4 by default, because z/OS
 * counts the RDW itself, 0 for files whose RDWs count the data only (Cobrix's default). A BDW's
 * length counts the BDW: either its high 16 bits with the low 16 bits zero, or, with the high bit
 * set, the extended form's low 31 bits.
 *
 * <p>The parse methods are the hot path of reads and of the resynchronising search: no allocation,
 * no strings; a negative result is a code {@link #whyNot} explains.
 */
final class Descriptors implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int SIZE = 4;

  /** The descriptor's segment flags (low 16 bits) are not zero. */
  static final int FLAGS = -1;
  /** The length is below the smallest record or block. */
  static final int TOO_SHORT = -2;
  /** The length is above the largest record or block accepted. */
  static final int TOO_LONG = -3;
  /** A length field's bytes are not a number of its encoding. */
  static final int NOT_A_NUMBER = -4;

  final boolean littleEndian;
  final int rdwAdjustment;
  final int maxRecordBytes;
  final int maxBlockBytes;
  /** Where records keep their own length instead of an RDW; null for RDW records. */
  final LengthField lengthField;

  /** Bytes at the start and at the end of each record's data that readers leave out. */
  final int recordStart;
  final int recordEnd;

  Descriptors(boolean littleEndian, int rdwAdjustment, int maxRecordBytes, int maxBlockBytes) {
    this(littleEndian, rdwAdjustment, maxRecordBytes, maxBlockBytes, null, 0, 0);
  }

  Descriptors(boolean littleEndian, int rdwAdjustment, int maxRecordBytes, int maxBlockBytes,
      LengthField lengthField, int recordStart, int recordEnd) {
    this.lengthField = lengthField;
    this.recordStart = recordStart;
    this.recordEnd = recordEnd;
    this.littleEndian = littleEndian;
    this.rdwAdjustment = rdwAdjustment;
    this.maxRecordBytes = maxRecordBytes;
    this.maxBlockBytes = maxBlockBytes;
  }

  /** The largest data length an RDW can state with this adjustment. */
  int largestPayload() {
    return Math.min(maxRecordBytes, 0xFFFF + rdwAdjustment);
  }

  int word(byte[] b, int i) {
    return littleEndian
        ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24
        : b[i] << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
  }

  /** The data length of the record whose RDW is at {@code b[i..i+4)}, or a negative code. */
  int recordData(byte[] b, int i) {
    int w = word(b, i);
    if ((w & 0xFFFF) != 0) {
      return FLAGS;
    }
    int data = (w >>> 16) + rdwAdjustment;
    if (data < Math.max(1, recordStart + recordEnd)) {
      return TOO_SHORT;
    }
    return data > maxRecordBytes ? TOO_LONG : data;
  }

  /** Bytes of a record needed to know its length: its RDW, or up to the end of its length field. */
  int lengthBytes() {
    return lengthField == null ? SIZE : lengthField.offset() + lengthField.width();
  }

  /**
   * The length of the record at {@code b[i..]} whose length field (at least {@link #lengthBytes()}
   * bytes buffered) holds it: the field's value plus the adjustment; or a negative code.
   */
  int fieldRecordLength(byte[] b, int i) {
    long v = lengthField.value(b, i);
    if (v < 0) {
      return NOT_A_NUMBER;
    }
    long length = v + rdwAdjustment;
    if (length < lengthBytes() || length < Math.max(1, recordStart + recordEnd)) {
      return TOO_SHORT;
    }
    return length > maxRecordBytes ? TOO_LONG : (int) length;
  }

  /** The length, BDW included, of the block whose BDW is at {@code b[i..i+4)}, or a negative code. */
  int blockLength(byte[] b, int i) {
    int w = word(b, i);
    int length;
    if (w < 0) {
      length = w & 0x7FFFFFFF;
    } else {
      if ((w & 0xFFFF) != 0) {
        return FLAGS;
      }
      length = w >>> 16;
    }
    if (length < SIZE + SIZE + 1) {
      return TOO_SHORT;
    }
    return length > maxBlockBytes ? TOO_LONG : length;
  }

  /** The RDW of a record of {@code data} bytes (checked by the caller against {@link #largestPayload}). */
  void putRdw(byte[] b, int i, int data) {
    putWord(b, i, (data - rdwAdjustment) << 16);
  }

  /** The BDW of a block of {@code length} bytes: the short form up to 32,767 bytes, else extended. */
  void putBdw(byte[] b, int i, int length) {
    putWord(b, i, length <= 0x7FFF ? length << 16 : length | 0x80000000);
  }

  private void putWord(byte[] b, int i, int w) {
    if (littleEndian) {
      b[i] = (byte) w;
      b[i + 1] = (byte) (w >>> 8);
      b[i + 2] = (byte) (w >>> 16);
      b[i + 3] = (byte) (w >>> 24);
    } else {
      b[i] = (byte) (w >>> 24);
      b[i + 1] = (byte) (w >>> 16);
      b[i + 2] = (byte) (w >>> 8);
      b[i + 3] = (byte) w;
    }
  }

  /** The message for a negative code from {@link #fieldRecordLength} on {@code b[i..]}. */
  String whyNotField(int code, byte[] b, int i) {
    String bytes = java.util.HexFormat.of().formatHex(b, i + lengthField.offset(),
        i + lengthField.offset() + lengthField.width());
    if (code == NOT_A_NUMBER) {
      return "the " + lengthField + " holds " + bytes + ", not a number of its encoding";
    }
    long length = lengthField.value(b, i) + rdwAdjustment;
    return "the " + lengthField + " holds " + bytes + ", so the record is " + length + " bytes"
        + " (adjustment " + rdwAdjustment + "): " + (code == TOO_SHORT
            ? "shorter than the field itself" : "more than the largest record accepted, "
                + maxRecordBytes + " (withMaxRecordBytes)");
  }

  /** The message for a negative code from {@link #recordData} or {@link #blockLength} on {@code b[i..]}. */
  String whyNot(int code, boolean block, byte[] b, int i) {
    String what = block ? "block descriptor (BDW)" : "record descriptor (RDW)";
    String bytes = String.format("%02x %02x %02x %02x", b[i], b[i + 1], b[i + 2], b[i + 3]);
    String order = littleEndian ? "little-endian" : "big-endian";
    if (code == FLAGS) {
      return what + " " + bytes + " has non-zero segment flags (low 16 bits of the " + order
          + " word): spanned records (RECFM=VS/VBS) are not read, or this is not a descriptor"
          + (littleEndian ? "" : " (descriptors written little-endian? --rdw-byte-order little,"
              + " withLittleEndianDescriptors())");
    }
    int w = word(b, i);
    if (block) {
      return what + " " + bytes + " states " + (w < 0 ? (w & 0x7FFFFFFF) : w >>> 16) + " bytes: "
          + (code == TOO_SHORT ? "less than a BDW and one record (9 bytes)"
              : "more than the largest block accepted, " + maxBlockBytes + " (withMaxBlockBytes)");
    }
    int data = (w >>> 16) + rdwAdjustment;
    return what + " " + bytes + " states length " + (w >>> 16) + ", so " + data + " data bytes"
        + " with RDW adjustment " + rdwAdjustment + ": "
        + (code == TOO_SHORT ? "a record holds at least " + Math.max(1, recordStart + recordEnd) + " bytes"
            + (recordStart + recordEnd > 0 ? " (its start and end offsets)" : "")
            + (rdwAdjustment < 0 ? "" : " (RDWs that count themselves need adjustment -4)")
            : "more than the largest record accepted, " + maxRecordBytes + " (withMaxRecordBytes)");
  }
}
