package io.github.binfiles.variable;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import io.github.binfiles.testing.SplitSweep;
import io.github.binfiles.testing.TestRecords;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Files whose payloads contain plausible descriptors (VARIABLE.md §5). Where a payload holds a
 * whole chain of V records, a range starting inside it would find a false sync point: every split
 * must then either read exactly what the unsplit read gives, or fail with the typed error naming
 * the boundary; never a lost, repeated or invented record. Where payloads hold only scattered
 * descriptor-like bytes (zero halfwords, lengths), every split is exact.
 */
public class DescriptorLikePayloadsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private final PipelineOptions options = PipelineOptionsFactory.create();

  /** A V file of {@code records} records, each holding a V file of 9 small records (a chain). */
  private static byte[] embedded(VariableFormat f, int records) throws Exception {
    List<byte[]> inner = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      inner.add(TestRecords.record(100 + i, 3 + i));
    }
    List<byte[]> outer = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      payload.write(TestRecords.record(i, 5));
      payload.write(write(f, inner));
      outer.add(payload.toByteArray());
    }
    return write(f, outer);
  }

  private static byte[] write(VariableFormat f, List<byte[]> records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordFileWriter<byte[]> w = f.openWriter(Channels.newChannel(out), RecordEncoder.bytes(), "test");
    for (byte[] r : records) {
      w.write(r);
    }
    w.finish();
    return out.toByteArray();
  }

  private FileBasedSource<KV<RecordId, byte[]>> source(Path file, VariableFormat f) throws Exception {
    return FramedSource.ofFile(FileSystems.matchSingleFileSpec(file.toString()), f.framing(),
        ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL);
  }

  private static List<String> keys(List<KV<RecordId, byte[]>> records) {
    List<String> out = new ArrayList<>();
    for (KV<RecordId, byte[]> r : records) {
      out.add(r.getKey().getOffset() + ":" + java.util.HexFormat.of().formatHex(r.getValue()));
    }
    return out;
  }

  /** Reads [0, a) and [a, size): exactly the reference, or the typed boundary error. Returns the failures. */
  private int everySingleCut(Path file, VariableFormat f, List<KV<RecordId, byte[]>> reference) throws Exception {
    FileBasedSource<KV<RecordId, byte[]>> whole = source(file, f);
    long size = Files.size(file);
    int failures = 0;
    for (long a = 0; a <= size; a++) {
      List<KV<RecordId, byte[]>> parts = new ArrayList<>();
      try {
        parts.addAll(SourceTestUtils.readFromSource(whole.createSourceForSubrange(0, a), options));
        parts.addAll(SourceTestUtils.readFromSource(whole.createSourceForSubrange(a, size), options));
      } catch (Exception e) {
        BinaryFileException typed = typed(e);
        assertTrue("cut at " + a + ": " + typed.getMessage(), typed.getMessage().contains("cannot be split exactly"));
        failures++;
        continue;
      }
      assertEquals("cut at " + a, keys(reference), keys(parts));
    }
    return failures;
  }

  /**
   * As {@link #everySingleCut}, through the splittable DoFn of {@code readFiles()}: its tracker
   * stops the first range's reader at the cut, and that boundary must be confirmed as the source's is.
   */
  private int everySingleCutOfTheSplittableDoFn(Path file, VariableFormat f, List<KV<RecordId, byte[]>> reference)
      throws Exception {
    io.github.binfiles.beam.SplittableReadFn<KV<RecordId, byte[]>> fn = new io.github.binfiles.beam.SplittableReadFn<>(
        f.framing(), org.apache.beam.sdk.io.Compression.UNCOMPRESSED,
        ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL, 1 << 20);
    org.apache.beam.sdk.io.fs.MatchResult.Metadata m = FileSystems.matchSingleFileSpec(file.toString());
    long size = Files.size(file);
    int failures = 0;
    for (long a = 1; a < size; a++) {
      List<KV<RecordId, byte[]>> parts = new ArrayList<>();
      try {
        for (org.apache.beam.sdk.io.range.OffsetRange r : List.of(new org.apache.beam.sdk.io.range.OffsetRange(0, a),
            new org.apache.beam.sdk.io.range.OffsetRange(a, size))) {
          fn.read(m, org.apache.beam.sdk.io.Compression.UNCOMPRESSED,
              new org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker(r), parts::add, options);
        }
      } catch (Exception e) {
        BinaryFileException typed = typed(e);
        assertTrue("cut at " + a + ": " + typed.getMessage(), typed.getMessage().contains("cannot be split exactly"));
        failures++;
        continue;
      }
      assertEquals("cut at " + a, keys(reference), keys(parts));
    }
    // Split while running, at every fraction of what remains, after every record: the tracker, not
    // the reader's own range, refuses the first unit past the split.
    for (int k = 1; k <= reference.size(); k++) {
      for (double fraction = 0; fraction < 1; fraction += 0.05) {
        List<KV<RecordId, byte[]>> parts = new ArrayList<>();
        org.apache.beam.sdk.io.range.OffsetRange[] residual = {null};
        org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker tracker =
            new org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker(new org.apache.beam.sdk.io.range.OffsetRange(0, size));
        int splitAfter = k;
        double at = fraction;
        try {
          fn.read(m, org.apache.beam.sdk.io.Compression.UNCOMPRESSED, tracker, r -> {
            parts.add(r);
            if (parts.size() == splitAfter) {
              org.apache.beam.sdk.transforms.splittabledofn.SplitResult<org.apache.beam.sdk.io.range.OffsetRange> sr =
                  tracker.trySplit(at);
              residual[0] = sr == null ? null : sr.getResidual();
            }
          }, options);
          if (residual[0] != null) {
            fn.read(m, org.apache.beam.sdk.io.Compression.UNCOMPRESSED,
                new org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker(residual[0]), parts::add, options);
          }
        } catch (Exception e) {
          BinaryFileException typed = typed(e);
          assertTrue(typed.getMessage(), typed.getMessage().contains("cannot be split exactly"));
          failures++;
          continue;
        }
        assertEquals("split at " + fraction + " after " + k, keys(reference), keys(parts));
      }
    }
    return failures;
  }

  private static BinaryFileException typed(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof BinaryFileException) {
        return (BinaryFileException) c;
      }
    }
    throw new AssertionError("not a BinaryFileException", e);
  }

  @Test
  public void embeddedChainsFailSplitsInsideThemAndNeverGiveAWrongRecord() throws Exception {
    for (VariableFormat f : new VariableFormat[] {VariableFormat.records().withLookBehind(0),
        VariableFormat.blocked().withBlockSize(400).withLookBehind(0)}) {
      Path file = Files.write(tmp.newFile().toPath(), embedded(VariableFormat.records(), 6));
      if (f.framing().blocked()) {
        // The same embedded V records inside VB blocks.
        List<byte[]> records = new ArrayList<>();
        for (KV<RecordId, byte[]> r : SourceTestUtils.readFromSource(source(file, VariableFormat.records()), options)) {
          records.add(r.getValue());
        }
        file = Files.write(tmp.newFile().toPath(), write(f, records));
      }
      List<KV<RecordId, byte[]>> reference = SourceTestUtils.readFromSource(source(file, f.withoutSplitting()), options);
      assertEquals(6, reference.size());
      int failures = everySingleCut(file, f, reference);
      int sdfFailures = everySingleCutOfTheSplittableDoFn(file, f, reference);
      if (!f.framing().blocked()) {
        // The embedded chains are V records: a search from inside a payload finds them.
        assertTrue("no split found a false sync point: the test does not test", failures > 0);
        assertTrue("no split of the DoFn found a false sync point", sdfFailures > 0);
      }
      // Beam's dynamic splits at every fraction after every record: exact or the typed error.
      try {
        SplitSweep.assertConsistentAtEveryFraction(source(file, f), 50, options);
      } catch (Exception e) {
        assertTrue(typed(e).getMessage(), typed(e).getMessage().contains("cannot be split exactly"));
      }
    }
  }

  /** Records whose bytes 4-7 hold a halfword {@code length + extra} and a zero halfword. */
  private Path withLengthHalfwords(VariableFormat f, int extra, List<byte[]> records) throws Exception {
    for (int i = 0; i < 12; i++) {
      byte[] r = TestRecords.record(i, 12 + i % 5);
      r[4] = 0;
      r[5] = (byte) (r.length + extra);
      r[6] = 0;
      r[7] = 0;
      records.add(r);
    }
    return Files.write(tmp.newFile().toPath(), write(f, records));
  }

  /**
   * Records of binary fields as a mainframe writes them: a halfword length and a zero halfword, one
   * plausible RDW in every record, each pointing somewhere that is not another. Bytes that look
   * like one descriptor are common; a chain of eight is not, so every split is exact and none fails.
   */
  @Test
  public void scatteredDescriptorLikeBytesSplitExactly() throws Exception {
    for (VariableFormat f : new VariableFormat[] {VariableFormat.records().withLookBehind(0),
        VariableFormat.blocked().withBlockSize(200).withLookBehind(0), VariableFormat.records().withLookBehind(40)}) {
      List<byte[]> records = new ArrayList<>();
      Path file = withLengthHalfwords(f, 7, records);
      List<KV<RecordId, byte[]>> reference = SourceTestUtils.readFromSource(source(file, f), options);
      assertEquals(12, reference.size());
      for (int i = 0; i < 12; i++) {
        assertArrayEquals(records.get(i), reference.get(i).getValue());
      }
      assertEquals("splits that failed", 0, everySingleCut(file, f, reference));
      SourceTestUtils.assertSplitAtFractionExhaustive(source(file, f), options);
    }
  }

  /**
   * The realistic false chain: every record holds its own RDW length at the same offset, followed
   * by a zero halfword, so from that offset on the file reads as a second, shifted chain of RDWs.
   * Splits that land before the shifted RDW of a record fail with the typed error; the others, and
   * the read without splitting, are exact.
   */
  @Test
  public void recordsHoldingTheirOwnLengthFormAFalseChainThatSplitsRefuse() throws Exception {
    List<byte[]> records = new ArrayList<>();
    VariableFormat f = VariableFormat.records().withLookBehind(40);
    Path file = withLengthHalfwords(f, 4, records);
    List<KV<RecordId, byte[]>> reference = SourceTestUtils.readFromSource(source(file, f.withoutSplitting()), options);
    assertEquals(12, reference.size());
    for (int i = 0; i < 12; i++) {
      assertArrayEquals(records.get(i), reference.get(i).getValue());
    }
    int failures = everySingleCut(file, f, reference);
    assertTrue("some splits must meet the false chain, were " + failures, failures > 0);
    assertTrue("most splits must be exact, " + failures + " of " + Files.size(file) + " failed",
        failures < Files.size(file) / 2);
  }

  /**
   * The same embedded chains (records of 108 bytes) entered 256 bytes before each range start: a
   * false sync point inside a payload leads, at the payload's end, onto the true chain, which then
   * passes over the false ones; with more than two records of look-behind every split is exact.
   */
  @Test
  public void aLookBehindRejoinsTheTrueChainBeforeTheRangeStart() throws Exception {
    Path file = Files.write(tmp.newFile().toPath(), embedded(VariableFormat.records(), 6));
    List<KV<RecordId, byte[]>> reference =
        SourceTestUtils.readFromSource(source(file, VariableFormat.records().withoutSplitting()), options);
    int without = everySingleCut(file, VariableFormat.records().withLookBehind(0), reference);
    int with = everySingleCut(file, VariableFormat.records().withLookBehind(256), reference);
    assertTrue("without look-behind: " + without + " failed splits", without > 0);
    assertEquals("failed splits with look-behind", 0, with);
  }
}
