package io.github.binfiles.spi;

import io.github.binfiles.framing.Framing;
import io.github.binfiles.layout.RecordLayout;
import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Map;

/**
 * A file format as {@link io.github.binfiles.ReadFromBinaryFiles} and {@code WriteToBinaryFiles} use it: a value
 * holding the format's own options (a record length, a codec, ...) that knows how to find records
 * ({@link #framing()}) and how to write them ({@link #openWriter}). The transforms hold everything
 * else (patterns, decoders, corruption policy, shards), written once for every format. {@link
 * io.github.binfiles.Formats} lists the built-in ones.
 *
 * <p>Implementations are immutable and serializable; {@code withX} methods return copies.
 */
public interface FileFormat extends Serializable {
  /** The format's name, as the CLI spells it ({@code fixed}, {@code container}). */
  String name();

  /** How readers find and check this format's units. */
  Framing framing();

  /** The file name suffix writers use by default (e.g. {@code .bin}). */
  String defaultSuffix();

  /**
   * Checks that this format has every option writing needs; called by write transforms' {@code
   * expand}, so a pipeline fails when it is built, not on a worker.
   *
   * @throws IllegalStateException naming the missing option
   */
  default void validateForWrite() {}

  /**
   * This format with writers that may use {@code threads} threads of their own besides the
   * caller's, for work they can do off it (a container compresses its blocks there, overlapping
   * compression with the caller's reading and encoding); the bytes written are the same. 0 keeps
   * everything on the caller's thread, what a Beam worker wants (its runner keeps every core busy
   * with bundles); the local command line offers the cores its tasks leave idle. Formats with no
   * such work (the default) return themselves.
   */
  default FileFormat withBackgroundThreads(int threads) {
    return this;
  }

  /**
   * Opens a writer of one output file. {@code description} names the output in error messages.
   *
   * @throws IllegalStateException when the format lacks an option writing needs (say which)
   */
  <T> RecordFileWriter<T> openWriter(
      WritableByteChannel channel, RecordEncoder<T> encoder, String description) throws IOException;

  /**
   * This format for records described by {@code layout}: checks that they fit (a fixed record
   * length must equal the layout's), and for formats that can, records the layout in every file
   * written so later reads need no layout argument.
   *
   * @throws IllegalArgumentException if the layout does not fit the format's options
   */
  FileFormat withLayout(RecordLayout layout);

  /**
   * Whether each record of this format has its own length (variable-length mainframe records), so
   * records encoded from a layout end with their last field written rather than at the layout's
   * length: each record type its own length. Write transforms choose the layout encoder by it.
   */
  default boolean hasVariableLengthRecords() {
    return false;
  }

  /** Whether files of this format can declare their record layout ({@link #storedLayout}). */
  default boolean storesLayout() {
    return false;
  }

  /**
   * The record layout JSON a file of this format declares, or null when it declares none.
   *
   * @throws UnsupportedOperationException for formats that cannot store a layout
   */
  default String storedLayout(SeekableByteChannel channel, String file) throws IOException {
    throw new UnsupportedOperationException(name() + " files do not store a record layout; give one");
  }

  /**
   * This format, failing a read of any file that does not declare {@code layoutJson} (used when
   * the layout was taken from the first file of a pattern).
   */
  default FileFormat requiringStoredLayout(String layoutJson) {
    throw new UnsupportedOperationException(name() + " files do not store a record layout");
  }

  /** The format's options for display data and tools: stable keys, printable values. */
  Map<String, Object> describe();
}
