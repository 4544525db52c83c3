package io.github.binfiles.container;

import static io.github.binfiles.container.ContainerFormat.INDEX_ENTRY_SIZE;
import static io.github.binfiles.container.ContainerFormat.KIND_INDEX;
import static io.github.binfiles.container.ContainerFormat.TRAILER_SIZE;

import io.github.binfiles.framing.Damage;
import io.github.binfiles.io.LittleEndian;
import io.github.binfiles.io.PositionedInput;
import java.io.IOException;
import java.util.zip.CRC32C;

/**
 * One walk over a whole container file without a usable index (FORMAT.md section 8, "reading
 * without the index"): block after block from the file header, each delivered only when it is
 * intact and continues the ordinals of the blocks before it.
 *
 * <ul>
 *   <li>A block at the expected place whose first ordinal is the expected one is delivered.
 *   <li>One whose first ordinal is larger follows a gap (a block was cut out): a zero-length region
 *       reports the missing ordinals, then the block is delivered.
 *   <li>One whose first ordinal is smaller (a repeated or misplaced copy), or bytes that are not an
 *       intact block, start a damaged region that runs to the next intact block continuing the
 *       ordinals; the search skips candidates whose claimed extent contains another sync marker or
 *       runs past the end of the file before computing any checksum, so it is linear in the bytes
 *       scanned.
 *   <li>The index block ends the walk. The trailer must follow it and end the file, agree with it,
 *       and (when no damage was seen) the index entries must be exactly the blocks delivered;
 *       anything after the trailer belongs to no block and is a region.
 * </ul>
 */
final class ChainedBlocks implements BlockStream {
  private final PositionedInput input;
  private final BlockReader reader;
  private final byte[] sync;
  private final long fileSize;
  /** Total records from an intact trailer of this file, or UNKNOWN: bounds the loss at the end. */
  private final long trailerTotal;
  /** CRC32C of the index entries of the blocks delivered so far, as the writer computed it. */
  private final CRC32C entries = new CRC32C();
  private final byte[] entry = new byte[INDEX_ENTRY_SIZE];

  private long expectAt;
  private long nextOrdinal;
  private boolean damageSeen;
  private boolean done;
  private boolean footerVerified;
  private boolean blockPending;
  private Damage regionPending;
  private Damage skipped;

  /** @param input positioned at the end of the file header */
  ChainedBlocks(
      PositionedInput input, FileHeader header, BlockReader reader, long fileSize,
      long trailerTotal) {
    this.input = input;
    this.reader = reader;
    this.sync = header.syncMarkerShared();
    this.fileSize = fileSize;
    this.trailerTotal = trailerTotal;
    this.expectAt = header.length();
  }

  @Override
  public Event next() throws IOException {
    if (blockPending) {
      blockPending = false;
      accept(reader.block());
      return Event.BLOCK;
    }
    if (regionPending != null) {
      skipped = regionPending;
      regionPending = null;
      return Event.SKIPPED;
    }
    if (done) {
      return Event.END;
    }
    input.skip(expectAt - input.position());
    long at = expectAt;
    Check block = reader.read(input);
    if (!block.isOk()) {
      if (block.isEndOfFile()) {
        done = true;
        return region(at, at, lostUpToTrailer(), "file ends at byte " + at
            + " without its index footer: the writer did not finish, so records from ordinal "
            + nextOrdinal + " on, if any were written, are missing");
      }
      input.consume(1);
      return damage(at, block.problem());
    }
    if (reader.header().kind == KIND_INDEX) {
      return footer(at, at, null);
    }
    Block b = reader.block();
    if (b.firstOrdinal == nextOrdinal) {
      accept(b);
      return Event.BLOCK;
    }
    if (b.firstOrdinal > nextOrdinal) {
      damageSeen = true;
      blockPending = true;
      return region(at, at, b.firstOrdinal, "the block at " + at + " starts at ordinal "
          + b.firstOrdinal + " where " + nextOrdinal + " was expected: the blocks holding ordinals ["
          + nextOrdinal + ", " + b.firstOrdinal + ") are missing (cut out of the file?)");
    }
    String reason = "the block at " + at + " holds ordinals [" + b.firstOrdinal + ", "
        + (b.firstOrdinal + b.count) + ") but ordinal " + nextOrdinal
        + " was expected: a repeated or misplaced block";
    input.consume((int) (b.end - at));
    return damage(at, reason);
  }

  private void accept(Block b) {
    LittleEndian.putLong(entry, 0, b.offset);
    LittleEndian.putLong(entry, 8, b.firstOrdinal);
    LittleEndian.putInt(entry, 16, b.count);
    entries.update(entry, 0, INDEX_ENTRY_SIZE);
    expectAt = b.end;
    nextOrdinal = b.firstOrdinal + b.count;
  }

  /** Damage from {@code start}: searches for the next block that continues the ordinals. */
  private Event damage(long start, String reason) throws IOException {
    damageSeen = true;
    if (!search()) {
      done = true;
      return region(start, fileSize, lostUpToTrailer(), reason);
    }
    long found = input.position();
    if (reader.header().kind == KIND_INDEX) {
      return footer(found, start, reason);
    }
    blockPending = true;
    return region(start, found, reader.block().firstOrdinal, reason);
  }

  /**
   * Finds the next intact block that may follow: a data block whose first ordinal is at least the
   * expected one, or the index block. Leaves the input on it. Each byte is scanned for the marker
   * once and checksummed at most once: a candidate whose claimed extent holds another marker, or
   * runs past the end of the file, is passed over before its payload is read.
   */
  private boolean search() throws IOException {
    while (true) {
      long candidate = input.indexOf(sync, Long.MAX_VALUE);
      if (candidate < 0) {
        return false;
      }
      if (!reader.readHeader(input).isOk()) {
        input.consume(1);
        continue;
      }
      long end = reader.claimedEnd(candidate);
      long other = input.peekIndexOf(sync, candidate + 1, end);
      if (other >= 0) {
        input.consume((int) (other - candidate));
        continue;
      }
      if (reader.readPayload(input).isOk()
          && (reader.header().kind == KIND_INDEX || reader.block().firstOrdinal >= nextOrdinal)) {
        return true;
      }
      // No marker starts inside (candidate, end): the next candidate is at or after end.
      input.consume((int) (end - candidate));
    }
  }

  /**
   * The intact index block at {@code at} ends the walk. Reports, as needed, the damage before it
   * (from {@code damageStart} with {@code damageReason}, when the index was found by a search) and
   * what is wrong with the footer.
   */
  private Event footer(long at, long damageStart, String damageReason) throws IOException {
    done = true;
    long indexTotal = reader.header().firstOrdinal;
    long indexEnd = reader.claimedEnd(at);
    int indexCrc = reader.header().payloadCrc;
    Check footer = footerCheck(at, indexEnd, indexTotal, indexCrc, damageReason != null);
    long trailerEnd = indexEnd + TRAILER_SIZE;
    boolean onlyBytesAfter = footer.isOk() && trailerEnd < fileSize;
    Damage after = null;
    if (footer.isOk() && !onlyBytesAfter) {
      footerVerified = !damageSeen;
    } else if (onlyBytesAfter) {
      after = new Damage(trailerEnd, fileSize, nextOrdinal, nextOrdinal,
          (fileSize - trailerEnd) + " bytes follow the trailer that closed the file at " + trailerEnd
              + " (appended or concatenated data): they belong to no block");
    } else {
      after = new Damage(at, fileSize, nextOrdinal,
          indexTotal >= nextOrdinal ? indexTotal : Damage.UNKNOWN,
          "index footer at " + at + ": " + footer.problem());
    }
    if (damageReason == null) {
      if (after == null) {
        return Event.END;
      }
      skipped = after;
      return Event.SKIPPED;
    }
    long lostEnd = indexTotal >= nextOrdinal ? indexTotal : Damage.UNKNOWN;
    if (after != null && after.start() == at) {
      // A damaged footer right after damage: one region to the end of the file.
      return region(damageStart, fileSize, after.endLost(), damageReason + "; and " + footer.problem());
    }
    regionPending = after;
    return region(damageStart, at, lostEnd, damageReason);
  }

  /**
   * Whether the footer whose index block is at {@code at} is intact, or what is wrong. Found by a
   * search ({@code afterDamage}), the index may hold more records than were delivered: the damage
   * before it accounts for them.
   */
  private Check footerCheck(long at, long indexEnd, long indexTotal, int indexCrc, boolean afterDamage)
      throws IOException {
    if (indexEnd + TRAILER_SIZE > fileSize) {
      return Check.damaged("file ends " + (fileSize - indexEnd) + " bytes into the " + TRAILER_SIZE + "-byte trailer");
    }
    input.skip(indexEnd - input.position());
    if (!input.request(TRAILER_SIZE)) {
      return Check.damaged("file ends inside the trailer");
    }
    Trailer trailer = new Trailer();
    Check parsed = Trailer.parse(input.buffer(), input.bufferIndex(), trailer);
    if (!parsed.isOk()) {
      return parsed;
    }
    if (!trailer.agreesWith(at, reader.header())) {
      return Check.damaged(trailer + " disagrees with the index block at " + at);
    }
    if (afterDamage ? indexTotal < nextOrdinal : indexTotal != nextOrdinal) {
      return Check.damaged("index says " + indexTotal + " records but the blocks before it hold " + nextOrdinal);
    }
    if (!damageSeen && (int) entries.getValue() != indexCrc) {
      return Check.damaged("the index entries are not the blocks of the file (reordered or rewritten index)");
    }
    return Check.OK;
  }

  private long lostUpToTrailer() {
    return trailerTotal >= nextOrdinal ? trailerTotal : Damage.UNKNOWN;
  }

  private Event region(long start, long end, long endLost, String reason) {
    skipped = new Damage(start, end, nextOrdinal, endLost, reason);
    return Event.SKIPPED;
  }

  @Override
  public Block block() {
    return reader.block();
  }

  @Override
  public Damage damage() {
    return skipped;
  }

  @Override
  public boolean readsWholeFile() {
    return true;
  }

  @Override
  public boolean footerVerified() {
    return footerVerified;
  }
}
