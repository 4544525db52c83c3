package io.github.binfiles.container;

import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.format.FileCheck;
import io.github.binfiles.format.FormatOption;
import io.github.binfiles.format.FormatProvider;
import io.github.binfiles.format.FormatSettings;
import io.github.binfiles.framing.FileRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** binfiles container files for tools: recognised by their magic number. */
public final class ContainerProvider implements FormatProvider {
  @Override
  public String name() {
    return "container";
  }

  @Override
  public List<FormatOption> options() {
    return List.of(
        FormatOption.read("max-block-bytes", "BYTES", "largest block accepted (default: 67108864, what"
            + " binfiles writes); raise it only for files of writers that used larger blocks.", null),
        FormatOption.write("codec", "CODEC", "block codec: " + codecNames() + " (default: zstd).", "zstd"),
        FormatOption.write("codec-level", "N", "the codec's level: deflate 1-9 (default 6), zstd 1-19"
            + " (default 3), bzip2 1-9 (default 9), xz 0-6 (default 6).", null),
        FormatOption.write("block-size", "BYTES", "target block size (default: 1048576).", null),
        FormatOption.write("record-length", "BYTES", "writes records of this fixed length without"
            + " length prefixes (implied by --layout).", null));
  }

  private static String codecNames() {
    return String.join(", ", Arrays.stream(Codec.values()).map(Codec::codecName).toArray(String[]::new));
  }

  @Override
  public int magicLength() {
    return ContainerFormat.MAGIC.length;
  }

  @Override
  public boolean recognizes(byte[] head) {
    return head.length >= ContainerFormat.MAGIC.length
        && Arrays.equals(Arrays.copyOf(head, ContainerFormat.MAGIC.length), ContainerFormat.MAGIC);
  }

  @Override
  public ContainerFileFormat format(FormatSettings settings) {
    ContainerFileFormat f = ContainerFileFormat.defaults();
    if (settings.has("max-block-bytes")) {
      f = f.withMaxBlockBytes(settings.getInt("max-block-bytes"));
    }
    if (settings.has("codec")) {
      f = f.withCodec(Codec.byName(settings.get("codec")));
    }
    if (settings.has("codec-level")) {
      f = f.withCodecLevel(settings.getInt("codec-level"));
    }
    if (settings.has("block-size")) {
      f = f.withBlockSize(settings.getInt("block-size"));
    }
    if (settings.layout() != null) {
      // Records stay byte for byte; the layout goes into the metadata for later reads (and fixes
      // the record length, unless the records come with lengths of their own).
      f = settings.recordsOfVariableLength() ? f.withStoredLayout(settings.layout()) : f.withLayout(settings.layout());
    } else if (settings.has("record-length")) {
      f = f.withFixedRecordLength(settings.getInt("record-length"));
    }
    return f;
  }

  private static ContainerFile open(FileFormat format, FileRange range) throws IOException {
    return ContainerFile.open(range.seekable(), range.file(), range.size(),
        ((ContainerFraming) format.framing()).maxBlockBytes());
  }

  @Override
  public Map<String, Object> inspect(FileFormat format, FileRange range) throws IOException {
    Map<String, Object> info = new LinkedHashMap<>();
    ContainerFile f = open(format, range);
    FileHeader h = f.header();
    info.put("format", "binfiles container");
    info.put("version", h.majorVersion() + "." + h.minorVersion());
    info.put("size", f.size());
    info.put("headerBytes", h.length());
    info.put("syncMarker", HexFormat.of().formatHex(h.syncMarker()));
    Map<String, String> meta = new LinkedHashMap<>();
    h.metadata().forEach((k, v) -> meta.put(k, printable(v)));
    info.put("metadata", meta);
    Optional<ContainerIndex> index = f.index();
    if (index.isPresent()) {
      ContainerIndex x = index.get();
      info.put("records", x.totalRecords());
      info.put("blocks", x.blockCount());
      info.put("indexOffset", x.indexOffset());
      if (x.blockCount() > 0) {
        info.put("firstBlockOffset", x.blockOffset(0));
        info.put("lastBlockOffset", x.blockOffset(x.blockCount() - 1));
        info.put("averageBlockBytes", (x.indexOffset() - x.blockOffset(0)) / x.blockCount());
        info.put("averageRecordsPerBlock", x.totalRecords() / x.blockCount());
      }
    } else {
      info.put("index", "absent: " + f.indexProblem() + " (run 'binfiles verify' to scan the blocks)");
    }
    return info;
  }

  /** Every block as the readers see them, the index and the trailer (FORMAT.md sections 7 and 8). */
  @Override
  public FileCheck check(FileFormat format, FileRange range) throws IOException {
    ContainerFile f;
    try {
      f = open(format, range);
    } catch (BinaryFileException e) {
      return new FileCheck(0, List.of(new SkippedRegion(range.file(), 0, range.size(),
          SkippedRegion.UNKNOWN, SkippedRegion.UNKNOWN, e.getProblem())), Map.of());
    }
    ContainerFile.VerifyReport v = f.verify();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("blocks", v.blocks);
    facts.put("footer", v.footerPresent);
    return new FileCheck(v.records, v.regions, facts);
  }

  @Override
  public List<String> tuningNotes(FileFormat format, FileRange range) throws IOException {
    Optional<ContainerIndex> index = open(format, range).index();
    if (index.isEmpty() || index.get().blockCount() == 0) {
      return List.of();
    }
    ContainerIndex x = index.get();
    long avgBlock = (x.indexOffset() - x.blockOffset(0)) / x.blockCount();
    return List.of(String.format("container blocks average %,d bytes: a bundle reads whole blocks, so a"
        + " 64 MiB bundle may run past its end by at most %.2f%% of its bytes", avgBlock,
        100.0 * avgBlock / (64 << 20)));
  }

  /** UTF-8 text when it is printable, else hex. */
  private static String printable(byte[] v) {
    String s = new String(v, StandardCharsets.UTF_8);
    boolean ok = s.chars().allMatch(c -> c >= 0x20 && c != 0xFFFD || c == '\n' || c == '\t');
    return ok ? s : "0x" + HexFormat.of().formatHex(v);
  }
}
