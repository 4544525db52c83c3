package io.github.binfiles.container;

import io.github.binfiles.framing.RecordReader;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.testing.ContainerTestFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ContainerFileTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void countsAndSeeksWithTheIndex() throws Exception {
    List<byte[]> records = ContainerTestFiles.varied(1000, 50);
    Path f =
        ContainerTestFiles.write(
            tmp.newFile().toPath(),
            ContainerOptions.defaults().withCodec(Codec.ZSTD).withTargetBlockBytes(700),
            records);
    try (ContainerFile c = ContainerFile.open(f.toString())) {
      ContainerIndex index = c.index().get();
      assertTrue(index.blockCount() > 10);
      assertEquals(1000, c.recordCount());
      for (long from : new long[] {0, 1, 499, 998, 999}) {
        {
        RecordReader r = c.records(from, CorruptionPolicy.FAIL);
          long expected = from;
          while (r.next()) {
            assertEquals(expected, r.record().ordinal());
            assertArrayEquals(
                records.get((int) expected),
                Arrays.copyOfRange(r.record().array(), r.record().index(), r.record().index() + r.record().length()));
            expected++;
          }
          assertEquals(1000, expected);
        }
      }
      {
        RecordReader r = c.records(1000, CorruptionPolicy.FAIL);
        assertFalse(r.next());
      }
      ContainerFile.VerifyReport report = c.verify();
      assertTrue(report.isClean());
      assertEquals(1000, report.records);
      assertEquals(index.blockCount(), report.blocks);
    }
  }

  /**
   * Blocks compressed on background threads are written in order with the index of a writer that
   * compresses on its own thread: same size, same blocks, same records. Small blocks and three
   * threads make blocks finish out of order, so a writer that wrote them as they finished fails.
   */
  @Test
  public void backgroundCompressionWritesTheSameFile() throws Exception {
    List<byte[]> records = ContainerTestFiles.varied(5000, 300);
    for (Codec codec : new Codec[] {Codec.ZSTD, Codec.DEFLATE, Codec.LZ4, Codec.BZIP2}) {
      ContainerOptions options = ContainerOptions.defaults().withCodec(codec).withTargetBlockBytes(2000);
      Path inline = ContainerTestFiles.write(tmp.newFile().toPath(), options, records);
      Path background = ContainerTestFiles.write(tmp.newFile().toPath(), options.withBackgroundThreads(3), records);
      try (ContainerFile a = ContainerFile.open(inline.toString());
          ContainerFile b = ContainerFile.open(background.toString())) {
        assertEquals(codec.codecName(), a.size(), b.size());
        ContainerIndex ia = a.index().get();
        ContainerIndex ib = b.index().get();
        assertTrue(ia.blockCount() > 100);
        assertEquals(ia.blockCount(), ib.blockCount());
        for (int block = 0; block < ia.blockCount(); block++) {
          assertEquals(ia.blockOffset(block), ib.blockOffset(block));
          assertEquals(ia.firstOrdinal(block), ib.firstOrdinal(block));
          assertEquals(ia.recordCount(block), ib.recordCount(block));
        }
        RecordReader r = b.records(0, CorruptionPolicy.FAIL);
        int n = 0;
        while (r.next()) {
          assertArrayEquals(codec.codecName() + " record " + n, records.get(n),
              Arrays.copyOfRange(r.record().array(), r.record().index(), r.record().index() + r.record().length()));
          n++;
        }
        assertEquals(records.size(), n);
        assertTrue(b.verify().isClean());
      }
    }
  }

  /**
   * A block that fails (here the channel refuses the write) fails the writer for good, with or
   * without background threads: later writes and finish() name the failure instead of writing
   * blocks after a gap or a trailer that counts records never written.
   */
  @Test
  public void aFailedBlockFailsTheWriterForGood() throws Exception {
    for (int threads : new int[] {0, 2}) {
      java.nio.channels.WritableByteChannel refusing = new java.nio.channels.WritableByteChannel() {
        @Override
        public int write(java.nio.ByteBuffer src) throws java.io.IOException {
          throw new java.io.IOException("disk full");
        }

        @Override
        public boolean isOpen() {
          return true;
        }

        @Override
        public void close() {}
      };
      ContainerOptions options = ContainerOptions.defaults().withCodec(Codec.LZ4).withTargetBlockBytes(64 * 1024)
          .withBackgroundThreads(threads);
      ContainerFileWriter<byte[]> w = new ContainerFileWriter<>(refusing, options,
          io.github.binfiles.spi.RecordEncoder.bytes(), "out.bfc");
      byte[] record = new byte[1000];
      java.util.Random random = new java.util.Random(threads);
      java.io.IOException first = null;
      for (int i = 0; i < 100_000 && first == null; i++) {
        random.nextBytes(record); // incompressible: fills the writer's 1 MiB output buffer, whose drain fails
        try {
          w.write(record);
        } catch (java.io.IOException e) {
          first = e;
        }
      }
      assertTrue("threads " + threads, first != null && first.getMessage().contains("disk full"));
      // The same when the failure comes in finish(): a small file's only write is its last.
      ContainerFileWriter<byte[]> small = new ContainerFileWriter<>(refusing, options,
          io.github.binfiles.spi.RecordEncoder.bytes(), "out.bfc");
      small.write(record);
      for (int attempt = 0; attempt < 2; attempt++) {
        assertFailsWith("finish() on a refusing channel, attempt " + attempt, "disk full", small::finish);
      }
      for (int attempt = 0; attempt < 2; attempt++) {
        assertFailsWith("finish() after a failed block, threads " + threads, "an earlier block of out.bfc failed",
            w::finish);
      }
      assertFailsWith("write() after a failed block, threads " + threads, "an earlier block of out.bfc failed",
          () -> w.write(record));
    }
  }

  /** {@code call} throws an IOException whose message contains {@code expected}. */
  private static void assertFailsWith(String what, String expected, org.junit.function.ThrowingRunnable call) {
    java.io.IOException e = org.junit.Assert.assertThrows(what, java.io.IOException.class, call);
    assertTrue(what + ": " + e.getMessage(), e.getMessage().contains(expected));
  }
}
