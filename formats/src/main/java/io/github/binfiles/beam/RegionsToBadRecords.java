package io.github.binfiles.beam;

import io.github.binfiles.report.SkippedRegion;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.errorhandling.BadRecord;

/**
 * Turns what a read skipped into Beam's {@link BadRecord}s, for the error handler a read was given
 * ({@code withBadRecordErrorHandler}): the record is the region as JSON (file, byte range, lost
 * ordinals) with the rejected record's bytes (at most {@link SkippedRegion#MAX_BYTES}; none for
 * damage, whose bytes are not a record), the failure its reason.
 */
public final class RegionsToBadRecords extends DoFn<SkippedRegion, BadRecord> {
  @ProcessElement
  public void process(@Element SkippedRegion r, OutputReceiver<BadRecord> out) {
    String json = "{\"file\":" + quote(r.getFile()) + ",\"startOffset\":" + r.getStartOffset()
        + ",\"endOffset\":" + r.getEndOffset() + ",\"firstLostOrdinal\":" + r.getFirstLostOrdinal()
        + ",\"endLostOrdinal\":" + r.getEndLostOrdinal() + "}";
    byte[] bytes = r.getBytes();
    out.output(BadRecord.builder()
        .setRecord(BadRecord.Record.builder()
            .setHumanReadableJsonRecord(json)
            .setEncodedRecord(bytes)
            .setCoder(bytes.length == 0 ? "none: damaged bytes, not a record" : "the record's raw bytes")
            .build())
        .setFailure(BadRecord.Failure.builder()
            .setException(r.getReason())
            .setDescription(bytes.length == 0 ? "binfiles: damaged bytes skipped" : "binfiles: record rejected")
            .build())
        .build());
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
