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

  private Path damagedFile(String name) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 20; i++) {
      out.write(TestRecords.record(i, 16));
    }
    out.write(new byte[5]); // 5 of 325 bytes: 1.54%
    return Files.write(tmp.newFile(name).toPath(), out.toByteArray());
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  @Test
  public void tooMuchOfAFileSkippedFailsNamingIt() throws Exception {
    Path f = damagedFile("damaged.bin");
    p.apply(ReadFromBinaryFiles.of(Formats.fixed(16)).withMaxSkippedFraction(0.01).from(f.toString()));
    Exception e = org.junit.Assert.assertThrows(Exception.class, () -> p.run().waitUntilFinish());
    String all = messages(e);
    assertTrue(all, all.contains("damaged.bin: 5 of its 325 bytes (1.54%) were skipped as damage, more than the maximum"
        + " of 1.00% of a file"));
    assertTrue(all, all.contains("partial record: 5 bytes"));
  }

  @Test
  public void aReadUnderItsThresholdsSucceedsAndTheReadThresholdCounts() throws Exception {
    Path damaged = damagedFile("a-damaged.bin");
    ByteArrayOutputStream clean = new ByteArrayOutputStream();
    for (int i = 0; i < 200; i++) {
      clean.write(TestRecords.record(i, 16));
    }
    Files.write(tmp.getRoot().toPath().resolve("a-clean.bin"), clean.toByteArray());
    String pattern = tmp.getRoot() + "/a-*.bin";
    // 5 of 325 + 3,200 bytes = 0.14% of the read: under 2% per file and 0.2% per read.
    PAssert.thatSingleton(p.apply("ok", ReadFromBinaryFiles.of(Formats.fixed(16)).withMaxSkippedFraction(0.02, 0.002)
        .from(pattern)).apply(Count.globally())).isEqualTo(220L);
    p.run().waitUntilFinish();
    TestPipeline q = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    q.apply(ReadFromBinaryFiles.of(Formats.fixed(16)).withMaxSkippedFraction(0.5, 0.001).from(pattern));
    Exception e = org.junit.Assert.assertThrows(Exception.class, () -> q.run().waitUntilFinish());
    assertTrue(messages(e), messages(e).contains("the read skipped 5 of 3525 bytes (0.14%) as damage, more than the"
        + " maximum of 0.10% of the read"));
  }
}
