package io.github.binfiles.container;

import io.github.binfiles.framing.RecordReader;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.github.luben.zstd.Zstd;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.report.RecordId;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.io.LittleEndian;
import io.github.binfiles.io.OutputBuffer;
import io.github.binfiles.beam.ReadItem;
import io.github.binfiles.testing.ContainerSurgery;
import io.github.binfiles.testing.ContainerTestFiles;
import io.github.binfiles.testing.TestRecords;
import io.github.binfiles.testing.TypedFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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
 * Crafted files whose checksums are all valid: huge record counts, huge claimed sizes, impossible
 * varints, payloads a codec library rejects, dictionaries too large to allocate, a 16 MiB metadata
 * block of a million keys. Run in a JVM of 256 MiB (see formats/pom.xml); each case must end within
 * its time bound with records or a typed error, never an untyped exception or an OutOfMemoryError.
 */
public class HostileInputTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  @Rule public Timeout timeout = Timeout.seconds(120);
  private final PipelineOptions options = PipelineOptionsFactory.create();

  @Test
  public void heapIsSmall() {
    assertTrue("run with -Xmx256m: " + Runtime.getRuntime().maxMemory(),
        Runtime.getRuntime().maxMemory() <= 300L << 20);
  }

  @Test
  public void sixtyFourMebiEmptyRecordsInOneSmallFileReadInBoundedMemory() throws Exception {
    int n = 64 << 20;
    byte[] payload = Zstd.compress(new byte[n], 19);
    Path f = write(new CraftedContainer()
        .block(Codec.ZSTD, ContainerFormat.FRAMING_VARINT, n, 0, n, 0, payload).footer().toBytes());
    assertTrue("file is small: " + Files.size(f), Files.size(f) < 8192);
    long seen = 0;
    try (ContainerFile c = ContainerFile.open(f.toString())) {
      RecordReader r = c.records(0, CorruptionPolicy.FAIL);
      while (r.next()) {
        assertEquals(0, r.record().length());
        seen++;
      }
    }
    assertEquals(n, seen);
    long viaBeam = 0;
    try (BoundedSource.BoundedReader<KV<RecordId, byte[]>> r =
        ContainerSourceTest.source(f).createReader(options)) {
      for (boolean more = r.start(); more; more = r.advance()) {
        viaBeam++;
      }
    }
    assertEquals(n, viaBeam);
  }

  @Test
  public void varintLengthWithBitSixtyThreeSetIsDamage() throws Exception {
    byte[] payload = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
    assertDamage(new CraftedContainer()
        .block(Codec.NONE, ContainerFormat.FRAMING_VARINT, 1, 0, payload.length, 0, payload)
        .footer().toBytes(), "length varint");
  }

  @Test
  public void payloadsACodecLibraryRejectsAreDamageForEveryCodec() throws Exception {
    byte[] junk = new byte[300];
    new Random(7).nextBytes(junk);
    for (Codec codec : Codec.values()) {
      if (codec == Codec.NONE) {
        continue;
      }
      assertDamage(new CraftedContainer()
          .block(codec, ContainerFormat.FRAMING_FIXED, 10, 0, 1000, 100, junk).footer().toBytes(),
          "does not decompress");
    }
  }

  @Test
  public void aSecondStreamAfterTheFirstIsDamage() throws Exception {
    byte[] raw = TestRecords.record(1, 100);
    for (Codec codec : new Codec[] {Codec.BZIP2, Codec.XZ}) {
      OutputBuffer one = new OutputBuffer(256);
      codec.newCompressor().compress(raw, 0, 50, one);
      int first = one.size();
      codec.newCompressor().compress(raw, 50, 50, one);
      byte[] two = Arrays.copyOf(one.array(), one.size());
      assertTrue(first < two.length);
      // The header promises what the first stream holds: the second one is what is wrong.
      assertDamage(new CraftedContainer()
          .block(codec, ContainerFormat.FRAMING_FIXED, 1, 0, 50, 50, two).footer().toBytes(),
          "follow the end of the compressed stream");
      // The first stream alone decodes: the check is not a false alarm.
      OutputBuffer single = new OutputBuffer(256);
      codec.newCompressor().compress(raw, 0, 100, single);
      Path ok = write(new CraftedContainer()
          .block(codec, ContainerFormat.FRAMING_FIXED, 1, 0, 100, 100,
              Arrays.copyOf(single.array(), single.size())).footer().toBytes());
      assertEquals(1, SourceTestUtils.readFromSource(ContainerSourceTest.source(ok), options).size());
    }
  }

  @Test
  public void anXzStreamDeclaringA96MibDictionaryIsDamageNotAnAllocation() throws Exception {
    byte[] raw = TestRecords.record(3, 4000);
    OutputBuffer xz = new OutputBuffer(8192);
    Codec.XZ.newCompressor().compress(raw, 0, raw.length, xz);
    byte[] stream = Arrays.copyOf(xz.array(), xz.size());
    // Block header after the 12-byte stream header: size, flags 0, filter 0x21 (LZMA2), 1 props byte.
    assertEquals(0x21, stream[14]);
    assertEquals(0x01, stream[15]);
    stream[16] = 29; // dictionary (2 | 1) << (29 / 2 + 11) = 96 MiB
    int headerSize = ((stream[12] & 0xFF) + 1) * 4;
    java.util.zip.CRC32 crc32 = new java.util.zip.CRC32();
    crc32.update(stream, 12, headerSize - 4);
    LittleEndian.putInt(stream, 12 + headerSize - 4, (int) crc32.getValue());
    assertDamage(new CraftedContainer()
        .block(Codec.XZ, ContainerFormat.FRAMING_FIXED, 1, 0, raw.length, raw.length, stream)
        .footer().toBytes(), "xz");
  }

  @Test
  public void resyncPastThousandsOfHeadersClaimingHugePayloadsIsLinear() throws Exception {
    CraftedContainer c = new CraftedContainer().bytes(new byte[10]);
    int max = ContainerFormat.DEFAULT_MAX_BLOCK_BYTES;
    for (int i = 0; i < 3000; i++) {
      c.headerOnly(max - 1024).bytes(new byte[48]);
    }
    byte[] head = c.toBytes();
    Path f = tmp.newFile().toPath();
    try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(head));
      ch.write(java.nio.ByteBuffer.wrap(new byte[1]), head.length + (long) max);
    }
    long t0 = System.nanoTime();
    List<ReadItem<KV<RecordId, byte[]>>> items =
        SourceTestUtils.readFromSource(ContainerSourceTest.skipping(f), options);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(1, items.size());
    SkippedRegion r = items.get(0).getSkipped();
    assertEquals(0, r.getFirstLostOrdinal());
    assertEquals(Files.size(f), r.getEndOffset());
    // Quadratic work (a checksum of every claimed 64 MiB payload) took minutes; linear takes well
    // about a second here. The bound is loose for slow CI machines.
    assertTrue("resync took " + ms + " ms", ms < 10_000);
  }

  @Test
  public void headersClaimingPayloadsPastTheEndOfTheFileAreRejectedUnread() throws Exception {
    CraftedContainer c = new CraftedContainer().bytes(new byte[10]);
    for (int i = 0; i < 3000; i++) {
      c.headerOnly(ContainerFormat.DEFAULT_MAX_BLOCK_BYTES).bytes(new byte[7]);
    }
    long t0 = System.nanoTime();
    assertDamage(c.toBytes(), "expected the sync marker");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue("took " + ms + " ms", ms < 10_000);
  }

  @Test
  public void sixteenMibOfMetadataKeysIsCheckedInBoundedMemoryByEverySplit() throws Exception {
    List<byte[]> records = ContainerTestFiles.varied(200, 50);
    // Written with one big value, then the metadata rewritten as a million small keys of the same
    // total length, so the blocks and the index keep their offsets.
    Path written = ContainerTestFiles.write(tmp.newFile().toPath(),
        ContainerOptions.defaults().withTargetBlockBytes(500)
            .withMetadata("k", new byte[ContainerFormat.MAX_METADATA_BYTES - 200]), records);
    byte[] file = Files.readAllBytes(written);
    int metaLength = LittleEndian.getInt(file, 12);
    OutputBuffer meta = new OutputBuffer(metaLength);
    meta.writeIntLE(0);
    int keys = 0;
    while (meta.size() + 15 + 7 <= metaLength) {
      meta.writeByte(9).writeByte(0).write(String.format("%09d", keys++).getBytes(UTF_8)).writeIntLE(0);
    }
    int rest = metaLength - meta.size() - 7;
    meta.writeByte(1).writeByte(0).write(new byte[] {'z'}).writeIntLE(rest).write(new byte[rest]);
    keys++;
    assertEquals(metaLength, meta.size());
    assertTrue(keys > 1_000_000);
    LittleEndian.putInt(meta.array(), 0, keys);
    System.arraycopy(meta.array(), 0, file, 32, metaLength);
    LittleEndian.putInt(file, 32 + metaLength, ContainerSurgery.crc(file, 0, 32 + metaLength));
    Path f = write(file);
    BoundedSource<KV<RecordId, byte[]>> s = ContainerSourceTest.source(f);
    long t0 = System.nanoTime();
    List<KV<RecordId, byte[]>> read = new ArrayList<>();
    List<? extends BoundedSource<KV<RecordId, byte[]>>> splits = s.split(Files.size(f) / 4, options);
    assertTrue(splits.size() >= 4);
    for (BoundedSource<KV<RecordId, byte[]>> split : splits) {
      read.addAll(SourceTestUtils.readFromSource(split, options));
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(records.size(), read.size());
    assertTrue("reading took " + ms + " ms", ms < 60_000);
    // Key 7 renamed to key 5's name: a duplicate, which is damage.
    System.arraycopy("000000005".getBytes(UTF_8), 0, file, 32 + 4 + 7 * 15 + 2, 9);
    LittleEndian.putInt(file, 32 + metaLength, ContainerSurgery.crc(file, 0, 32 + metaLength));
    assertDamage(file, "appears more than once");
  }

  private Path write(byte[] bytes) throws Exception {
    Path f = tmp.newFile().toPath();
    Files.write(f, bytes);
    return f;
  }

  /** SKIP reports a region whose reason mentions {@code expected}; FAIL throws the typed error. */
  private void assertDamage(byte[] bytes, String expected) throws Exception {
    Path f = write(bytes);
    List<ReadItem<KV<RecordId, byte[]>>> items =
        SourceTestUtils.readFromSource(ContainerSourceTest.skipping(f), options);
    List<SkippedRegion> regions = new ArrayList<>();
    for (ReadItem<KV<RecordId, byte[]>> item : items) {
      assertFalse("a record came out of a crafted block", item.isRecord());
      regions.add(item.getSkipped());
    }
    assertFalse("no region reported", regions.isEmpty());
    assertTrue(expected + " not in " + regions,
        regions.stream().anyMatch(r -> r.getReason().contains(expected)));
    TypedFailure.assertTypedFailure(f, expected,
        () -> SourceTestUtils.readFromSource(ContainerSourceTest.source(f), options));
  }
}
