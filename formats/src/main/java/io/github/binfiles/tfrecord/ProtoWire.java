package io.github.binfiles.tfrecord;

/**
 * A reader of protobuf wire format over a slice of an array: varints, fixed32, length-delimited
 * fields as sub-readers, and skipping unknown fields. Every length is checked against the slice, so
 * malformed input fails with an {@link IllegalArgumentException}, never an out-of-bounds read or an
 * allocation sized by the input.
 */
final class ProtoWire {
  private final byte[] b;
  private int pos;
  private final int end;
  private int lastWireType;

  ProtoWire(byte[] b, int from, int end) {
    this.b = b;
    this.pos = from;
    this.end = end;
  }

  boolean more() {
    return pos < end;
  }

  byte[] bytes() {
    return b;
  }

  int position() {
    return pos;
  }

  int remaining() {
    return end - pos;
  }

  long varint() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new IllegalArgumentException("truncated varint");
      }
      int x = b[pos++];
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("varint longer than 10 bytes");
  }

  /** The next field's tag; {@link #skip()} then skips that field's value. */
  int tag() {
    long t = varint();
    if (t >>> 32 != 0 || (t >>> 3) == 0) {
      throw new IllegalArgumentException("invalid field tag " + t);
    }
    lastWireType = (int) t & 7;
    return (int) t;
  }

  int fixed32() {
    if (end - pos < 4) {
      throw new IllegalArgumentException("truncated fixed32");
    }
    int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
    pos += 4;
    return v;
  }

  /** The length-delimited field that follows, as a reader of its bytes; moves past it. */
  ProtoWire message() {
    long length = varint();
    if (length < 0 || length > end - pos) {
      throw new IllegalArgumentException("length " + length + " runs past the " + (end - pos) + " bytes left");
    }
    ProtoWire m = new ProtoWire(b, pos, pos + (int) length);
    pos += (int) length;
    return m;
  }

  /** Skips the value of the field whose tag {@link #tag()} just read. */
  void skip() {
    skip(lastWireType);
  }

  private void skip(int wireType) {
    switch (wireType) {
      case 0:
        varint();
        break;
      case 1:
        advance(8);
        break;
      case 2:
        message();
        break;
      case 5:
        advance(4);
        break;
      default:
        throw new IllegalArgumentException("unsupported wire type " + wireType);
    }
  }

  private void advance(int n) {
    if (end - pos < n) {
      throw new IllegalArgumentException("truncated field");
    }
    pos += n;
  }
}
