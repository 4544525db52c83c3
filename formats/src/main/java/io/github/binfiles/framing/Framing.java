package io.github.binfiles.framing;

import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

/**
 * A file format's boundaries: the only place that knows where a unit (a record or a block of
 * records) starts and whether it is intact. It answers the two questions of DESIGN.md: given a byte
 * range, which is the first unit this range owns ({@link #open}: every unit whose first byte is in
 * the range, the ownership rule of FORMAT.md), and what is the next unit ({@link UnitReader#next}).
 *
 * <p>Implementations are immutable, serializable (they travel to Beam workers) and free of Beam:
 * the Beam adapter ({@code io.github.binfiles.beam.FramedSource}) and the Beam-free {@link
 * RecordReader} drive any framing the same way.
 */
public interface Framing extends Serializable {
  /** Opens a reader of the units {@code range} owns. */
  UnitReader open(FileRange range) throws IOException;

  /**
   * Whether files compressed as a whole (gzip, ...) can be read through this framing as a
   * decompressed stream. Formats that must seek (an index footer) say false.
   */
  default boolean readsDecompressedStreams() {
    return true;
  }

  /**
   * Whether an uncompressed file may be read in byte ranges by several readers. A framing that says
   * false has each file read whole by the reader of the range at offset 0, as a compressed file is
   * (for data a search from the middle could misread; see TFRECORD.md).
   */
  default boolean splittable() {
    return true;
  }

  /**
   * Where a reader should start to reach record {@code ordinal} of an uncompressed file of {@code
   * size} bytes without reading the records before it: an offset at or before that record's unit.
   * The default, 0, reads from the start. {@code channel} may be read and moved.
   */
  default long startOffsetFor(long ordinal, java.nio.channels.SeekableByteChannel channel, long size)
      throws IOException {
    return 0;
  }

  /**
   * Whether a range other than the first finds its first unit by a search that bytes inside a unit
   * could mislead (a format without sync markers). Readers of such a framing confirm each range
   * boundary they stop at ({@link RangeBoundary}): a reader starting there must begin with the unit
   * the reader before it stopped at, or the read fails instead of losing or inventing records.
   */
  default boolean searchesForRangeStarts() {
    return false;
  }

  /**
   * Why an uncompressed file of {@code fileSize} bytes cannot be a file of this framing (fixed
   * records: its size is not header + k records + trailer), as damage at the first byte that does
   * not fit, its reason naming the settings that would fit; null when the size can be right.
   * Readers under {@code FAIL} check it before decoding any record, so that a wrong record length
   * or header setting is named as such instead of as a field that does not decode.
   */
  default Damage sizeProblem(long fileSize) {
    return null;
  }

  /**
   * Other settings of this format that also fit a file of {@code fileSize} bytes, the likeliest
   * first (a fixed-record file: headers one or more records longer or shorter): what {@link
   * DecodeDiagnosis} tries when a file's first records do not decode, to name the setting that is
   * wrong. Default: none.
   */
  default java.util.List<Framing> alternativesFor(long fileSize) {
    return java.util.List.of();
  }

  /** The framing's settings, for display data and tools: stable keys, printable values. */
  Map<String, Object> describe();
}
