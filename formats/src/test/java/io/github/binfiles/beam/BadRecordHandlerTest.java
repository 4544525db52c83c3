package io.github.binfiles.beam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.Formats;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.testing.TestRecords;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.errorhandling.BadRecord;
import org.apache.beam.sdk.transforms.errorhandling.ErrorHandler.BadRecordErrorHandler;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Bad records the Beam way: a read given {@code withBadRecordErrorHandler} skips damage and routes
 * each damaged region, and each record whose decoder throws, to the handler as a {@link
 * BadRecord} with the file, byte range, ordinals, the rejected record's bytes and the reason; the
 * other records arrive as usual.
 */
public class BadRecordHandlerTest {
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** The bad records as they arrive. */
  static final class Collect extends PTransform<PCollection<BadRecord>, PCollection<BadRecord>> {
    @Override
    public PCollection<BadRecord> expand(PCollection<BadRecord> input) {
      return input;
    }
  }

  /** Decodes a record as text; throws for the record whose first byte is 7 (ordinal 7). */
  static final class PickyDecoder implements RecordDecoder<String> {
    @Override
    public String decode(byte[] b, int offset, int length) {
      if (b[offset] == 7) {
        throw new IllegalStateException("cannot handle record 7");
      }
      return "r" + (b[offset] & 0xFF);
    }
  }

  @Test
  public void damageAndThrowingDecodersGoToTheHandler() throws Exception {
    // 20 records of 16 bytes (byte 0 = the ordinal), then 5 bytes of a partial record.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 20; i++) {
      byte[] r = TestRecords.record(i, 16);
      r[0] = (byte) i;
      out.write(r);
    }
    out.write(new byte[5]);
    Path f = Files.write(tmp.newFile("records.bin").toPath(), out.toByteArray());
    BadRecordErrorHandler<PCollection<BadRecord>> handler = p.registerBadRecordErrorHandler(new Collect());
    PCollection<String> records = p.apply(ReadFromBinaryFiles.of(Formats.fixed(16)).withDecoder(new PickyDecoder())
        .withCoder(org.apache.beam.sdk.coders.StringUtf8Coder.of())
        .withBadRecordErrorHandler(handler).from(f.toString()));
    handler.close();
    PAssert.thatSingleton(records.apply(Count.globally())).isEqualTo(19L);
    PAssert.that(handler.getOutput()).satisfies(bad -> {
      List<String> seen = new ArrayList<>();
      for (BadRecord b : bad) {
        String json = b.getRecord().getHumanReadableJsonRecord();
        seen.add(json);
        if (json.contains("\"startOffset\":112")) {
          assertEquals("record 7's bytes", 16, b.getRecord().getEncodedRecord().length);
          assertEquals(7, b.getRecord().getEncodedRecord()[0]);
          assertTrue(b.getFailure().getException(), b.getFailure().getException().contains("cannot handle record 7"));
          assertTrue(json, json.contains("\"firstLostOrdinal\":7,\"endLostOrdinal\":8"));
          assertEquals("binfiles: record rejected", b.getFailure().getDescription());
        } else {
          assertTrue(json, json.contains("\"startOffset\":320,\"endOffset\":325"));
          assertEquals(0, b.getRecord().getEncodedRecord().length);
          assertTrue(b.getFailure().getException(), b.getFailure().getException().contains("partial record: 5 bytes"));
          assertEquals("binfiles: damaged bytes skipped", b.getFailure().getDescription());
        }
        assertTrue(json, json.contains("records.bin"));
      }
      assertEquals(seen.toString(), 2, seen.size());
      return null;
    });
    p.run().waitUntilFinish();
  }
}
