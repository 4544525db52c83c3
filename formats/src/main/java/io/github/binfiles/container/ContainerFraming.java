package io.github.binfiles.container;

import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.Framing;
import io.github.binfiles.framing.UnitReader;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The framing of binfiles container files (FORMAT.md): blocks found through the index footer, or by
 * one chained walk when there is none ({@link ContainerRange}, the one place that decides which
 * blocks a range owns). Blocks larger than {@code maxBlockBytes} are damage, never an allocation.
 */
public final class ContainerFraming implements Framing {
  private static final long serialVersionUID = 1L;
  private final int maxBlockBytes;
  /** Record layout JSON every file must declare (key binfiles.layout), or null. */
  private final String requiredLayout;

  private ContainerFraming(int maxBlockBytes, String requiredLayout) {
    this.maxBlockBytes = ContainerFormat.checkMaxBlockBytes(maxBlockBytes);
    this.requiredLayout = requiredLayout;
  }

  /** Accepts blocks up to {@code maxBlockBytes} (default {@link ContainerFormat#DEFAULT_MAX_BLOCK_BYTES}). */
  public static ContainerFraming of(int maxBlockBytes) {
    return new ContainerFraming(maxBlockBytes, null);
  }

  public static ContainerFraming defaults() {
    return of(ContainerFormat.DEFAULT_MAX_BLOCK_BYTES);
  }

  /**
   * This framing, also requiring every file to declare {@code layoutJson} in its metadata: a file
   * that declares another fails the read, since its records would be decoded with the wrong layout.
   */
  public ContainerFraming requiringLayout(String layoutJson) {
    return new ContainerFraming(maxBlockBytes, layoutJson);
  }

  public int maxBlockBytes() {
    return maxBlockBytes;
  }

  @Override
  public UnitReader open(FileRange range) throws IOException {
    return ContainerUnits.open(range, maxBlockBytes, requiredLayout);
  }

  /** Containers are found through their index at the end: they cannot be read as a stream. */
  @Override
  public boolean readsDecompressedStreams() {
    return false;
  }

  /** The offset of the block the index places {@code ordinal} in; 0 without a valid index. */
  @Override
  public long startOffsetFor(long ordinal, SeekableByteChannel channel, long size) throws IOException {
    FileHeader.Parsed parsed = FileHeader.parse(channel);
    if (!parsed.isIntact()) {
      return 0;
    }
    FileHeader header = parsed.header();
    ContainerIndex index = ContainerIndex.read(channel, size, header, maxBlockBytes).orNull();
    if (index == null) {
      return 0;
    }
    int block = index.blockContaining(ordinal);
    return block < 0 ? size : index.blockOffset(block);
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("maxBlockBytes", maxBlockBytes);
    if (requiredLayout != null) {
      m.put("requiredLayout", requiredLayout);
    }
    return m;
  }
}
