package io.github.binfiles.report;

/**
 * What a reader does when it meets damaged input.
 *
 * <ul>
 *   <li>{@link #FAIL} (the default): throw a {@link BinaryFileException} naming the file, the offset
 *       and what was expected. No record after the damage is returned.
 *   <li>{@link #SKIP}: drop the damaged bytes, continue at the next unit the format can find (the
 *       next record for fixed-length files, the next sync marker for container files), and report
 *       every dropped byte range as a {@link SkippedRegion}: counted in Beam metrics under the
 *       namespace {@code binfiles} and, when asked, emitted as a {@code PCollection}. A skipped
 *       region is never silent. Reads with a record layout also set a field whose bytes cannot be
 *       decoded to null, keep the record, and report the field as a {@link NulledField} the same
 *       way.
 * </ul>
 */
public enum CorruptionPolicy {
  FAIL,
  SKIP
}
