package io.github.binfiles.testing;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.spi.RecordEncoder;
import io.github.binfiles.spi.RecordFileWriter;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.format.FileCheck;
import io.github.binfiles.format.FormatProvider;
import io.github.binfiles.format.FormatRegistry;
import io.github.binfiles.format.FormatSettings;
import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.RecordView;
import io.github.binfiles.framing.UnitReader;
import io.github.binfiles.framing.UnitReader.Unit;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.beam.SplittableReadFn;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/**
 * What every format promises, as one suite a format runs by extending this class and giving its
 * {@link FileFormat} (with the options to write samples with), sample records and how to damage a
 * file; reading goes through the format's framing in the one Beam adapter, {@link FramedSource},
 * and the public {@link ReadFromBinaryFiles}, exactly as users read. No record lost, repeated or invented
 * under any split (Beam's exhaustive split test, a dynamic split at every fraction, static splits
 * over bundle sizes from one byte up, every pair of cut offsets), damage handled exactly (every
 * truncation, every flipped byte where the format can see one, the format's structural cases:
 * SKIP returns exactly the originals minus reported losses, identically under different splits;
 * FAIL throws the typed error naming the file), a DirectRunner round trip, golden files read
 * exactly, display data naming the format and its options, registration for the CLI, and the
 * unit reader's claims (every record a split point at its own first byte).
 */
public abstract class FormatContract {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  @Rule public Timeout timeout = Timeout.seconds(600);
  protected final PipelineOptions options = PipelineOptionsFactory.create();

  /** The format under test, with the options its samples are written with. */
  protected abstract FileFormat format();

  /** A small sample (tens of records): exhaustive tests re-read it thousands of times. */
  protected abstract List<byte[]> sampleRecords();

  /** Writes {@code records} to {@code file} with the format's own writer; returns the file. */
  protected Path write(Path file, List<byte[]> records) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      RecordFileWriter<byte[]> w = format().openWriter(ch, RecordEncoder.bytes(), file.toString());
      for (byte[] r : records) {
        w.write(r);
      }
      w.finish();
    }
    return file;
  }

  /** The Beam source over one file under SKIP: records with their ids, and regions. */
  protected FileBasedSource<ReadItem<KV<RecordId, byte[]>>> skipping(Path file) throws IOException {
    return FramedSource.ofFile(FileSystems.matchSingleFileSpec(file.toString()), format().framing(),
        ElementFactories.items(ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of())),
        CorruptionPolicy.SKIP);
  }

  /** The Beam source over one file under FAIL. */
  protected FileBasedSource<KV<RecordId, byte[]>> failing(Path file) throws IOException {
    return FramedSource.ofFile(FileSystems.matchSingleFileSpec(file.toString()), format().framing(),
        ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL);
  }

  /** The public read transform of this format over a file pattern, as {@code byte[]} records. */
  protected PTransform<PBegin, PCollection<byte[]>> read(String filepattern) {
    return ReadFromBinaryFiles.of(format()).from(filepattern);
  }

  /** A golden file: how to read it and the records it holds. */
  public record Golden(FileFormat format, List<byte[]> records) {}

  /** Golden files in {@code testdata/} by name, each read exactly with its format. */
  protected Map<String, Golden> goldenFiles() {
    return Map.of();
  }

  /**
   * For formats that number nothing (record ids carry offsets, not ordinals): the offset of each
   * sample record in the intact sample file. Null (the default) for formats with ordinals.
   */
  protected List<Long> sampleOffsets() {
    return null;
  }

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

  /**
   * The splittable DoFn of {@code readFiles()}: a restriction split at every byte offset, and a
   * running read checkpointed (split at fraction 0) or split in half after every record, read on
   * from each residual: the same records as the source, in file order, none twice. With a claim
   * for every split point (span 1) and with claims that each cover a span of split points
   * ({@link io.github.binfiles.beam.ClaimSpanTracker}: a fifth of the file, and 7 bytes).
   */
  @Test
  public void splittableReadFnAtEveryOffsetAndAfterEveryRecord() throws Exception {
    Path f = sample();
    List<KV<RecordId, byte[]>> expected = SourceTestUtils.readFromSource(failing(f), options);
    org.apache.beam.sdk.io.fs.MatchResult.Metadata m = FileSystems.matchSingleFileSpec(f.toString());
    for (long span : new long[] {1, 7, Math.max(2, Files.size(f) / 5)}) {
      SplittableReadFn<KV<RecordId, byte[]>> fn = new SplittableReadFn<>(format().framing(),
          FramedSource.defaultCompression(format().framing()),
          ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL, 1 << 20, span);
      org.apache.beam.sdk.io.range.OffsetRange whole =
          fn.initialRestriction(m, org.apache.beam.sdk.io.Compression.AUTO);
      for (long p = whole.getFrom() + 1; p < whole.getTo(); p++) {
        List<KV<RecordId, byte[]>> parts = new ArrayList<>();
        readSplitting(fn, m, new org.apache.beam.sdk.io.range.OffsetRange(whole.getFrom(), p), parts, -1, 0);
        readSplitting(fn, m, new org.apache.beam.sdk.io.range.OffsetRange(p, whole.getTo()), parts, -1, 0);
        assertEquals("span " + span + ", split at " + p, keys(expected), keys(parts));
      }
      for (double fraction : new double[] {0, 0.5}) {
        for (int k = 1; k <= expected.size(); k++) {
          List<KV<RecordId, byte[]>> parts = new ArrayList<>();
          org.apache.beam.sdk.io.range.OffsetRange rest = readSplitting(fn, m, whole, parts, k, fraction);
          while (rest != null) {
            rest = readSplitting(fn, m, rest, parts, k, fraction);
          }
          assertEquals("span " + span + ", split at " + fraction + " after " + k + " records", keys(expected),
              keys(parts));
        }
      }
    }
  }

  /**
   * Reads {@code range} with a fresh tracker; after every {@code splitAfter} outputs splits it at
   * {@code fraction} of what remains. Returns the residual of the split that happened, or null.
   */
  private org.apache.beam.sdk.io.range.OffsetRange readSplitting(SplittableReadFn<KV<RecordId, byte[]>> fn,
      org.apache.beam.sdk.io.fs.MatchResult.Metadata m, org.apache.beam.sdk.io.range.OffsetRange range,
      List<KV<RecordId, byte[]>> out, int splitAfter, double fraction) throws IOException {
    org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker tracker = fn.newTracker(range);
    org.apache.beam.sdk.io.range.OffsetRange[] residual = {null};
    int[] n = {0};
    fn.read(m, org.apache.beam.sdk.io.Compression.AUTO, tracker, r -> {
      out.add(r);
      if (++n[0] % splitAfter == 0 && splitAfter > 0 && residual[0] == null) {
        org.apache.beam.sdk.transforms.splittabledofn.SplitResult<org.apache.beam.sdk.io.range.OffsetRange> s =
            tracker.trySplit(fraction);
        residual[0] = s == null ? null : s.getResidual();
      }
    }, options);
    tracker.checkDone();
    return residual[0];
  }

  @Test
  public void staticSplitsOverBundleSizesFromOneByte() throws Exception {
    FileBasedSource<KV<RecordId, byte[]>> s = failing(sample());
    for (long bundle : new long[] {1, 2, 3, 7, 16, 61, 256, 1 << 20}) {
      SourceTestUtils.assertSourcesEqualReferenceSource(s, s.split(bundle, options), options);
    }
  }

  /**
   * The reader tools use ({@code RecordReader}, outside Beam) over two ranges cut at every byte
   * offset: the records of the whole file, each once, in order.
   */
  @Test
  public void recordReaderAtEveryCut() throws Exception {
    Path f = sample();
    long size = Files.size(f);
    List<String> whole = recordReaderRecords(f, 0, size);
    assertEquals(sampleRecords().size(), whole.size());
    for (long a = 1; a < size; a++) {
      List<String> parts = new ArrayList<>(recordReaderRecords(f, 0, a));
      parts.addAll(recordReaderRecords(f, a, size));
      assertEquals("cut at " + a, whole, parts);
    }
  }

  /** Each record of [start, end) as "ordinal offset bytes", through {@code RecordReader}. */
  private List<String> recordReaderRecords(Path f, long start, long end) throws IOException {
    List<String> out = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(f)) {
      io.github.binfiles.framing.RecordReader r = io.github.binfiles.framing.RecordReader.open(format().framing(),
          FileRange.of(f.toString(), ch.size(), start, end, ch, false), CorruptionPolicy.FAIL, 0);
      while (r.next()) {
        RecordView v = r.record();
        out.add(v.ordinal() + " " + v.fileOffset() + " "
            + Arrays.toString(Arrays.copyOfRange(v.array(), v.index(), v.index() + v.length())));
      }
    }
    return out;
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
        assertEquals("cuts at " + a + " and " + b, keys(expected), keys(parts));
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
        List<ReadItem<KV<RecordId, byte[]>>> items = SourceTestUtils.readFromSource(skipping(f), options);
        List<KV<RecordId, byte[]>> read = SourceTestUtils.readFromSource(failing(f), options);
        assertEquals(what + ": regions reported", read.size(), items.size());
        for (int i = 0; i < read.size(); i++) {
          assertArrayEquals(what + ": record " + i + " of the prefix", sampleRecords().get(i), read.get(i).getValue());
          assertEquals(what + ": record " + i + " of the prefix", key(i), key(read.get(i).getKey()));
        }
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

  @Test
  public void goldenFilesReadExactly() throws Exception {
    for (Map.Entry<String, Golden> e : goldenFiles().entrySet()) {
      Path f = testdata(e.getKey());
      List<KV<RecordId, byte[]>> read = SourceTestUtils.readFromSource(
          FramedSource.ofFile(FileSystems.matchSingleFileSpec(f.toString()), e.getValue().format().framing(),
              ElementFactories.withIds(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL),
          options);
      List<byte[]> expected = e.getValue().records();
      assertEquals(f.toString(), expected.size(), read.size());
      for (int i = 0; i < expected.size(); i++) {
        if (sampleOffsets() == null) {
          assertEquals(f + " ordinal", i, read.get(i).getKey().getOrdinal());
        }
        assertArrayEquals(f + " record " + i, expected.get(i), read.get(i).getValue());
      }
    }
  }

  /** The repository's {@code testdata/} file {@code name}, from the module directory or the root. */
  protected static Path testdata(String name) {
    Path p = Paths.get("..", "testdata", name);
    return Files.exists(p) ? p : Paths.get("testdata", name);
  }

  @Test
  public void displayDataNamesTheFormatAndItsOptions() {
    DisplayData d = DisplayData.from(ReadFromBinaryFiles.of(format()).from("/in/*"));
    Map<String, Object> shown = new java.util.HashMap<>();
    for (DisplayData.Item item : d.items()) {
      shown.put(item.getKey(), item.getValue());
    }
    assertEquals(format().name(), shown.get("format"));
    assertEquals("/in/*", String.valueOf(shown.get("filePattern")));
    for (Map.Entry<String, Object> o : format().describe().entrySet()) {
      assertEquals("display item " + o.getKey(), String.valueOf(o.getValue()), String.valueOf(shown.get(o.getKey())));
    }
  }

  /** The CLI finds the format by name; its check of an intact sample is clean and counts every record. */
  @Test
  public void registeredForTools() throws Exception {
    FormatProvider provider = FormatRegistry.byName(format().name());
    Path f = sample();
    try (FileChannel ch = FileChannel.open(f)) {
      FileCheck check = provider.check(format(), FileRange.of(f.toString(), ch.size(), 0, ch.size(), ch, false));
      assertTrue(check.regions().toString(), check.isClean());
      assertEquals(sampleRecords().size(), check.records());
    }
    if (provider.magicLength() > 0) {
      byte[] head = Arrays.copyOf(Files.readAllBytes(f), provider.magicLength());
      assertEquals(provider, FormatRegistry.detect(f.toString(), head, FormatSettings.of(Map.of(), null, null)));
    }
  }

  /**
   * The unit reader's promises the Beam adapter relies on without asking (UnitReader): a record is
   * a split point claimed at its own first byte, shown in the same view object every time, a block
   * is claimed at its offset (and is a split point unless the format searches for range starts),
   * and claim offsets never decrease; over every start
   * offset of the intact sample and of a damaged copy (its middle byte flipped), reading heap and
   * direct buffers.
   */
  @Test
  public void unitReadersClaimRecordsAtTheirOwnOffset() throws Exception {
    Path intact = sample();
    byte[] damagedBytes = Files.readAllBytes(intact);
    damagedBytes[damagedBytes.length / 2] ^= (byte) 0xFF;
    Path damaged = Files.write(tmp.newFile().toPath(), damagedBytes);
    int records = 0;
    for (Path f : List.of(intact, damaged)) {
      long size = Files.size(f);
      for (long start = 0; start < size; start++) {
        for (boolean direct : new boolean[] {false, true}) {
          records += checkClaims(f, size, start, direct);
        }
      }
    }
    assertTrue("no record read", records > 0);
  }

  private int checkClaims(Path f, long size, long start, boolean direct) throws IOException {
    String where = f + " from " + start + (direct ? " (direct)" : "");
    int records = 0;
    try (FileChannel ch = FileChannel.open(f)) {
      UnitReader units =
          format().framing().open(FileRange.of(f.toString(), size, start, size, ch, direct));
      RecordView view = null;
      long lastClaim = -1;
      for (Unit u = units.next(); u != Unit.END; u = units.next()) {
        assertTrue(where + ": claim offsets decrease", units.claimOffset() >= lastClaim);
        lastClaim = units.claimOffset();
        if (u == Unit.RECORD) {
          records++;
          if (view == null) {
            view = units.record();
          }
          assertSame(where + ": a new view object", view, units.record());
          assertEquals(where + ": claim offset of a record", units.claimOffset(), view.fileOffset());
          assertTrue(where + ": a record that is not a split point", units.isSplitPoint());
        } else if (u == Unit.BLOCK) {
          records += units.block().recordCount();
          assertEquals(where + ": claim offset of a block", units.claimOffset(), units.block().offset());
          assertTrue(where + ": a block that is not a split point",
              units.isSplitPoint() || format().framing().searchesForRangeStarts());
          if (units.block().recordsAreSplitPoints()) {
            // A run: its records' own offsets are its split points, the first at the claim offset.
            long claim = units.claimOffset();
            int n = 0;
            for (io.github.binfiles.framing.RecordBlock run = units.block(); run.nextRecord(); n++) {
              long at = run.record().fileOffset();
              assertTrue(where + ": run record " + n + " at " + at + " after " + lastClaim,
                  n == 0 ? at == claim : at > lastClaim);
              lastClaim = at;
            }
            assertEquals(where + ": records of a run", units.block().recordCount(), n);
          }
        }
      }
    }
    return records;
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
    List<ReadItem<KV<RecordId, byte[]>>> items = SourceTestUtils.readFromSource(skipping(f), options);
    Exactness.Outcome o;
    if (sampleOffsets() == null) {
      o = Exactness.check(items, sampleRecords(), 0, what);
    } else {
      Map<Long, byte[]> byOffset = new java.util.HashMap<>();
      for (int i = 0; i < sampleRecords().size(); i++) {
        byOffset.put(sampleOffsets().get(i), sampleRecords().get(i));
      }
      o = OffsetExactness.check(items, byOffset, Files.size(f), what);
    }
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

  /** How records are known: by ordinal, or by offset for formats that number nothing. */
  private long key(RecordId id) {
    return sampleOffsets() == null ? id.getOrdinal() : id.getOffset();
  }

  /** The key of sample record {@code i}. */
  private long key(int i) {
    return sampleOffsets() == null ? i : sampleOffsets().get(i);
  }

  private List<Long> keys(List<KV<RecordId, byte[]>> records) {
    List<Long> out = new ArrayList<>();
    for (KV<RecordId, byte[]> r : records) {
      out.add(key(r.getKey()));
    }
    return out;
  }
}
