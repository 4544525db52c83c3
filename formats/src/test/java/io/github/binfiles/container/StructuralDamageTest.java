package io.github.binfiles.container;

import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.ReadResult;
import io.github.binfiles.framing.RecordReader;
import io.github.binfiles.Formats;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.testing.ContainerSurgery;
import io.github.binfiles.testing.ContainerTestFiles;
import io.github.binfiles.testing.Exactness;
import io.github.binfiles.testing.SplitSweep;
import io.github.binfiles.testing.TestRecords;
import io.github.binfiles.testing.TypedFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/**
 * Damage that leaves every checksum valid (FORMAT.md section 8): blocks duplicated, overwritten by
 * a copy of another, swapped, cut out or replaced by another file's block; files concatenated with
 * themselves or with their own prefix; crafted index footers. For every codec, under SKIP and FAIL,
 * whole and split: every delivered record is the original with its ordinal, none twice, and the
 * missing ordinals are exactly the reported lost ones.
 */
public class StructuralDamageTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  @Rule public Timeout timeout = Timeout.seconds(900);
  private final PipelineOptions options = PipelineOptionsFactory.create();

  /** 24 fixed records of 16 bytes, 4 to a block: six blocks of equal size (codec none). */
  private static final List<byte[]> FIXED = TestRecords.records(24, 16);
  private static final List<byte[]> VARIED = ContainerTestFiles.varied(30, 30);

  private Path intact(Codec codec, boolean fixed) throws IOException {
    ContainerOptions o = ContainerOptions.defaults().withCodec(codec).withTargetBlockBytes(fixed ? 64 : 90);
    if (fixed) {
      o = o.withFixedRecordLength(16);
    }
    return ContainerTestFiles.write(tmp.newFile().toPath(), o, fixed ? FIXED : VARIED);
  }

  /** Each structural edit of a file with at least five blocks, by name. */
  private Map<String, byte[]> damaged(Path intactFile, Codec codec) throws IOException {
    ContainerSurgery s = ContainerSurgery.of(intactFile);
    int n = s.blockCount();
    assertTrue(codec + ": test file needs five blocks, has " + n, n >= 5);
    Map<String, byte[]> out = new LinkedHashMap<>();
    out.put("block 1 duplicated", s.duplicated(1));
    out.put("block 1 copied over block 2", s.overwritten(1, 2));
    out.put("block 3 copied over block 1", s.overwritten(3, 1));
    out.put("blocks 1 and 2 swapped", s.swapped(1));
    out.put("block 0 cut out", s.cutOut(0));
    out.put("block 2 cut out", s.cutOut(2));
    out.put("last block cut out", s.cutOut(n - 1));
    out.put("block 2 replaced by a foreign block", s.replaced(2, foreignBlock(codec)));
    out.put("file followed by itself", s.followedByOwnPrefix(s.bytes().length));
    out.put("file followed by half of itself", s.followedByOwnPrefix(s.bytes().length / 2));
    out.put("file followed by its header and two blocks", s.followedByOwnPrefix(s.blockEnd(1)));
    out.put("index entries 1 and 2 swapped", s.indexEntriesSwapped(1, 2));
    out.put("index entry 2 with a wrong first ordinal", s.indexEntryField(2, 8, 5));
    out.put("index entry 2 with a wrong offset", s.indexEntryField(2, 0, s.blockStart(2) + 1));
    out.put("trailer with block count -1", s.trailerField(16, 0xFFFFFFFFL));
    out.put("trailer with a negative index offset", s.trailerField(0, -52));
    return out;
  }

  private byte[] foreignBlock(Codec codec) throws IOException {
    Path other = ContainerTestFiles.write(tmp.newFile().toPath(),
        ContainerOptions.defaults().withCodec(codec).withTargetBlockBytes(64).withFixedRecordLength(16),
        TestRecords.records(24, 16));
    return ContainerSurgery.of(other).block(2);
  }

  @Test
  public void everyStructuralEditEveryCodecIsExactUnderSkipAndFailsUnderFail() throws Exception {
    for (Codec codec : Codec.values()) {
      for (boolean fixed : new boolean[] {true, false}) {
        List<byte[]> originals = fixed ? FIXED : VARIED;
        for (Map.Entry<String, byte[]> e : damaged(intact(codec, fixed), codec).entrySet()) {
          String what = codec + (fixed ? " fixed" : " varint") + ", " + e.getKey();
          Path f = tmp.newFile().toPath();
          Files.write(f, e.getValue());
          Exactness.Outcome o = skipRead(f, originals, what);
          assertFalse(what + ": damage not reported", o.regions.isEmpty());
          assertFailReadThrows(f, what);
          assertContainerFileAgrees(f, originals, o, what);
          BoundedSource<ReadItem<KV<RecordId, byte[]>>> s = ContainerSourceTest.skipping(f);
          for (long bundle : new long[] {23, 97, 301}) {
            try {
              SourceTestUtils.assertSourcesEqualReferenceSource(s, s.split(bundle, options), options);
            } catch (AssertionError err) {
              throw new AssertionError(what + ", bundles of " + bundle, err);
            }
          }
        }
      }
    }
  }

  @Test
  public void structuralEditsSplitExhaustivelyAndAtEveryFraction() throws Exception {
    for (Codec codec : Codec.values()) {
      for (boolean fixed : new boolean[] {true, false}) {
      for (Map.Entry<String, byte[]> e : damaged(intact(codec, fixed), codec).entrySet()) {
        String what = codec + (fixed ? " fixed" : " varint") + ", " + e.getKey();
        Path f = tmp.newFile().toPath();
        Files.write(f, e.getValue());
        boolean indexed;
        try (ContainerFile c = ContainerFile.open(f.toString())) {
          indexed = c.index().isPresent();
        }
        try {
          if (indexed) {
            SourceTestUtils.assertSplitAtFractionExhaustive(ContainerSourceTest.skipping(f), options);
            SplitSweep.assertConsistentAtEveryFraction(ContainerSourceTest.skipping(f), 40, options);
          } else {
            // Read whole by the range at 0 (FORMAT.md section 7): dynamic splits are refused.
            for (int read = 1; read < 5; read++) {
              SourceTestUtils.assertSplitAtFractionFails(
                  ContainerSourceTest.skipping(f), read, 0.5, options);
            }
          }
        } catch (AssertionError err) {
          throw new AssertionError(what, err);
        }
      }
      }
    }
  }

  /**
   * The DirectRunner splits dynamically on a background thread: a pipeline over every damaged
   * variant of one file returns each variant's exact records once and reports every region once.
   */
  @Test
  public void directRunnerPipelineOverDamagedFilesIsExact() throws Exception {
    java.io.File dir = tmp.newFolder();
    Map<String, byte[]> variants = damaged(intact(Codec.ZSTD, true), Codec.ZSTD);
    long expectedRecords = 0;
    long expectedRegions = 0;
    int i = 0;
    for (byte[] bytes : variants.values()) {
      Path f = dir.toPath().resolve("v" + (i++) + ".bfc");
      Files.write(f, bytes);
      Exactness.Outcome o = skipRead(f, FIXED, f.toString());
      expectedRecords += o.delivered.size();
      expectedRegions += o.regions.size();
    }
    org.apache.beam.sdk.testing.TestPipeline p = io.github.binfiles.testing.Pipelines.fast();
    io.github.binfiles.ReadResult<byte[]> result = p.apply(
        io.github.binfiles.ReadFromBinaryFiles.of(Formats.container()).from(dir + "/*.bfc").withSkippedRegionReport());
    org.apache.beam.sdk.testing.PAssert.thatSingleton(
            result.records().apply(org.apache.beam.sdk.transforms.Count.globally()))
        .isEqualTo(expectedRecords);
    org.apache.beam.sdk.testing.PAssert.thatSingleton(
            result.skippedRegions().apply(org.apache.beam.sdk.transforms.Count.globally()))
        .isEqualTo(expectedRegions);
    p.run().waitUntilFinish();
  }

  /** What is lost, exactly, where the index or the chain can tell (codec none: equal blocks). */
  @Test
  public void lossIsExactlyTheDamagedBlocks() throws Exception {
    Path f = intact(Codec.NONE, true);
    ContainerSurgery s = ContainerSurgery.of(f);
    assertLost(s.overwritten(1, 2), range(8, 12), "block 1 over block 2: block 2's ordinals");
    assertLost(s.overwritten(3, 1), range(4, 8), "block 3 over block 1: block 1's ordinals");
    assertLost(s.swapped(1), range(4, 12), "swapped: both blocks' ordinals");
    assertLost(s.cutOut(2), range(8, 12), "cut out: its ordinals");
    assertLost(s.cutOut(0), range(0, 4), "first block cut out");
    assertLost(s.cutOut(5), range(20, 24), "last block cut out: known from the trailer");
    assertLost(s.duplicated(1), List.of(), "duplicate: nothing lost");
    assertLost(s.followedByOwnPrefix(s.bytes().length), List.of(), "self-concatenation: nothing lost");
    assertLost(s.indexEntriesSwapped(1, 2), List.of(), "reordered index: nothing lost");
  }

  /**
   * A file cut short and followed by another whole container: the trailer at the end is intact but
   * belongs to the other file, so it must not bound this file's loss (its total is 24, not 30).
   */
  @Test
  public void anotherFilesTrailerDoesNotBoundTheLoss() throws Exception {
    byte[] mine = Files.readAllBytes(intact(Codec.NONE, false));
    byte[] other = Files.readAllBytes(intact(Codec.NONE, true));
    Path f = tmp.newFile().toPath();
    byte[] both = java.util.Arrays.copyOf(mine, mine.length / 2 + other.length);
    System.arraycopy(other, 0, both, mine.length / 2, other.length);
    Files.write(f, both);
    Exactness.Outcome o = skipRead(f, VARIED, "cut short, then another file");
    SkippedRegion last = o.regions.get(o.regions.size() - 1);
    assertEquals(last.toString(), SkippedRegion.UNKNOWN, last.getEndLostOrdinal());
  }

  /** Damage in the last block and bytes after the trailer: two regions, each exact. */
  @Test
  public void damageBeforeAnIntactFooterAndBytesAfterItAreSeparateRegions() throws Exception {
    Path f = intact(Codec.NONE, true);
    ContainerSurgery s = ContainerSurgery.of(f);
    byte[] bytes = s.followedByOwnPrefix(100);
    bytes[s.blockStart(5) + 60] ^= 1;
    Path damaged = tmp.newFile().toPath();
    Files.write(damaged, bytes);
    Exactness.Outcome o = skipRead(damaged, FIXED, "last block flipped, bytes appended");
    assertEquals(o.regions.toString(), 2, o.regions.size());
    SkippedRegion block = o.regions.get(0);
    assertEquals(s.blockStart(5), block.getStartOffset());
    assertEquals(s.blockEnd(5), block.getEndOffset());
    assertEquals(20, block.getFirstLostOrdinal());
    assertEquals(24, block.getEndLostOrdinal());
    SkippedRegion after = o.regions.get(1);
    assertEquals(s.bytes().length, after.getStartOffset());
    assertEquals(s.bytes().length + 100, after.getEndOffset());
    assertEquals(after.getFirstLostOrdinal(), after.getEndLostOrdinal());
  }

  @Test
  public void bytesAfterTheTrailerAreOneRegionReadByNoSplit() throws Exception {
    Path f = intact(Codec.NONE, true);
    byte[] once = Files.readAllBytes(f);
    Path twice = tmp.newFile().toPath();
    Files.write(twice, ContainerSurgery.of(f).followedByOwnPrefix(once.length));
    Exactness.Outcome o = skipRead(twice, FIXED, "self-concatenated");
    assertEquals(FIXED.size(), o.delivered.size());
    assertEquals(1, o.regions.size());
    SkippedRegion r = o.regions.get(0);
    assertEquals(once.length, r.getStartOffset());
    assertEquals(2L * once.length, r.getEndOffset());
    assertTrue(r.getReason(), r.getReason().contains("follow the trailer"));
  }

  @Test
  public void seekingThroughTheIndexVerifiesTheBlockItLandsOn() throws Exception {
    Path f = intact(Codec.NONE, true);
    ContainerSurgery s = ContainerSurgery.of(f);
    Path swapped = tmp.newFile().toPath();
    Files.write(swapped, s.swapped(1));
    try (ContainerFile c = ContainerFile.open(swapped.toString())) {
      RecordReader r = c.records(5, CorruptionPolicy.FAIL);
      BinaryFileException e = TypedFailure.assertTypedFailure(swapped, "seek into swapped blocks", r::next);
      assertEquals(s.blockStart(1), e.getOffset());
      assertTrue(e.getMessage(), e.getMessage().contains("where the index places [4, 8)"));
    }
    Path negative = tmp.newFile().toPath();
    Files.write(negative, s.trailerField(16, 0xFFFFFFFFL));
    try (ContainerFile c = ContainerFile.open(negative.toString())) {
      RecordReader r = c.records(10, CorruptionPolicy.SKIP);
      List<Long> got = new ArrayList<>();
      while (r.next()) {
        got.add(r.record().ordinal());
      }
      assertEquals("no index: scans and returns every record from 10 on", range(10, 24), got);
      assertEquals(1, r.skipped().size());
      assertTrue(c.indexProblem(), c.indexProblem().contains("index"));
    }
  }

  private void assertLost(byte[] bytes, List<Long> expectedLost, String what) throws Exception {
    Path f = tmp.newFile().toPath();
    Files.write(f, bytes);
    Exactness.Outcome o = skipRead(f, FIXED, what);
    TreeSet<Long> missing = new TreeSet<>(range(0, FIXED.size()));
    missing.removeAll(o.delivered);
    assertEquals(what, expectedLost, new ArrayList<>(missing));
  }

  private static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long x = from; x < to; x++) {
      out.add(x);
    }
    return out;
  }

  private Exactness.Outcome skipRead(Path f, List<byte[]> originals, String what) throws Exception {
    return Exactness.check(
        SourceTestUtils.readFromSource(ContainerSourceTest.skipping(f), options), originals, 0, what);
  }

  private void assertFailReadThrows(Path f, String what) {
    TypedFailure.assertTypedFailure(f, what,
        () -> SourceTestUtils.readFromSource(ContainerSourceTest.source(f), options));
  }

  /** ContainerFile's verify() and records(from) see the same blocks and regions as the source. */
  private void assertContainerFileAgrees(
      Path f, List<byte[]> originals, Exactness.Outcome source, String what) throws Exception {
    try (ContainerFile c = ContainerFile.open(f.toString())) {
      ContainerFile.VerifyReport v = c.verify();
      assertFalse(what + ": verify called it clean", v.isClean());
      assertEquals(what + ": verify's regions", source.regions, v.regions);
      assertEquals(what + ": verify's record count", source.delivered.size(), v.records);
      for (long from : new long[] {0, 3, originals.size() / 2, originals.size() - 1}) {
        Exactness.Outcome o = new Exactness.Outcome();
        RecordReader r = c.records(from, CorruptionPolicy.SKIP);
        while (r.next()) {
          Exactness.addRecord(o, r.record().ordinal(), java.util.Arrays.copyOfRange(r.record().array(), r.record().index(),
              r.record().index() + r.record().length()), originals, what + ", from " + from);
        }
        for (SkippedRegion region : r.skipped()) {
          Exactness.addRegion(o, region, originals.size(), what + ", from " + from);
        }
        Exactness.assertComplete(o, originals.size(), from, what + ", records from " + from);
      }
    }
  }
}
