package io.github.binfiles.tfrecord;

import io.github.binfiles.format.FileCheck;
import io.github.binfiles.format.FormatOption;
import io.github.binfiles.format.FormatProvider;
import io.github.binfiles.format.FormatSettings;
import io.github.binfiles.framing.FileRange;
import io.github.binfiles.spi.FileFormat;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TFRecord files for tools. They have no magic number; a file is read as TFRecord when named
 * {@code *.tfrecord} (optionally compressed, {@code .tfrecord.gz}) or with {@code --from tfrecord}.
 */
public final class TfRecordProvider implements FormatProvider {
  @Override
  public String name() {
    return "tfrecord";
  }

  @Override
  public List<FormatOption> options() {
    return List.of(
        FormatOption.read("max-record-bytes", "BYTES", "largest record accepted (default: "
            + TfRecordFraming.DEFAULT_MAX_RECORD_BYTES + ").", null),
        FormatOption.read("split-by", "offset|file", "offset (default): split TFRecord files by"
            + " byte offset; file: read each whole, for records that embed TFRecord data.", null));
  }

  @Override
  public boolean recognizesName(String fileName) {
    return fileName.contains(".tfrecord");
  }

  @Override
  public String unrecognizedHint() {
    return "name TFRecord files *.tfrecord";
  }

  @Override
  public TfRecordFormat format(FormatSettings settings) {
    TfRecordFormat f = TfRecordFormat.defaults();
    if (settings.has("max-record-bytes")) {
      f = f.withMaxRecordBytes(settings.getInt("max-record-bytes"));
    }
    String splitBy = settings.has("split-by") ? settings.get("split-by") : "offset";
    switch (splitBy) {
      case "offset":
        return f;
      case "file":
        return f.withoutSplitting();
      default:
        throw new IllegalArgumentException("--split-by is offset or file, not " + splitBy);
    }
  }

  @Override
  public Map<String, Object> inspect(FileFormat format, FileRange range) throws IOException {
    FileCheck check = check(format, range);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("format", "TFRecord");
    info.put("size", range.size());
    info.put("records", check.records());
    info.put("damagedRegions", check.regions().size());
    return info;
  }
}
