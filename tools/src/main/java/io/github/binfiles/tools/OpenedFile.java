package io.github.binfiles.tools;

import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.beam.FileRanges;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.format.FormatProvider;
import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.format.FormatRegistry;
import io.github.binfiles.format.FormatSettings;
import io.github.binfiles.framing.FileRange;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;

/**
 * One input file opened for a command: its format (recognised by its first bytes, or chosen by the
 * options), the format value built from the options, and the whole file as a {@link FileRange}
 * (decompressed when the file is compressed by extension and its format reads streams).
 */
final class OpenedFile implements Closeable {
  final Metadata metadata;
  final String name;
  final FormatProvider provider;
  final FileFormat format;
  final Compression compression;
  final SeekableByteChannel channel;
  final FileRange range;

  private OpenedFile(Metadata metadata, FormatProvider provider, FileFormat format,
      Compression compression, SeekableByteChannel channel, FileRange range) {
    this.metadata = metadata;
    this.name = metadata.resourceId().toString();
    this.provider = provider;
    this.format = format;
    this.compression = compression;
    this.channel = channel;
    this.range = range;
  }

  /**
   * Opens {@code m}, detecting its format among the registered ones.
   *
   * @throws IllegalArgumentException when no format takes the file, saying what to give
   */
  static OpenedFile open(Metadata m, FormatSettings settings) throws IOException {
    String name = m.resourceId().toString();
    SeekableByteChannel ch = (SeekableByteChannel) FileSystems.open(m.resourceId());
    try {
      FormatProvider provider = FormatRegistry.detect(name, head(ch), settings);
      FileFormat format = provider.format(provider.settingsForName(name, settings));
      Compression c = Compression.UNCOMPRESSED;
      if (FramedSource.defaultCompression(format.framing()) == Compression.AUTO) {
        String file = m.resourceId().getFilename();
        c = Compression.detect(file == null ? "" : file);
      }
      ch.position(0);
      FileRange range = FileRanges.open(name, m.sizeBytes(), 0, m.sizeBytes(), format.framing().splittable(), ch, c, false);
      return new OpenedFile(m, provider, format, c, ch, range);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static byte[] head(SeekableByteChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(FormatRegistry.magicLength());
    while (b.hasRemaining() && ch.read(b) >= 0) {}
    return Arrays.copyOf(b.array(), b.position());
  }

  /**
   * The record layout JSON the file stores, or null: none stored, a format that stores none, a
   * compressed file, or a damaged header (reading the file reports that damage).
   */
  String storedLayout() throws IOException {
    if (isCompressed() || !format.storesLayout()) {
      return null;
    }
    try {
      return format.storedLayout(channel, name);
    } catch (BinaryFileException e) {
      return null;
    }
  }

  boolean isCompressed() {
    return compression != Compression.UNCOMPRESSED;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
