package io.github.binfiles.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.RecordId;
import io.github.binfiles.read.ReadItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/**
 * What every format promises, as one suite a format runs by extending this class and saying how to
 * write a sample file, how to read one, and how to damage one: no record lost, repeated or invented
 * under any split (Beam's exhaustive split test, a dynamic split at every fraction, static splits
 * over bundle sizes from one byte up, every pair of cut offsets), damage handled exactly (every
 * truncation, every flipped byte where the format can see one, the format's structural cases:
 * SKIP returns exactly the originals minus reported losses, identically under different splits;
 * FAIL throws the typed error naming the file), and a DirectRunner round trip.
 */
public abstract class FormatContract {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  @Rule public Timeout timeout = Timeout.seconds(600);
  protected final PipelineOptions options = PipelineOptionsFactory.create();

  /** Writes {@code records} to {@code file} in this format; returns the file. */
  protected abstract Path write(Path file, List<byte[]> records) throws IOException;

  /** A small sample (tens of records): exhaustive tests re-read it thousands of times. */
  protected abstract List<byte[]> sampleRecords();

  /** The Beam source over one file under SKIP: records with their ids, and regions. */
  protected abstract FileBasedSource<ReadItem<KV<RecordId, byte[]>>> skipping(Path file) throws IOException;

  /** The Beam source over one file under FAIL. */
  protected abstract FileBasedSource<KV<RecordId, byte[]>> failing(Path file) throws IOException;

  /** The public read transform of this format over a file pattern, as {@code byte[]} records. */
  protected abstract PTransform<PBegin, PCollection<byte[]>> read(String filepattern);

  /** Whether any flipped byte is damage the format can see (it has checksums). */
  protected boolean detectsFlippedBytes() {
    return true;
  }

  /** Whether a file cut at {@code cut} of {@code size} bytes is damage (not a valid shorter file). */
  protected boolean detectsTruncationAt(long cut, long size) {
    return true;
  }

  /** Edits that leave every checksum valid (duplicated, swapped, cut-out units...), by name. */
  protected Map<String, byte[]> structuralDamage(Path intact) throws IOException {
    return Map.of();
  }

  private Path sample() throws IOException {
    return write(tmp.newFile().toPath(), sampleRecords());
  }

  @Test
  public void splitAtFractionExhaustive() throws Exception {
    SourceTestUtils.assertSplitAtFractionExhaustive(failing(sample()), options);
  }

  @Test
  public void dynamicSplitAtEveryFractionAfterEveryRecord() throws Exception {
    SplitSweep.assertConsistentAtEveryFraction(failing(sample()), 100, options);
  }

  @Test
  public void staticSplitsOverBundleSizesFromOneByte() throws Exception {
    FileBasedSource<KV<RecordId, byte[]>> s = failing(sample());
    for (long bundle : new long[] {1, 2, 3, 7, 16, 61, 256, 1 << 20}) {
      SourceTestUtils.assertSourcesEqualReferenceSource(s, s.split(bundle, options), options);
    }
  }

  @Test
  public void everyPairOfCutOffsetsPartitionsTheRecords() throws Exception {
    Path f = sample();
    FileBasedSource<KV<RecordId, byte[]>> whole = failing(f);
    List<KV<RecordId, byte[]>> expected = SourceTestUtils.readFromSource(whole, options);
    assertEquals(sampleRecords().size(), expected.size());
    long size = Files.size(f);
    for (long a = 0; a <= size; a++) {
      for (long b = a; b <= size; b++) {
        List<KV<RecordId, byte[]>> parts = new ArrayList<>();
        parts.addAll(SourceTestUtils.readFromSource(whole.createSourceForSubrange(0, a), options));
        parts.addAll(SourceTestUtils.readFromSource(whole.createSourceForSubrange(a, b), options));
        parts.addAll(SourceTestUtils.readFromSource(whole.createSourceForSubrange(b, size), options));
        assertEquals("cuts at " + a + " and " + b, ordinals(expected), ordinals(parts));
      }
    }
  }

  @Test
  public void everyTruncation() throws Exception {
    byte[] original = Files.readAllBytes(sample());
    Path f = tmp.newFile().toPath();
    for (int cut = 1; cut < original.length; cut++) {
      Files.write(f, Arrays.copyOf(original, cut));
      String what = "cut at " + cut + " of " + original.length;
      if (detectsTruncationAt(cut, original.length)) {
        assertDamageHandledExactly(f, what);
      } else {
        // A valid shorter file: a prefix of the records, nothing reported, FAIL reads it too.
        Exactness.Outcome o = Exactness.check(
            SourceTestUtils.readFromSource(skipping(f), options), sampleRecords(), sampleRecords().size(), what);
        assertTrue(what + ": " + o.regions, o.regions.isEmpty());
        assertEquals(what + ": not a prefix", o.delivered.size() == 0 ? -1 : o.delivered.size() - 1,
            o.delivered.isEmpty() ? -1 : (long) o.delivered.last());
        assertEquals(what, o.delivered.size(), SourceTestUtils.readFromSource(failing(f), options).size());
      }
    }
  }

  @Test
  public void everyFlippedByte() throws Exception {
    if (!detectsFlippedBytes()) {
      return;
    }
    byte[] original = Files.readAllBytes(sample());
    Path f = tmp.newFile().toPath();
    for (int at = 0; at < original.length; at++) {
      byte[] bytes = original.clone();
      bytes[at] ^= (byte) 0xFF;
      Files.write(f, bytes);
      assertDamageHandledExactly(f, "byte " + at + " of " + original.length + " flipped");
    }
  }

  @Test
  public void structuralDamage() throws Exception {
    Path f = tmp.newFile().toPath();
    for (Map.Entry<String, byte[]> e : structuralDamage(sample()).entrySet()) {
      Files.write(f, e.getValue());
      assertDamageHandledExactly(f, e.getKey());
    }
  }

  @Test
  public void directRunnerRoundTrip() throws Exception {
    Path dir = tmp.newFolder().toPath();
    List<byte[]> all = new ArrayList<>();
    for (int file = 0; file < 3; file++) {
      List<byte[]> records = new ArrayList<>();
      for (byte[] r : TestRecords.records(20_000, recordLengthForRoundTrip())) {
        byte[] copy = r.clone();
        copy[copy.length - 1] ^= (byte) file; // distinct across files
        records.add(copy);
      }
      write(dir.resolve("part-" + file), records);
      all.addAll(records);
    }
    TestPipeline p = Pipelines.fast();
    PCollection<byte[]> read = p.apply(read(dir + "/part-*"));
    PAssert.thatSingleton(read.apply(Fingerprint.globally())).isEqualTo(Fingerprint.of(all));
    p.run().waitUntilFinish();
  }

  /** Record length for the round trip; formats of fixed-length records return theirs. */
  protected int recordLengthForRoundTrip() {
    return 24;
  }

  /**
   * Under SKIP: exactly the originals minus reported losses, the same whatever the splits, and
   * something reported. Under FAIL: the typed error naming the file.
   */
  private void assertDamageHandledExactly(Path f, String what) throws Exception {
    Exactness.Outcome o = Exactness.check(
        SourceTestUtils.readFromSource(skipping(f), options), sampleRecords(), 0, what);
    assertFalse(what + ": damage not reported", o.regions.isEmpty());
    TypedFailure.assertTypedFailure(f, what, () -> SourceTestUtils.readFromSource(failing(f), options));
    BoundedSource<ReadItem<KV<RecordId, byte[]>>> s = skipping(f);
    for (long bundle : new long[] {29, 113}) {
      try {
        SourceTestUtils.assertSourcesEqualReferenceSource(s, s.split(bundle, options), options);
      } catch (AssertionError e) {
        throw new AssertionError(what + ", bundles of " + bundle, e);
      }
    }
  }

  private static List<Long> ordinals(List<KV<RecordId, byte[]>> records) {
    List<Long> out = new ArrayList<>();
    for (KV<RecordId, byte[]> r : records) {
      out.add(r.getKey().getOrdinal());
    }
    return out;
  }
}
