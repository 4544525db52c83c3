package io.github.binfiles.variable;

import io.github.binfiles.format.FormatOption;
import io.github.binfiles.format.FormatProvider;
import io.github.binfiles.format.FormatSettings;
import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.RecordReader;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.FileFormat;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variable-length (RDW/BDW) files for tools. They have no magic number: a file is read as one when
 * named as binfiles writes them ({@code *.v}, {@code *.vb}), with {@code --from variable}, or when
 * {@code --recfm V|VB} is given.
 */
public final class VariableProvider implements FormatProvider {
  @Override
  public String name() {
    return "variable";
  }

  @Override
  public List<FormatOption> options() {
    return List.of(
        FormatOption.read("recfm", "V|VB", "V: records behind RDWs (default); VB: blocks behind BDWs.", null),
        FormatOption.read("length-field", "OFFSET:WIDTH[:ENC]|NAME", "records hold their length instead of"
            + " an RDW: a field at record byte OFFSET of WIDTH bytes, ENC binary (default), binary-le,"
            + " ebcdic or ascii digits, or the name of a field of --copybook; record length = its value"
            + " + --rdw-adjustment (default 0)."
            + " Read whole, one reader per file.", null),
        FormatOption.read("record-start-offset", "BYTES", "bytes at the start of each record's data"
            + " that are not the record (Cobrix's record_start_offset; reading only).", null),
        FormatOption.read("record-end-offset", "BYTES", "bytes at the end of each record's data that"
            + " are not the record (Cobrix's record_end_offset; reading only).", null),
        FormatOption.read("rdw-byte-order", "big|little", "descriptor words big-endian as z/OS"
            + " writes them (default) or byte-swapped.", null),
        FormatOption.read("rdw-adjustment", "N", "record data = RDW length + N (default -4: RDWs count"
            + " themselves; 0: they count the data only, Cobrix's default).", null),
        FormatOption.read("max-record-bytes", "BYTES", "largest record accepted (default: the"
            + " layout's record length, else what an RDW can state).", null),
        FormatOption.read("max-block-bytes", "BYTES", "largest block accepted (default "
            + VariableFormat.DEFAULT_MAX_BLOCK_BYTES + ").", null),
        FormatOption.write("block-size", "BYTES", "largest VB block written, BDW included (default "
            + VariableFormat.DEFAULT_BLOCK_SIZE + "; 27998 is half a 3390 track).", null),
        FormatOption.read("header-bytes", "BYTES", "bytes before the first record (default: 0).", "0"),
        FormatOption.read("trailer-bytes", "BYTES", "bytes after the last record (default: 0).", "0"),
        FormatOption.read("split-by", "offset|file", "offset (default): split by byte offset;"
            + " file: read each whole, for records holding descriptor-like bytes.", null));
  }

  /** Names binfiles writes: {@code *.v} (V) and {@code *.vb} (VB), optionally compressed ({@code .v.gz}). */
  @Override
  public boolean recognizesName(String fileName) {
    String base = withoutCompression(fileName);
    return base.endsWith(".v") || base.endsWith(".vb");
  }

  /** A {@code *.vb} file is VB unless {@code --recfm} says otherwise. */
  @Override
  public FormatSettings settingsForName(String fileName, FormatSettings settings) {
    return settings.withDefault("recfm", withoutCompression(fileName).endsWith(".vb") ? "VB" : "V");
  }

  private static String withoutCompression(String fileName) {
    return fileName.replaceFirst("\\.(gz|bz2|deflate|zst|zstd|lzo|snappy|xz|lz4)$", "");
  }

  @Override
  public boolean readsUnrecognized(FormatSettings settings) {
    return settings.has("recfm") || settings.has("length-field");
  }

  @Override
  public String unrecognizedHint() {
    return "give --recfm V or VB to read it as variable-length records";
  }

  @Override
  public VariableFormat format(FormatSettings settings) {
    boolean holdsLength = settings.has("length-field");
    VariableFormat f = holdsLength
        ? VariableFormat.lengthField(lengthField(settings.get("length-field"), settings))
        : withDescriptors(settings);
    if (settings.has("rdw-adjustment")) {
      f = f.withRdwAdjustment(settings.getInt("rdw-adjustment"));
    }
    if (settings.has("max-record-bytes")) {
      f = f.withMaxRecordBytes(settings.getInt("max-record-bytes"));
    } else if (settings.layout() != null) {
      // No record is longer than its layout (decoding would refuse it), and a tight bound makes a
      // false sync point far rarer (VARIABLE.md §5).
      f = f.withMaxRecordBytes(settings.layout().recordLength());
    }
    f = f.withHeaderBytes(settings.has("header-bytes") ? settings.getLong("header-bytes") : 0)
        .withTrailerBytes(settings.has("trailer-bytes") ? settings.getLong("trailer-bytes") : 0);
    if (settings.has("record-start-offset") || settings.has("record-end-offset")) {
      f = f.withRecordOffsets(settings.has("record-start-offset") ? settings.getInt("record-start-offset") : 0,
          settings.has("record-end-offset") ? settings.getInt("record-end-offset") : 0);
    }
    String splitBy = settings.has("split-by") ? settings.get("split-by") : holdsLength ? "file" : "offset";
    switch (splitBy) {
      case "offset":
        if (holdsLength) {
          throw new IllegalArgumentException("records that hold their own length are read whole"
              + " (--split-by file): nothing else marks a record to start a split at");
        }
        return f;
      case "file":
        return f.withoutSplitting();
      default:
        throw new IllegalArgumentException("--split-by is offset or file, not " + splitBy);
    }
  }

  /** V or VB with the descriptor options: --recfm, --rdw-byte-order, --max-block-bytes, --block-size. */
  private static VariableFormat withDescriptors(FormatSettings settings) {
    VariableFormat f = VariableFormat.records();
    String recfm = settings.has("recfm") ? settings.get("recfm").toUpperCase(java.util.Locale.ROOT) : "V";
    switch (recfm) {
      case "V":
        break;
      case "VB":
        f = f.withBlocks(true);
        break;
      default:
        throw new IllegalArgumentException("--recfm is V or VB, not " + settings.get("recfm")
            + " (fixed records: --record-length; spanned VS/VBS records are not read)");
    }
    String order = settings.has("rdw-byte-order") ? settings.get("rdw-byte-order") : "big";
    if (order.equals("little")) {
      f = f.withLittleEndianDescriptors();
    } else if (!order.equals("big")) {
      throw new IllegalArgumentException("--rdw-byte-order is big or little, not " + order);
    }
    if (settings.has("max-block-bytes")) {
      f = f.withMaxBlockBytes(settings.getInt("max-block-bytes"));
    }
    if (settings.has("block-size")) {
      f = f.withBlockSize(settings.getInt("block-size"));
    }
    return f;
  }

  /** {@code OFFSET:WIDTH[:binary|binary-le|ebcdic|ascii]}, or the name of a field of the layout. */
  private static LengthField lengthField(String spec, FormatSettings settings) {
    if (!spec.isEmpty() && !Character.isDigit(spec.charAt(0))) {
      if (settings.layout() == null) {
        throw new IllegalArgumentException("--length-field " + spec + " names a field: give the copybook"
            + " (--copybook) or layout that has it, or OFFSET:WIDTH[:ENCODING]");
      }
      return LengthField.named(settings.layout(), spec);
    }
    String[] parts = spec.split(":");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("--length-field is OFFSET:WIDTH[:binary|binary-le|ebcdic|ascii],"
          + " not " + spec);
    }
    LengthField.Encoding encoding;
    switch (parts.length == 3 ? parts[2] : "binary") {
      case "binary":
        encoding = LengthField.Encoding.BINARY;
        break;
      case "binary-le":
        encoding = LengthField.Encoding.BINARY_LITTLE_ENDIAN;
        break;
      case "ebcdic":
        encoding = LengthField.Encoding.EBCDIC_DIGITS;
        break;
      case "ascii":
        encoding = LengthField.Encoding.ASCII_DIGITS;
        break;
      default:
        throw new IllegalArgumentException("--length-field encoding is binary, binary-le, ebcdic or ascii,"
            + " not " + parts[2]);
    }
    try {
      return new LengthField(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), encoding);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--length-field is OFFSET:WIDTH[:ENC] with numbers, not " + spec);
    }
  }

  /** Descriptor statistics from one pass: records, blocks, record lengths, damage. */
  @Override
  public Map<String, Object> inspect(FileFormat format, FileRange range) throws IOException {
    VariableFraming framing = (VariableFraming) format.framing();
    RecordReader r = RecordReader.open(framing, range, CorruptionPolicy.SKIP, 0);
    long records = 0;
    long bytes = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    long blocks = 0;
    long previousEnd = -1;
    while (r.next()) {
      long length = r.record().length();
      records++;
      bytes += length;
      min = Math.min(min, length);
      max = Math.max(max, length);
      // Records of one block are contiguous; a block's first record follows its BDW.
      if (r.record().fileOffset() != previousEnd) {
        blocks++;
      }
      previousEnd = r.record().fileEnd();
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("format", "variable-length records (" + framing + ")");
    info.put("size", range.size());
    info.put("records", records);
    if (framing.blocked()) {
      info.put("blocks", blocks);
    }
    info.put("recordLength", records == 0 ? "none"
        : "min " + min + ", avg " + String.format(java.util.Locale.ROOT, "%.1f", (double) bytes / records)
            + ", max " + max + (framing.descriptors().lengthField == null ? " (data bytes, RDW excluded)" : " bytes"));
    info.put("damagedRegions", r.skipped().size());
    return info;
  }

}
