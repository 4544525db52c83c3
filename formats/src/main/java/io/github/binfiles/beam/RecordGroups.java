package io.github.binfiles.beam;

import java.io.Serializable;

/**
 * Which records start a group of records that must be read together, in order, by one reader (a
 * root segment and the child segments after it, up to the next root). A reader of a range given
 * groups ({@link ElementFactory#groups()}) owns the groups whose first record is in its range: it
 * skips the records before its first group start, reads past its range's end to the next group
 * start, and makes only group starts split points, so every group is read whole, exactly once,
 * from its first record. The records before a file's first group start belong to the range that
 * holds the file's first unit.
 */
@FunctionalInterface
public interface RecordGroups extends Serializable {
  /** Whether the record at {@code b[offset, offset + length)} starts a group. */
  boolean startsGroup(byte[] b, int offset, int length);
}
