package io.github.binfiles.container;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.testing.ContainerTestFiles;
import io.github.binfiles.testing.TypedFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Every byte of a small container file flipped in turn, and the file cut at every offset, for every
 * codec. Under SKIP the reader must return exactly the original records minus one contiguous,
 * reported loss, and the damage must be inside a reported region; under FAIL it must throw the typed
 * error. Never a wrong record, never a hang (the timeout).
 */
public class CorruptionMatrixTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  @Rule public Timeout timeout = Timeout.seconds(600);
  private final PipelineOptions options = PipelineOptionsFactory.create();
  private static final List<byte[]> RECORDS = ContainerTestFiles.varied(14, 30);

  @Test
  public void flipEveryByteEveryCodec() throws Exception {
    for (Codec codec : Codec.values()) {
      byte[] original = original(codec);
      Path damaged = tmp.newFile().toPath();
      for (int at = 0; at < original.length; at++) {
        byte[] bytes = original.clone();
        bytes[at] ^= (byte) 0xFF;
        Files.write(damaged, bytes);
        String what = codec + ": byte " + at + " of " + original.length + " flipped";
        List<SkippedRegion> regions = assertSkipReadIsExact(damaged, what, at, -1);
        assertFalse(what + ": damage not reported", regions.isEmpty());
        assertFailReadThrows(damaged, what);
        if (codec == Codec.NONE || codec == Codec.ZSTD) {
          assertSplitsAgree(damaged, what);
        }
      }
    }
  }

  @Test
  public void cutAtEveryOffsetEveryCodec() throws Exception {
    for (Codec codec : Codec.values()) {
      byte[] original = original(codec);
      Path damaged = tmp.newFile().toPath();
      // A zero-byte file reads as empty: Beam gives an empty range no offset to report at.
      Files.write(damaged, new byte[0]);
      assertTrue(SourceTestUtils.readFromSource(ContainerSourceTest.skipping(damaged), options).isEmpty());
      for (int cut = 1; cut < original.length; cut++) {
        Files.write(damaged, Arrays.copyOf(original, cut));
        String what = codec + ": cut at " + cut + " of " + original.length;
        List<SkippedRegion> regions = assertSkipReadIsExact(damaged, what, -1, cut);
        assertFalse(what + ": truncation not reported", regions.isEmpty());
        assertFailReadThrows(damaged, what);
        if (codec == Codec.NONE) {
          assertSplitsAgree(damaged, what);
        }
      }
    }
  }

  private byte[] original(Codec codec) throws IOException {
    Path f =
        ContainerTestFiles.write(
            tmp.newFile().toPath(),
            ContainerOptions.defaults().withCodec(codec).withTargetBlockBytes(60),
            RECORDS);
    byte[] bytes = Files.readAllBytes(f);
    List<ReadItem<KV<RecordId, byte[]>>> clean =
        SourceTestUtils.readFromSource(ContainerSourceTest.skipping(f), options);
    assertEquals(codec + ": clean file", RECORDS.size(), clean.size());
    return bytes;
  }

  /**
   * Reads under SKIP and checks: every record returned is an original record with its ordinal, none
   * twice; the missing ordinals are one contiguous range covered by the regions' lost ordinals; the
   * damaged offset (or the cut) lies in a reported region.
   */
  private List<SkippedRegion> assertSkipReadIsExact(
      Path file, String what, long flippedAt, long cutAt) throws Exception {
    List<ReadItem<KV<RecordId, byte[]>>> items =
        SourceTestUtils.readFromSource(ContainerSourceTest.skipping(file), options);
    TreeSet<Long> seen = new TreeSet<>();
    List<SkippedRegion> regions = new ArrayList<>();
    for (ReadItem<KV<RecordId, byte[]>> item : items) {
      if (!item.isRecord()) {
        regions.add(item.getSkipped());
        continue;
      }
      long ordinal = item.getRecord().getKey().getOrdinal();
      assertTrue(what + ": invented ordinal " + ordinal, ordinal >= 0 && ordinal < RECORDS.size());
      assertTrue(what + ": ordinal " + ordinal + " returned twice", seen.add(ordinal));
      assertArrayEquals(
          what + ": wrong bytes for record " + ordinal,
          RECORDS.get((int) ordinal),
          item.getRecord().getValue());
    }
    List<Long> missing = new ArrayList<>();
    for (long o = 0; o < RECORDS.size(); o++) {
      if (!seen.contains(o)) {
        missing.add(o);
      }
    }
    if (!missing.isEmpty()) {
      long first = missing.get(0);
      long last = missing.get(missing.size() - 1);
      assertEquals(what + ": loss is not contiguous: " + missing, last - first + 1, missing.size());
      for (long o : missing) {
        assertTrue(what + ": lost record " + o + " not in any reported region " + regions,
            regions.stream().anyMatch(r -> covers(r, o)));
      }
    }
    for (SkippedRegion r : regions) {
      assertEquals(file.toString(), r.getFile());
      assertTrue(what + ": " + r, r.getEndOffset() <= Files.size(file));
    }
    if (flippedAt >= 0) {
      assertTrue(what + ": flipped byte outside every region " + regions,
          regions.stream().anyMatch(r -> r.getStartOffset() <= flippedAt && flippedAt < r.getEndOffset()));
    }
    if (cutAt >= 0) {
      assertTrue(what + ": no region ends at the cut " + regions,
          regions.stream().anyMatch(r -> r.getEndOffset() == cutAt));
    }
    return regions;
  }

  private static boolean covers(SkippedRegion r, long ordinal) {
    if (r.getFirstLostOrdinal() == SkippedRegion.UNKNOWN) {
      return true;
    }
    return ordinal >= r.getFirstLostOrdinal()
        && (r.getEndLostOrdinal() == SkippedRegion.UNKNOWN || ordinal < r.getEndLostOrdinal());
  }

  private void assertFailReadThrows(Path file, String what) {
    TypedFailure.assertTypedFailure(file, what,
        () -> SourceTestUtils.readFromSource(ContainerSourceTest.source(file), options));
  }

  /** Records and regions are the same whatever the splits: each region reported exactly once. */
  private void assertSplitsAgree(Path file, String what) throws Exception {
    BoundedSource<ReadItem<KV<RecordId, byte[]>>> s = ContainerSourceTest.skipping(file);
    for (long bundle : new long[] {37, 101}) {
      try {
        SourceTestUtils.assertSourcesEqualReferenceSource(s, s.split(bundle, options), options);
      } catch (AssertionError e) {
        throw new AssertionError(what + ", bundles of " + bundle, e);
      }
    }
  }
}
