package io.github.binfiles.sinks;

import io.github.binfiles.RecordEncoder;
import io.github.binfiles.RecordFileWriter;
import io.github.binfiles.fixed.FixedRecordFileWriter;
import io.github.binfiles.fixed.FixedRecordFraming;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.transforms.display.DisplayData;

/** Writes fixed-record files: constant header, records of one length, constant trailer. */
final class FixedRecordWriterFactory<T> implements FormatWriterFactory<T> {
  private static final long serialVersionUID = 1L;
  private final int recordLength;
  private final byte[] header;
  private final byte[] trailer;
  private final RecordEncoder<T> encoder;

  FixedRecordWriterFactory(int recordLength, byte[] header, byte[] trailer, RecordEncoder<T> encoder) {
    FixedRecordFraming.of(recordLength, header.length, trailer.length);
    if (encoder == null) {
      throw new IllegalArgumentException("encoder must not be null");
    }
    this.recordLength = recordLength;
    this.header = header.clone();
    this.trailer = trailer.clone();
    this.encoder = encoder;
  }

  int recordLength() {
    return recordLength;
  }

  FixedRecordWriterFactory<T> withHeader(byte[] newHeader) {
    return new FixedRecordWriterFactory<>(recordLength, newHeader, trailer, encoder);
  }

  FixedRecordWriterFactory<T> withTrailer(byte[] newTrailer) {
    return new FixedRecordWriterFactory<>(recordLength, header, newTrailer, encoder);
  }

  @Override
  public RecordFileWriter<T> open(WritableByteChannel channel, String description)
      throws IOException {
    return new FixedRecordFileWriter<>(channel, recordLength, header, trailer, encoder, description);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    builder
        .add(DisplayData.item("format", "fixed-record").withLabel("Format"))
        .add(DisplayData.item("recordLength", recordLength).withLabel("Record length"))
        .add(DisplayData.item("headerBytes", header.length).withLabel("Header bytes"))
        .add(DisplayData.item("trailerBytes", trailer.length).withLabel("Trailer bytes"))
        .add(DisplayData.item("encoder", encoder.getClass()).withLabel("Record encoder"));
  }
}
