package io.github.binfiles.benchmarks;

import io.github.binfiles.Formats;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.RecordDecoder;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.container.ContainerFileFormat;
import io.github.binfiles.container.ContainerFormat;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.container.ContainerFraming;
import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.sinks.WriteToBinaryFiles;
import io.github.binfiles.variable.VariableFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.extensions.avro.io.AvroIO;
import org.apache.beam.sdk.extensions.avro.io.AvroSource;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TFRecordIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.TextSource;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;

/**
 * The side-by-side harness: writes the same logical records as fixed-record files, container files
 * (none, zstd, lz4, deflate), Avro files (null, deflate, zstd, with AvroIO's sink), TFRecord and text
 * (with Beam's sinks); then reads each single-threaded through its Beam source's BoundedReader, as a
 * worker does, and reads the raw bytes with a FileChannel. Prints one table with ratios to AvroSource
 * (same codec) and to the raw read, all from this run; medians of several runs after warm-up. The
 * readers take turns, one pass each per round, so a drift in the machine's speed hits all of them.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.binfiles.benchmarks.ReadComparison
 *     [--records 10000000] [--runs 5] [--warmup 2] [--dir DIR]</pre>
 */
public final class ReadComparison {
  private final long records;
  private final int runs;
  private final int warmup;
  private final Path dir;
  private final PrintStream out;
  /** Reuse files of an earlier run in the same directory instead of writing them again. */
  boolean reuse;
  /** Measure only the readers whose name contains one of these (comma-separated), plus Avro null and the raw reads. */
  String only = "";

  private boolean selected(String name) {
    if (name.startsWith("avro-null")) {
      return true;
    }
    for (String part : only.split(",")) {
      if (name.contains(part)) {
        return true;
      }
    }
    return false;
  }
  private final PipelineOptions options = PipelineOptionsFactory.create();

  ReadComparison(long records, int runs, int warmup, Path dir, PrintStream out) {
    this.records = records;
    this.runs = runs;
    this.warmup = warmup;
    this.dir = dir;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Map<String, String> a = parse(args);
    long records = Long.parseLong(a.getOrDefault("records", "10000000"));
    Path dir = a.containsKey("dir") ? Paths.get(a.get("dir")) : Files.createTempDirectory("binfiles-bench-");
    ReadComparison c =
        new ReadComparison(
            records,
            Integer.parseInt(a.getOrDefault("runs", "5")),
            Integer.parseInt(a.getOrDefault("warmup", "2")),
            dir,
            System.out);
    c.reuse = a.containsKey("reuse");
    c.only = a.getOrDefault("only", "");
    c.run();
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String k = args[i].replaceFirst("^--", "");
      if (k.contains("=")) {
        m.put(k.substring(0, k.indexOf('=')), k.substring(k.indexOf('=') + 1));
      } else if (k.equals("reuse")) {
        m.put(k, "true");
      } else {
        m.put(k, args[++i]);
      }
    }
    return m;
  }

  /** One measured line: a name, the bytes of logical data it moved and the median seconds. */
  static final class Row {
    final String name;
    final String baseline;
    final long fileBytes;
    final long logicalBytes;
    final long count;
    final double seconds;

    Row(String name, String baseline, long fileBytes, long logicalBytes, long count, double seconds) {
      this.name = name;
      this.baseline = baseline;
      this.fileBytes = fileBytes;
      this.logicalBytes = logicalBytes;
      this.count = count;
      this.seconds = seconds;
    }

    double mbPerSecond() {
      return logicalBytes / 1e6 / seconds;
    }
  }

  void run() throws Exception {
    Files.createDirectories(dir);
    out.printf("binfiles read comparison: %,d records of 64 bytes (and %,d of 4 KiB), %d runs after %d warm-up, %s%n",
        records, records / 64, runs, warmup, machine());
    List<Row> writes = writeAll();
    List<ReadJob> reads = readJobs();
    long big = records / 64;
    ReadJob raw4k = raw("raw FileChannel 4 KiB", "fixed-4k.bin");
    ReadJob fixed4k = read("fixed 4 KiB -> byte[]", fixed("fixed-4k.bin", 4096), "fixed-4k.bin", big * 4096, null);

    List<ReadJob> all = new ArrayList<>(reads);
    all.add(raw4k);
    all.add(fixed4k);
    measureAll(all);
    printReads(reads, raw4k, fixed4k);
    printWrites(writes);
  }

  /** Writes every file of the comparison (or, with {@link #reuse}, keeps those already there). */
  List<Row> writeAll() throws Exception {
    List<Row> writes = new ArrayList<>();
    writes.add(write("fixed", "fixed.bin", WriteToBinaryFiles.of(Formats.fixed(64)).sink(), i -> LogicalRecords.binary(i, 64), "avro-null"));
    for (Codec c : new Codec[] {Codec.NONE, Codec.ZSTD, Codec.LZ4, Codec.DEFLATE}) {
      writes.add(write("container " + c.codecName(), "container-" + c.codecName() + ".bfc",
          WriteToBinaryFiles.of(Formats.container().withCodec(c).withFixedRecordLength(64)).sink(),
          i -> LogicalRecords.binary(i, 64), "avro-" + avroName(c)));
    }
    for (String codec : new String[] {"null", "deflate", "zstd"}) {
      writes.add(write("avro-" + codec, "avro-" + codec + ".avro",
          AvroIO.<GenericRecord>sink(LogicalRecords.SCHEMA).withCodec(avroCodec(codec)),
          i -> LogicalRecords.avro(i, 64), "avro-" + codec));
    }
    writes.add(write("tfrecord", "data.tfrecord", TFRecordIO.sink(), i -> LogicalRecords.binary(i, 64), "avro-null"));
    writes.add(write("tfrecord (binfiles)", "ours.tfrecord", WriteToBinaryFiles.of(Formats.tfRecord()).sink(),
        i -> LogicalRecords.binary(i, 64), "tfrecord"));
    writes.add(write("text", "data.txt", TextIO.sink(), i -> LogicalRecords.text(i, 64), "avro-null"));
    // Variable-length records of 60 to 140 bytes (100 on average), the same logical records as Avro.
    long varBytes = variableBytes(records);
    writes.add(write("avro-null 100", "avro-null-100.avro",
        AvroIO.<GenericRecord>sink(LogicalRecords.SCHEMA).withCodec(CodecFactory.nullCodec()),
        i -> LogicalRecords.avro(i, variableSize(i)), "avro-null 100", records, varBytes));
    writes.add(write("VB 100", "vb-100.vb", WriteToBinaryFiles.of(VariableFormat.blocked().withBlockSize(27_998)).sink(),
        i -> LogicalRecords.binary(i, variableSize(i)), "avro-null 100", records, varBytes));
    writes.add(write("V 100", "v-100.v", WriteToBinaryFiles.of(VariableFormat.records()).sink(),
        i -> LogicalRecords.binary(i, variableSize(i)), "avro-null 100", records, varBytes));
    long big = records / 64;
    write("fixed 4 KiB", "fixed-4k.bin", WriteToBinaryFiles.of(Formats.fixed(4096)).sink(), i -> LogicalRecords.binary(i, 4096), null, big);

    return writes;
  }

  /** Every reader of the table (the 4 KiB pair apart), each a job over its file. */
  private List<ReadJob> readJobs() throws Exception {
    long varBytes = variableBytes(records);
    List<ReadJob> reads = new ArrayList<>();
    reads.add(raw("raw FileChannel", "fixed.bin"));
    reads.add(read("fixed -> byte[]", fixed("fixed.bin", 64), "fixed.bin", records * 64, "avro-null"));
    reads.add(splittable("fixed (readFiles SDF)", Formats.fixed(64).framing(), "fixed.bin", records * 64, "avro-null"));
    reads.add(read("fixed -> user type", FramedSource.of(spec("fixed.bin"), EmptyMatchTreatment.DISALLOW, FixedRecordFraming.of(64, 0, 0), Compression.AUTO, ElementFactories.decoded(new SampleDecoder(), SampleDecoder.CODER), CorruptionPolicy.FAIL), "fixed.bin", records * 64, "avro-null"));
    for (Codec c : new Codec[] {Codec.NONE, Codec.ZSTD, Codec.LZ4, Codec.DEFLATE}) {
      String f = "container-" + c.codecName() + ".bfc";
      reads.add(read("container " + c.codecName(), container(f), f, records * 64, "avro-" + avroName(c)));
      if (c != Codec.LZ4) {
        reads.add(splittable("container " + c.codecName() + " (SDF)", ContainerFraming.defaults(), f, records * 64,
            "avro-" + avroName(c)));
      }
    }
    for (String codec : new String[] {"null", "deflate", "zstd"}) {
      String f = "avro-" + codec + ".avro";
      reads.add(read("avro-" + codec, AvroSource.from(path(f)).withSchema(LogicalRecords.SCHEMA), f, records * 64, "avro-" + codec));
    }
    reads.add(read("tfrecord", tfRecordSource(path("data.tfrecord")), "data.tfrecord", records * 64, "avro-null"));
    // The same file, written by TFRecordIO, read by binfiles (split by offset): ratio against TFRecordIO.
    reads.add(read("tfrecord (binfiles)", FramedSource.of(spec("data.tfrecord"), EmptyMatchTreatment.DISALLOW,
        Formats.tfRecord().framing(), Compression.UNCOMPRESSED,
        ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL),
        "data.tfrecord", records * 64, "tfrecord"));
    reads.add(splittable("tfrecord (SDF)", Formats.tfRecord().framing(), "data.tfrecord", records * 64, "tfrecord"));
    reads.add(read("text", new TextSource(spec("data.txt"), EmptyMatchTreatment.DISALLOW, null), "data.txt", records * 64, "avro-null"));
    reads.add(read("avro-null 100", AvroSource.from(path("avro-null-100.avro")).withSchema(LogicalRecords.SCHEMA),
        "avro-null-100.avro", varBytes, "avro-null 100"));
    reads.add(read("VB 100", variable(VariableFormat.blocked(), "vb-100.vb"), "vb-100.vb", varBytes, "avro-null 100"));
    reads.add(read("V 100", variable(VariableFormat.records(), "v-100.v"), "v-100.v", varBytes, "avro-null 100"));
    return reads;
  }

  /** One pass of the reader called {@code name}: returns the records it read. */
  long readOnce(String name) throws Exception {
    return reader(name).once();
  }

  /**
   * The reader called {@code name} (a row of the table, or {@code copy ceiling}), its source built
   * now, for a forked worker ({@link ForkedComparison}) to time pass after pass.
   */
  Run reader(String name) throws Exception {
    Path fixedFile = dir.resolve("fixed.bin");
    switch (name) {
      case "copy ceiling":
        return () -> copyCeiling(fixedFile, 64, true, true);
      case "copy only":
        return () -> copyCeiling(fixedFile, 64, true, false);
      case "claim only":
        return () -> copyCeiling(fixedFile, 64, false, true);
      case "read only":
        return () -> copyCeiling(fixedFile, 64, false, false);
      case "copy ceiling (Beam reader)": {
        BoundedSource<byte[]> source = wholeFile(name, CopyCeilingSource.of(fixedFile.toString()), options);
        return () -> readAll(name, source, options);
      }
      case "fixed units (Beam reader)": {
        BoundedSource<byte[]> source = wholeFile(name, CopyCeilingSource.withFixedFraming(fixedFile.toString()), options);
        return () -> readAll(name, source, options);
      }
      case "fixed units":
        return () -> fixedUnits(fixedFile, false);
      case "fixed units + claim":
        return () -> fixedUnits(fixedFile, true);
      case "tfrecord floor":
        return () -> tfRecordFloor(dir.resolve("data.tfrecord"));
      default:
        break;
    }
    List<ReadJob> jobs = new ArrayList<>(readJobs());
    long big = records / 64;
    jobs.add(raw("raw FileChannel 4 KiB", "fixed-4k.bin"));
    jobs.add(read("fixed 4 KiB -> byte[]", fixed("fixed-4k.bin", 4096), "fixed-4k.bin", big * 4096, null));
    for (ReadJob j : jobs) {
      if (j.name.equals(name)) {
        if (j.run == null) {
          throw new IllegalArgumentException(name + " is not selected (--only)");
        }
        return j.run;
      }
    }
    List<String> names = new ArrayList<>();
    jobs.forEach(j -> names.add(j.name));
    throw new IllegalArgumentException("no reader " + name + "; readers: " + names + ", copy ceiling");
  }

  /**
   * The floor of any checking TFRecord reader that emits {@code byte[]}s: the copy ceiling's loop
   * over TFRecord's framing (an 8-byte little-endian length, its masked CRC32C, the data, the data's
   * masked CRC32C), with both checksums computed (the JDK's intrinsic over arrays) and compared, and
   * Beam's claim. No damage handling, no resync, lengths trusted: less than a reader must do.
   */
  static long tfRecordFloor(Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    org.apache.beam.sdk.io.range.OffsetRangeTracker tracker =
        new org.apache.beam.sdk.io.range.OffsetRangeTracker(0, Files.size(file));
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    byte[] lengthBytes = new byte[8];
    long n = 0;
    long offset = 0;
    try (FileChannel ch = FileChannel.open(file)) {
      while (ch.read(buffer) >= 0 || buffer.position() > 0) {
        buffer.flip();
        while (buffer.remaining() >= 12) {
          int at = buffer.position();
          long length = buffer.getLong(at);
          if (buffer.remaining() < 16 + length) {
            break;
          }
          buffer.get(at, lengthBytes);
          crc.reset();
          crc.update(lengthBytes, 0, 8);
          if (mask(crc.getValue()) != buffer.getInt(at + 8)) {
            throw new IllegalStateException("length checksum at " + offset);
          }
          byte[] r = new byte[(int) length];
          buffer.get(at + 12, r);
          crc.reset();
          crc.update(r, 0, r.length);
          if (mask(crc.getValue()) != buffer.getInt(at + 12 + (int) length)) {
            throw new IllegalStateException("data checksum at " + offset);
          }
          ESCAPED[(int) n & (ESCAPED.length - 1)] = r;
          if (!tracker.tryReturnRecordAt(true, offset)) {
            throw new IllegalStateException("claim refused at " + offset);
          }
          buffer.position(at + 16 + (int) length);
          offset += 16 + length;
          n++;
        }
        buffer.compact();
        if (buffer.position() > 0 && ch.position() >= ch.size()) {
          break;
        }
      }
    }
    return n;
  }

  private static int mask(long crc) {
    return (int) (((crc >>> 15) | (crc << 17)) + 0xa282ead8L);
  }

  /**
   * binfiles' fixed-record framing driven directly, without Beam's reader: the unit reader's
   * records copied into new arrays as the {@code byte[]} element factory copies them (escaping, as
   * elements do), with or without Beam's claim per record. Against {@code fixed -> byte[]} it
   * separates what the framing costs from what Beam's {@code BoundedReader} machinery and the
   * adapter add.
   */
  static long fixedUnits(Path file, boolean claim) throws IOException {
    long size = Files.size(file);
    org.apache.beam.sdk.io.range.OffsetRangeTracker tracker = new org.apache.beam.sdk.io.range.OffsetRangeTracker(0, size);
    long n = 0;
    try (FileChannel ch = FileChannel.open(file)) {
      io.github.binfiles.framing.UnitReader units = FixedRecordFraming.of(64, 0, 0)
          .open(io.github.binfiles.framing.FileRange.of(file.toString(), size, 0, size, ch, true));
      while (units.next() == io.github.binfiles.framing.UnitReader.Unit.BLOCK) {
        // The fixed framing delivers its records in runs (each record a split point).
        for (io.github.binfiles.framing.RecordBlock run = units.block(); run.nextRecord(); ) {
          io.github.binfiles.framing.RecordView v = run.record();
          byte[] r = new byte[v.length()];
          v.directBuffer().get(v.index(), r, 0, r.length);
          ESCAPED[(int) n & (ESCAPED.length - 1)] = r;
          if (claim && !tracker.tryReturnRecordAt(true, v.fileOffset())) {
            throw new IllegalStateException("claim refused at " + v.fileOffset());
          }
          n++;
        }
      }
    }
    return n;
  }

  /** Where the floor loops keep their arrays, so that each escapes as a reader's element does. */
  private static final byte[][] ESCAPED = new byte[1024][];

  /**
   * The floor any {@code byte[]} reader of fixed records can reach: the file through a 1 MiB direct
   * buffer, each record copied into a new array, and Beam's per-record claim on an {@code
   * OffsetRangeTracker}, as a BoundedReader makes it. Without {@code copy} each record's last byte
   * is read instead of the record copied; without {@code claim} no claim is made: the parts of the
   * floor, for the per-record breakdown ({@code copy only}, {@code claim only}, {@code read only}).
   */
  static long copyCeiling(Path file, int length, boolean copy, boolean claim) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    org.apache.beam.sdk.io.range.OffsetRangeTracker tracker =
        new org.apache.beam.sdk.io.range.OffsetRangeTracker(0, Files.size(file));
    long n = 0;
    long offset = 0;
    long sink = 0;
    try (FileChannel ch = FileChannel.open(file)) {
      while (ch.read(buffer) >= 0 || buffer.position() > 0) {
        buffer.flip();
        while (buffer.remaining() >= length) {
          if (copy) {
            byte[] r = new byte[length];
            buffer.get(r);
            sink += r[length - 1];
            // Each record escapes, as a reader's element does (its getCurrent() returns it): the JIT
            // may not elide the allocation of an array that goes nowhere.
            ESCAPED[(int) n & (ESCAPED.length - 1)] = r;
          } else {
            sink += buffer.get(buffer.position() + length - 1);
            buffer.position(buffer.position() + length);
          }
          if (claim && !tracker.tryReturnRecordAt(true, offset)) {
            throw new IllegalStateException("claim refused at " + offset);
          }
          offset += length;
          n++;
        }
        buffer.compact();
        if (buffer.position() > 0 && ch.position() >= ch.size()) {
          break;
        }
      }
    }
    if (sink == Long.MIN_VALUE) {
      System.out.print(""); // keeps the copies alive for the JIT
    }
    return n;
  }

  private static String machine() {
    return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
        + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
  }

  private static String avroName(Codec c) {
    return c == Codec.NONE ? "null" : c.codecName();
  }

  private static CodecFactory avroCodec(String name) {
    switch (name) {
      case "deflate":
        return CodecFactory.deflateCodec(6);
      case "zstd":
        return CodecFactory.zstandardCodec(3);
      default:
        return CodecFactory.nullCodec();
    }
  }

  private String path(String file) {
    return dir.resolve(file).toString();
  }

  private ValueProvider<String> spec(String file) {
    return StaticValueProvider.of(path(file));
  }

  private BoundedSource<byte[]> fixed(String file, int length) {
    return FramedSource.of(spec(file), EmptyMatchTreatment.DISALLOW, FixedRecordFraming.of(length, 0, 0), Compression.AUTO, ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL);
  }

  /** 60 to 140 bytes, 100 on average: the sizes of the variable-length records. */
  static int variableSize(long i) {
    return 60 + (int) ((i * 37) % 81);
  }

  static long variableBytes(long n) {
    long total = 0;
    for (long i = 0; i < n; i++) {
      total += variableSize(i);
    }
    return total;
  }

  private BoundedSource<byte[]> variable(VariableFormat format, String file) {
    return FramedSource.of(spec(file), EmptyMatchTreatment.DISALLOW, format.framing(), Compression.UNCOMPRESSED,
        ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL);
  }

  private BoundedSource<byte[]> container(String file) {
    return FramedSource.of(spec(file), EmptyMatchTreatment.DISALLOW, ContainerFraming.defaults(),
        Compression.UNCOMPRESSED, ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of()),
        CorruptionPolicy.FAIL);
  }

  @SuppressWarnings("unchecked")
  static BoundedSource<byte[]> tfRecordSource(String file) throws Exception {
    // TFRecordIO keeps its source package-private; the harness reaches it as TFRecordIO.read() does.
    Class<?> c = Class.forName("org.apache.beam.sdk.io.TFRecordIO$TFRecordSource");
    Constructor<?> k = c.getDeclaredConstructor(ValueProvider.class);
    k.setAccessible(true);
    return (BoundedSource<byte[]>) k.newInstance(StaticValueProvider.of(file));
  }

  private <T> Row write(String name, String file, FileIO.Sink<T> sink, LongFunction<T> make, String baseline)
      throws Exception {
    return write(name, file, sink, make, baseline, records);
  }

  private <T> Row write(String name, String file, FileIO.Sink<T> sink, LongFunction<T> make, String baseline, long n)
      throws Exception {
    return write(name, file, sink, make, baseline, n, n * (file.contains("4k") ? 4096 : 64));
  }

  private <T> Row write(String name, String file, FileIO.Sink<T> sink, LongFunction<T> make, String baseline, long n,
      long logicalBytes) throws Exception {
    Path p = dir.resolve(file);
    if (reuse && Files.exists(p)) {
      return new Row(name, baseline, Files.size(p), logicalBytes, n, Double.NaN);
    }
    double[] times = new double[Math.max(1, runs / 2)];
    writeOnce(sink, make, p, Math.max(1, n / 10));
    for (int r = 0; r < times.length; r++) {
      times[r] = writeOnce(sink, make, p, n);
    }
    return new Row(name, baseline, Files.size(p), logicalBytes, n, median(times));
  }

  /**
   * The writer called {@code name} (a row of the write table: fixed, container CODEC[:LEVEL], avro-CODEC,
   * tfrecord, tfrecord (binfiles)), its inputs built now, for a forked worker to time pass after
   * pass; each pass writes all the records to a scratch file of the directory, deleted after.
   */
  Run writer(String name) throws Exception {
    LongFunction<byte[]> binary = i -> LogicalRecords.binary(i, 64);
    Path scratch = dir.resolve("forked-write-" + ProcessHandle.current().pid());
    if (name.equals("fixed")) {
      return writeRun(WriteToBinaryFiles.of(Formats.fixed(64)).sink(), binary, scratch);
    }
    if (name.startsWith("container ")) { // container CODEC, or container CODEC:LEVEL
      String[] codecLevel = name.substring("container ".length()).split(":");
      ContainerFileFormat format = Formats.container().withCodec(Codec.byName(codecLevel[0])).withFixedRecordLength(64);
      if (codecLevel.length > 1) {
        format = format.withCodecLevel(Integer.parseInt(codecLevel[1]));
      }
      return writeRun(WriteToBinaryFiles.of(format).sink(), binary, scratch);
    }
    if (name.startsWith("avro-")) {
      return writeRun(AvroIO.<GenericRecord>sink(LogicalRecords.SCHEMA).withCodec(avroCodec(name.substring(5))),
          i -> LogicalRecords.avro(i, 64), scratch);
    }
    if (name.equals("tfrecord")) {
      return writeRun(TFRecordIO.sink(), binary, scratch);
    }
    if (name.equals("tfrecord (binfiles)")) {
      return writeRun(WriteToBinaryFiles.of(Formats.tfRecord()).sink(), binary, scratch);
    }
    throw new IllegalArgumentException("no writer " + name
        + "; writers: fixed, container CODEC, avro-null, avro-deflate, avro-zstd, tfrecord, tfrecord (binfiles)");
  }

  private <T> Run writeRun(FileIO.Sink<T> sink, LongFunction<T> make, Path scratch) {
    List<T> inputs = inputPool(make, records);
    return () -> {
      try {
        writeRecords(sink, inputs, scratch, records);
      } finally {
        Files.deleteIfExists(scratch);
      }
      return records;
    };
  }

  /**
   * Inputs are built before the clock starts: up to {@link #POOL} distinct records, cycled. The pool
   * is larger than any codec's window (64 MiB of 64-byte records), so cycling does not help
   * compression.
   */
  private static <T> double writeOnce(FileIO.Sink<T> sink, LongFunction<T> make, Path p, long n) throws IOException {
    List<T> inputs = inputPool(make, n);
    settle();
    long start = System.nanoTime();
    writeRecords(sink, inputs, p, n);
    return (System.nanoTime() - start) / 1e9;
  }

  /** Up to {@link #POOL} distinct inputs for {@code n} records, made before any clock starts. */
  private static <T> List<T> inputPool(LongFunction<T> make, long n) {
    int pool = (int) Math.min(n, POOL);
    List<T> inputs = new ArrayList<>(pool);
    for (int i = 0; i < pool; i++) {
      inputs.add(make.apply(i));
    }
    return inputs;
  }

  /** Writes {@code n} records to {@code p} with {@code sink}, cycling through {@code inputs}. */
  private static <T> void writeRecords(FileIO.Sink<T> sink, List<T> inputs, Path p, long n) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      sink.open(ch);
      for (long i = 0; i < n; i++) {
        sink.write(inputs.get((int) (i % inputs.size())));
      }
      sink.flush();
    }
  }

  private static final int POOL = 1 << 20;

  /**
   * One reader of the comparison. Jobs are measured round-robin ({@link #measureAll}): on a shared
   * VM the speed of a core drifts over seconds, and interleaving gives every reader the same
   * conditions, so the ratios are what they would be on a quiet machine even when the MB/s are not.
   */
  private static final class ReadJob {
    final String name;
    final String baseline;
    final long fileBytes;
    final long logicalBytes;
    final Run run;
    final double[] times;
    long count;

    ReadJob(String name, String baseline, long fileBytes, long logicalBytes, int runs, Run run) {
      this.name = name;
      this.baseline = baseline;
      this.fileBytes = fileBytes;
      this.logicalBytes = logicalBytes;
      this.run = run;
      this.times = new double[runs];
    }

    Row row() {
      return new Row(name, baseline, fileBytes, logicalBytes, count, run == null ? Double.NaN : median(times));
    }
  }

  /** One timed pass over a file: returns the number of records read. */
  interface Run {
    long once() throws Exception;
  }

  /** Warms every job up, then times one pass of each job per round, {@code runs} rounds. */
  private void measureAll(List<ReadJob> jobs) throws Exception {
    for (ReadJob j : jobs) {
      for (int w = 0; w < warmup && j.run != null; w++) {
        j.run.once();
      }
    }
    for (int r = 0; r < runs; r++) {
      for (ReadJob j : jobs) {
        if (j.run == null) {
          continue;
        }
        settle();
        long start = System.nanoTime();
        j.count = j.run.once();
        j.times[r] = (System.nanoTime() - start) / 1e9;
      }
    }
  }

  /** The median over rounds of one reader's speed divided by another's in the same round. */
  private static double medianRatio(ReadJob job, ReadJob base) {
    if (base.run == null) {
      return Double.NaN;
    }
    double[] ratios = new double[job.times.length];
    for (int r = 0; r < ratios.length; r++) {
      ratios[r] = (job.logicalBytes / job.times[r]) / (base.logicalBytes / base.times[r]);
    }
    return median(ratios);
  }

  private <T> ReadJob read(String name, BoundedSource<T> source, String file, long logicalBytes, String baseline)
      throws Exception {
    long fileBytes = FileSystems.matchSingleFileSpec(path(file)).sizeBytes();
    if (!selected(name)) {
      return new ReadJob(name, baseline, fileBytes, logicalBytes, runs, null);
    }
    BoundedSource<T> single = wholeFile(name, source, options);
    return new ReadJob(name, baseline, fileBytes, logicalBytes, runs, () -> readAll(name, single, options));
  }

  /**
   * The splittable DoFn of {@code readFiles()} over one whole-file restriction, driven as a runner
   * drives it (its own tracker, wrapped as the SDK harness wraps it; the claim span readFiles()
   * uses), records to a counter.
   */
  private ReadJob splittable(String name, io.github.binfiles.framing.Framing framing, String file, long logicalBytes,
      String baseline) throws Exception {
    org.apache.beam.sdk.io.fs.MatchResult.Metadata m = FileSystems.matchSingleFileSpec(path(file));
    if (!selected(name)) {
      return new ReadJob(name, baseline, m.sizeBytes(), logicalBytes, runs, null);
    }
    io.github.binfiles.beam.SplittableReadFn<byte[]> fn = new io.github.binfiles.beam.SplittableReadFn<>(framing,
        FramedSource.defaultCompression(framing), ElementFactories.decoded(RecordDecoder.bytes(), ByteArrayCoder.of()), CorruptionPolicy.FAIL,
        Long.MAX_VALUE / 4, io.github.binfiles.beam.SplittableReadFn.DEFAULT_CLAIM_SPAN_BYTES);
    return new ReadJob(name, baseline, m.sizeBytes(), logicalBytes, runs, () -> {
      long[] n = {0};
      // Wrapped as the SDK harness wraps a DoFn's tracker (a lock and an observer around each claim).
      fn.read(m, Compression.AUTO, org.apache.beam.sdk.fn.splittabledofn.RestrictionTrackers.observe(
          fn.newTracker(fn.initialRestriction(m, Compression.AUTO)),
          new org.apache.beam.sdk.fn.splittabledofn.RestrictionTrackers.ClaimObserver<Long>() {
            @Override
            public void onClaimed(Long position) {}

            @Override
            public void onClaimFailed(Long position) {}
          }), r -> {
            if (r == null) {
              throw new IllegalStateException(name + ": null element");
            }
            n[0]++;
          }, options);
      return n[0];
    });
  }

  /** The one source a one-file source splits into for a huge bundle: one bundle, as a worker gets it. */
  static <T> BoundedSource<T> wholeFile(String name, BoundedSource<T> source, PipelineOptions options)
      throws Exception {
    List<? extends BoundedSource<T>> whole = source.split(Long.MAX_VALUE / 4, options);
    if (whole.size() != 1) {
      throw new IllegalStateException(name + ": expected one source for one file, got " + whole.size());
    }
    return whole.get(0);
  }

  /** Reads {@code source} through its {@code BoundedReader} as a worker does; returns the elements read. */
  static long readAll(String name, BoundedSource<?> source, PipelineOptions options) throws Exception {
    long n = 0;
    try (BoundedSource.BoundedReader<?> reader = source.createReader(options)) {
      for (boolean more = reader.start(); more; more = reader.advance()) {
        if (reader.getCurrent() == null) {
          throw new IllegalStateException(name + ": null element");
        }
        n++;
      }
    }
    return n;
  }

  private ReadJob raw(String name, String file) throws IOException {
    Path p = dir.resolve(file);
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    long size = Files.size(p);
    long records = size / (file.contains("4k") ? 4096 : 64);
    return new ReadJob(name, null, size, size, runs, () -> {
      readRaw(p, buffer);
      return records;
    });
  }

  /** The raw read: the whole file through {@code buffer} with a {@code FileChannel}; returns its bytes. */
  static long readRaw(Path p, ByteBuffer buffer) throws IOException {
    long bytes = 0;
    try (FileChannel ch = FileChannel.open(p)) {
      for (int n = ch.read(buffer.clear()); n >= 0; n = ch.read(buffer.clear())) {
        bytes += n;
      }
    }
    return bytes;
  }

  /**
   * Every measured run starts from a collected heap, so that garbage left by an earlier
   * measurement (the write phase's input pools) is not collected on this one's clock.
   */
  private static void settle() {
    System.gc();
    System.gc();
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private void printReads(List<ReadJob> jobs, ReadJob raw4kJob, ReadJob fixed4kJob) {
    Map<String, Row> byName = new LinkedHashMap<>();
    List<Row> reads = new ArrayList<>();
    jobs.forEach(j -> reads.add(j.row()));
    reads.forEach(r -> byName.put(r.name, r));
    Row raw4k = raw4kJob.row();
    Row fixed4k = fixed4kJob.row();
    Row raw = byName.get("raw FileChannel");
    out.println();
    out.println("READ (single thread, BoundedReader loop as a worker runs it; MB/s of 64-byte logical records)");
    out.printf("| %-20s | %9s | %9s | %11s | %10s | %8s |%n", "reader", "file MB", "MB/s", "M records/s", "x baseline", "x raw");
    out.println("|----------------------|-----------|-----------|-------------|------------|----------|");
    for (Row r : reads) {
      Row base = r.baseline == null ? null : byName.get(r.baseline);
      out.printf("| %-20s | %9.1f | %9.0f | %11.2f | %10s | %8.3f |%n", r.name, r.fileBytes / 1e6, r.mbPerSecond(),
          r.count / 1e6 / r.seconds, base == null ? "-" : String.format("%.2f (%s)", r.mbPerSecond() / base.mbPerSecond(), baselineLabel(r.baseline)),
          r.mbPerSecond() / raw.mbPerSecond());
    }
    out.printf("| %-20s | %9.1f | %9.0f | %11.3f | %10s | %8s |%n", raw4k.name, raw4k.fileBytes / 1e6, raw4k.mbPerSecond(), raw4k.count / 1e6 / raw4k.seconds, "-", "1.000");
    out.printf("| %-20s | %9.1f | %9.0f | %11.3f | %10s | %8.3f |%n", fixed4k.name, fixed4k.fileBytes / 1e6, fixed4k.mbPerSecond(), fixed4k.count / 1e6 / fixed4k.seconds, "-", fixed4k.mbPerSecond() / raw4k.mbPerSecond());
    Map<String, ReadJob> jobByName = new LinkedHashMap<>();
    jobs.forEach(j -> jobByName.put(j.name, j));
    ReadJob vb = jobByName.get("VB 100");
    if (vb.run != null) {
      out.printf("VB read by binfiles: %.2fx AvroSource (null codec) on the same records of 60-140 bytes;"
          + " V: %.2fx (medians of the ratios within each round)%n",
          medianRatio(vb, jobByName.get("avro-null 100")), medianRatio(jobByName.get("V 100"), jobByName.get("avro-null 100")));
    }
    ReadJob tf = jobByName.get("tfrecord (binfiles)");
    if (tf.run != null) {
      out.printf("TFRecord read by binfiles: %.1fx TFRecordIO, %.2fx AvroSource (null codec)"
              + " (medians of the ratios within each round; readers interleaved)%n",
          medianRatio(tf, jobByName.get("tfrecord")), medianRatio(tf, jobByName.get("avro-null")));
    }
    for (Row r : reads) {
      long expected = r.name.startsWith("raw") ? r.count : records;
      if (!Double.isNaN(r.seconds) && r.count != expected) {
        throw new IllegalStateException(r.name + " read " + r.count + " records, expected " + expected);
      }
    }
    if (!Double.isNaN(fixed4k.seconds) && fixed4k.count != records / 64) {
      throw new IllegalStateException("fixed 4 KiB read " + fixed4k.count + " records, expected " + records / 64);
    }
  }

  /** Avro baselines by codec ("null", "zstd"), others by name ("tfrecord"). */
  private static String baselineLabel(String baseline) {
    return baseline.startsWith("avro-") ? baseline.substring(5) : baseline;
  }

  private void printWrites(List<Row> writes) {
    Map<String, Row> byName = new LinkedHashMap<>();
    writes.forEach(r -> byName.put(r.name, r));
    out.println();
    out.println("WRITE (single thread, FileIO.Sink loop; inputs prebuilt, up to 1,048,576 distinct records cycled)");
    out.printf("| %-20s | %9s | %9s | %11s | %10s |%n", "writer", "file MB", "MB/s", "M records/s", "x baseline");
    out.println("|----------------------|-----------|-----------|-------------|------------|");
    for (Row r : writes) {
      Row base = r.baseline == null ? null : byName.get(r.baseline);
      out.printf("| %-20s | %9.1f | %9.0f | %11.2f | %10s |%n", r.name, r.fileBytes / 1e6, r.mbPerSecond(),
          r.count / 1e6 / r.seconds,
          base == null ? "-" : String.format("%.2f (%s)", r.mbPerSecond() / base.mbPerSecond(), baselineLabel(r.baseline)));
    }
  }
}
