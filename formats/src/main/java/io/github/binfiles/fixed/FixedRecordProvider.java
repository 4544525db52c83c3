package io.github.binfiles.fixed;

import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.format.FileCheck;
import io.github.binfiles.format.FormatOption;
import io.github.binfiles.format.FormatProvider;
import io.github.binfiles.format.FormatSettings;
import io.github.binfiles.framing.FileRange;
import io.github.binfiles.layout.RecordLayout;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed-record files for tools: no magic number, so they are read when a record length is given. */
public final class FixedRecordProvider implements FormatProvider {
  @Override
  public String name() {
    return "fixed";
  }

  @Override
  public List<FormatOption> options() {
    return List.of(
        FormatOption.read("record-length", "BYTES", "record length (implied by --layout).", null),
        FormatOption.read("header-bytes", "BYTES", "bytes before the first record (default: 0).", "0"),
        FormatOption.read("trailer-bytes", "BYTES", "bytes after the last record (default: 0).", "0"));
  }

  @Override
  public boolean readsUnrecognized(FormatSettings settings) {
    return settings.has("record-length") || settings.layout() != null;
  }

  @Override
  public String unrecognizedHint() {
    return "give --record-length (or --layout) to read it as fixed records";
  }

  @Override
  public FixedRecordFormat format(FormatSettings settings) {
    RecordLayout layout = settings.layout();
    int length;
    if (settings.has("record-length")) {
      length = settings.getInt("record-length");
      if (layout != null && length != layout.recordLength()) {
        throw new IllegalArgumentException("--record-length " + length + " but the layout in "
            + settings.layoutSource() + " describes " + layout.recordLength() + "-byte records");
      }
    } else if (layout != null) {
      length = layout.recordLength();
    } else {
      throw new IllegalArgumentException("fixed records need --record-length (or --layout)");
    }
    FixedRecordFormat format = FixedRecordFormat.of(length);
    long header = settings.has("header-bytes") ? settings.getLong("header-bytes") : 0;
    long trailer = settings.has("trailer-bytes") ? settings.getLong("trailer-bytes") : 0;
    return format.withHeaderBytes(header).withTrailerBytes(trailer);
  }

  /** Counted from the file size; a compressed file is decompressed and counted. */
  @Override
  public Map<String, Object> inspect(FileFormat format, FileRange range) throws IOException {
    FixedRecordFraming framing = (FixedRecordFraming) format.framing();
    long records;
    String fit;
    if (range.decompressed()) {
      FileCheck check = check(format, range);
      records = check.records();
      fit = check.isClean() ? "whole records" : check.regions().get(0).getReason();
    } else {
      FixedRecordFraming.Layout layout = framing.layoutOf(range.size());
      records = layout.records;
      fit = layout.isWhole() ? "whole records" : layout.toString();
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("format", "fixed records");
    info.put("size", range.size());
    info.put("recordLength", framing.recordLength());
    info.put("headerBytes", framing.headerBytes());
    info.put("trailerBytes", framing.trailerBytes());
    info.put("records", records);
    info.put("framing", fit);
    return info;
  }
}
