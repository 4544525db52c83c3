package io.github.binfiles.tools;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.binfiles.sample.SampleRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Runs each command as a user would: arguments in; stdout, stderr and exit code out. */
public class CliTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static Path dir;
  private static Path container;
  private static Path fixedFile;

  /** What one run printed and returned. */
  static final class Run {
    int code;
    String out;
    String err;
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Run r = new Run();
    r.code = BinfilesCli.run(args, new PrintWriter(out), new PrintWriter(err));
    r.out = out.toString();
    r.err = err.toString();
    return r;
  }

  @BeforeClass
  public static void generate() throws Exception {
    dir = TMP.newFolder().toPath();
    Run c = run("generate", dir.resolve("c/part").toString(), "--format=container", "--records=20000",
        "--record-size=64", "--codec=zstd", "--block-size=16384", "--shards=2");
    assertEquals(c.err, 0, c.code);
    Run f = run("generate", dir.resolve("f/part").toString(), "--format=fixed", "--records=5000",
        "--record-size=48", "--shards=1");
    assertEquals(f.err, 0, f.code);
    container = files(dir.resolve("c")).get(0);
    fixedFile = files(dir.resolve("f")).get(0);
  }

  static List<Path> files(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }

  /** The copybook listing, and a copybook error naming its line and column (exit 2). */
  @Test
  public void copybookPrintsTheFieldListing() throws Exception {
    java.nio.file.Path cob = dir.resolve("accounts.cob");
    java.nio.file.Files.writeString(cob, "       01  ACCOUNT.\n"
        + "           05  ID        PIC S9(9) COMP.\n"
        + "           05  BALANCE   PIC S9(7)V99 COMP-3.\n"
        + "           05  NAME      PIC X(12).\n"
        + "           05  CODE-N    REDEFINES NAME PIC 9(12).\n");
    Run r = run("copybook", cob.toString());
    assertEquals(r.err, 0, r.code);
    String[] lines = r.out.split("\\R");
    assertEquals(6, lines.length);
    assertEquals("1 ACCOUNT 1 21 21", lines[1].trim().replaceAll("\\s+", " "));
    assertEquals("5 BALANCE 5 9 5", lines[3].trim().replaceAll("\\s+", " "));
    assertEquals("5 CODE-N R 10 21 12", lines[5].trim().replaceAll("\\s+", " "));
    java.nio.file.Files.writeString(cob, "       01  R.\n           05  A  PIC 9(4)Q.\n");
    Run bad = run("copybook", cob.toString());
    assertEquals(2, bad.code);
    assertTrue(bad.err, bad.err.contains("copybook line 2, column 27: PIC 9(4)Q: 'Q'"));
  }

  /** Data read with a copybook: cat prints nested rows, inspect the field table, verify decodes every field. */
  @Test
  public void copybookReadsMainframeRecords() throws Exception {
    String cob = Paths.get("..", "testdata", "copybook", "CUSTOMER.cpy").toString();
    String data = Paths.get("..", "testdata", "copybook", "customers.ebc").toString();
    Run cat = run("cat", "--copybook", cob, "--record-types", "REC-TYPE:A=ACCOUNT-DATA,D=ADDRESS-DATA",
        "--limit", "2", data);
    assertEquals(cat.err, 0, cat.code);
    String[] lines = cat.out.split("\\R");
    assertEquals(2, lines.length);
    JsonNode first = new ObjectMapper().readTree(lines[0]).get("row");
    assertEquals("SURNAME0", first.get("ACCOUNT_DATA").get("CUST_NAME").get("LAST_NAME").asText());
    assertTrue(lines[0], lines[0].contains("\"BALANCE\":-0.50,"));
    assertTrue(first.get("ADDRESS_DATA").isNull());
    JsonNode second = new ObjectMapper().readTree(lines[1]).get("row");
    assertEquals("LEEDS", second.get("ADDRESS_DATA").get("CITY").asText());
    Run inspect = run("inspect", "--copybook", cob, data, "--json");
    assertEquals(inspect.err, 0, inspect.code);
    JsonNode fields = new ObjectMapper().readTree(inspect.out).get("fields");
    assertEquals("bytes 51..121  length 70  group x 0..5 (DEPENDING ON TX_COUNT), 14 bytes each",
        fields.get("ACCOUNT_DATA.TRANSACTIONS[]").asText());
    assertEquals(20, new ObjectMapper().readTree(inspect.out).get("records").asInt());
    Run table = run("inspect", "--copybook", cob, data);
    String listing = table.out.substring(table.out.indexOf("fields:"));
    assertEquals(Files.readString(Paths.get("..", "testdata", "copybook", "CUSTOMER.fields.txt")),
        listing.substring(listing.indexOf('\n') + 1));
    Run verify = run("verify", "--copybook", cob, data);
    assertEquals(verify.out + verify.err, 0, verify.code);
    // convert stores the copybook's layout in the container: cat needs no copybook, and the bytes come back
    Path conv = TMP.newFolder().toPath();
    Run c = run("convert", data, conv.resolve("c").toString(), "--from=fixed", "--to=container", "--copybook", cob,
        "--record-types", "REC-TYPE:A=ACCOUNT-DATA,D=ADDRESS-DATA");
    assertEquals(c.err, 0, c.code);
    Run stored = run("cat", conv.resolve("c-00000-of-00001.bfc").toString(), "--limit=2");
    assertEquals(cat.out, stored.out);
    Run back = run("convert", conv.resolve("c-00000-of-00001.bfc").toString(), conv.resolve("f").toString(),
        "--from=container", "--to=fixed", "--record-length=121");
    assertEquals(back.err, 0, back.code);
    org.junit.Assert.assertArrayEquals(Files.readAllBytes(Paths.get(data)),
        Files.readAllBytes(conv.resolve("f-00000-of-00001.bin")));
    Run wrongLength = run("verify", "--copybook", cob, "--record-length", "120", data);
    assertEquals(2, wrongLength.code);
    assertTrue(wrongLength.err, wrongLength.err.contains("121-byte records"));
  }

  /** The records of a file as printed by cat (hex), in the order cat prints them. */
  private static List<String> catHex(String file, String... options) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("cat", file, "--limit=-1"));
    args.addAll(List.of(options));
    Run r = run(args.toArray(new String[0]));
    assertEquals(r.err, 0, r.code);
    List<String> out = new java.util.ArrayList<>();
    for (String line : r.out.split("\\R")) {
      out.add(new ObjectMapper().readTree(line).get("hex").asText());
    }
    return out;
  }

  private static List<String> records(byte[] data, int length) {
    List<String> out = new java.util.ArrayList<>();
    for (int at = 0; at < data.length; at += length) {
      out.add(java.util.HexFormat.of().formatHex(data, at, at + length));
    }
    return out;
  }

  /**
   * Convert keeps file correspondence and record order (input i -> output i, record n -> record n)
   * on the local engine and on the DirectRunner alike: same file names, same records in the same
   * order; with --shards the resharding pipeline gives the same records in some order.
   */
  @Test
  public void convertKeepsOrderAndFilesLocallyAndOnTheDirectRunner() throws Exception {
    Path in = TMP.newFolder().toPath();
    java.util.Random random = new java.util.Random(7);
    List<byte[]> inputs = new java.util.ArrayList<>();
    for (int f = 0; f < 3; f++) {
      byte[] data = new byte[16 * (500 + 700 * f)];
      random.nextBytes(data);
      Files.write(in.resolve("part-" + f + ".bin"), data);
      inputs.add(data);
    }
    List<String> all = new java.util.ArrayList<>();
    for (String runner : new String[] {null, "--runner=DirectRunner"}) {
      Path dir = TMP.newFolder().toPath();
      String out = dir.resolve("c").toString();
      List<String> args = new java.util.ArrayList<>(List.of("convert", in + "/*.bin", out, "--from=fixed",
          "--record-length=16", "--to=container", "--block-size=4096"));
      if (runner != null) {
        args.add(runner);
      }
      Run r = run(args.toArray(new String[0]));
      assertEquals(runner + ": " + r.err, 0, r.code);
      assertTrue(r.out, r.out.startsWith("converted 3,600 records"));
      assertEquals(runner, List.of("c-00000-of-00003.bfc", "c-00001-of-00003.bfc", "c-00002-of-00003.bfc"), names(dir));
      for (int f = 0; f < 3; f++) {
        assertEquals(runner + ", file " + f, records(inputs.get(f), 16), catHex(out + "-0000" + f + "-of-00003.bfc"));
      }
    }
    inputs.forEach(data -> all.addAll(records(data, 16)));
    String viaBeam = TMP.newFolder().toPath().resolve("b").toString();
    Run beam = run("convert", in + "/*.bin", viaBeam, "--from=fixed", "--record-length=16", "--to=container",
        "--runner=DirectRunner", "--shards=1");
    assertEquals(beam.err, 0, beam.code);
    List<String> beamRecords = catHex(viaBeam + "-00000-of-00001.bfc");
    java.util.Collections.sort(beamRecords);
    java.util.Collections.sort(all);
    assertEquals(all, beamRecords);
  }

  /**
   * --range-size splits one file into ranges by its framing, one output per range: in name order
   * the outputs hold the input's records in order, on the local engine and the DirectRunner; a
   * gzip file cannot be split and stays one task.
   */
  @Test
  public void rangeSizeSplitsOneFileIntoOrderedOutputs() throws Exception {
    Path in = TMP.newFolder().toPath();
    byte[] data = new byte[16 * 3000];
    new java.util.Random(11).nextBytes(data);
    Files.write(in.resolve("big.bin"), data);
    try (java.io.OutputStream gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(in.resolve("big.bin.gz")))) {
      gz.write(data);
    }
    for (String runner : new String[] {"--shards=0", "--runner=DirectRunner"}) {
      Path dir = TMP.newFolder().toPath();
      Run r = run("convert", in + "/big.bin", dir.resolve("c").toString(), "--from=fixed", "--record-length=16",
          "--to=container", "--block-size=1024", "--range-size=10k", runner);
      assertEquals(runner + ": " + r.err, 0, r.code);
      List<String> outputs = names(dir);
      assertEquals(runner + ": " + outputs, 5, outputs.size()); // 48,000 bytes in ranges of about 10 KiB
      List<String> records = new java.util.ArrayList<>();
      for (String name : outputs) {
        List<String> part = catHex(dir.resolve(name).toString());
        assertTrue(runner + ": " + name + " is empty", part.size() > 0);
        records.addAll(part);
      }
      assertEquals(runner, records(data, 16), records);
      Path gzDir = TMP.newFolder().toPath();
      Run g = run("convert", in + "/big.bin.gz", gzDir.resolve("c").toString(), "--from=fixed", "--record-length=16",
          "--to=container", "--range-size=10k", runner);
      assertEquals(runner + ": " + g.err, 0, g.code);
      assertEquals(runner, List.of("c-00000-of-00001.bfc"), names(gzDir));
      assertEquals(runner, records(data, 16), catHex(gzDir.resolve("c-00000-of-00001.bfc").toString()));
    }
  }

  private static List<String> names(Path dir) throws Exception {
    List<String> names = new java.util.ArrayList<>();
    for (Path p : files(dir)) {
      names.add(p.getFileName().toString());
    }
    java.util.Collections.sort(names);
    return names;
  }

  /** Generate: file s holds records s*N/shards.. in order, locally and on the DirectRunner. */
  @Test
  public void generateWritesEachFileInOrderLocallyAndOnTheDirectRunner() throws Exception {
    for (String runner : new String[] {null, "--runner=DirectRunner"}) {
      Path dir = TMP.newFolder().toPath();
      List<String> args = new java.util.ArrayList<>(List.of("generate", dir.resolve("p").toString(), "--format=fixed",
          "--records=1000", "--record-size=32", "--shards=3"));
      if (runner != null) {
        args.add(runner);
      }
      Run g = run(args.toArray(new String[0]));
      assertEquals(runner + ": " + g.err, 0, g.code);
      assertEquals(runner, List.of("p-00000-of-00003.bin", "p-00001-of-00003.bin", "p-00002-of-00003.bin"), names(dir));
      long id = 0;
      for (int s = 0; s < 3; s++) {
        List<String> recs = catHex(dir.resolve("p-0000" + s + "-of-00003.bin").toString(), "--record-length=32");
        assertEquals(1000 * (s + 1) / 3 - 1000 * s / 3, recs.size());
        for (String r : recs) {
          assertEquals(runner, java.util.HexFormat.of().formatHex(SampleRecords.record(id++, 32)), r);
        }
      }
    }
  }

  /**
   * A conversion that fails part-way leaves nothing at the final name, and no temporary file, on
   * the local engine and on the DirectRunner; under skip both write the same records and regions.
   */
  @Test
  public void aFailedConvertLeavesNoOutputAndSkipReportsTheSameRegions() throws Exception {
    Path in = TMP.newFolder().toPath();
    byte[] data = new byte[16 * 1000 + 5]; // 5 bytes of a torn last record: damage under FAIL
    Files.write(in.resolve("torn.bin"), data);
    String regions = null;
    for (String runner : new String[] {"--shards=0", "--runner=DirectRunner"}) { // --shards=0: the default
      Path outDir = TMP.newFolder().toPath();
      Run r = run("convert", in + "/torn.bin", outDir.resolve("c").toString(), "--from=fixed", "--record-length=16",
          "--to=container", runner);
      assertEquals(runner + ": " + r.out, 2, r.code);
      assertTrue(r.err, r.err.contains("torn.bin"));
      assertEquals(runner, List.of(), files(outDir));
      Run skip = run("convert", in + "/torn.bin", outDir.resolve("s").toString(), "--from=fixed", "--record-length=16",
          "--to=container", "--on-corruption=skip", runner);
      assertEquals(skip.err, 0, skip.code);
      assertTrue(skip.out, skip.out.contains("skipped regions in"));
      assertEquals(1000, catHex(outDir.resolve("s-00000-of-00001.bfc").toString()).size());
      String found = Files.readString(outDir.resolve("s-skipped-regions.jsonl"));
      assertTrue(found, found.contains("\"start\":16000"));
      if (regions != null) {
        assertEquals("the same region report on both paths", regions, found);
      }
      regions = found;
    }
  }

  @Test
  public void inspectShowsContainerMetadataAndIndex() throws Exception {
    Run r = run("inspect", container.toString(), "--json");
    assertEquals(r.err, 0, r.code);
    JsonNode j = new ObjectMapper().readTree(r.out);
    assertEquals("binfiles container", j.get("format").asText());
    assertEquals("zstd", j.get("metadata").get("binfiles.codec").asText());
    assertEquals("fixed:64", j.get("metadata").get("binfiles.records").asText());
    long records = j.get("records").asLong();
    Path other = files(dir.resolve("c")).get(1);
    JsonNode j2 = new ObjectMapper().readTree(run("inspect", other.toString(), "--json").out);
    assertEquals(20_000, records + j2.get("records").asLong());
    assertTrue(j.get("blocks").asLong() > 10);
    Run text = run("inspect", container.toString());
    assertTrue(text.out, text.out.contains("records:") && text.out.contains(String.valueOf(records)));
  }

  @Test
  public void inspectFixedNeedsARecordLengthAndSaysSoInOneLine() {
    Run r = run("inspect", fixedFile.toString());
    assertEquals(2, r.code);
    assertEquals(r.err, 1, r.err.trim().split("\n").length);
    assertTrue(r.err, r.err.contains("give --record-length"));
    Run ok = run("inspect", fixedFile.toString(), "--record-length=48", "--json");
    assertEquals(ok.err, 0, ok.code);
    assertTrue(ok.out, ok.out.contains("\"records\":5000"));
  }

  @Test
  public void verifyCleanFilesExitsZero() {
    Run r = run("verify", dir.resolve("c").toString() + "/*");
    assertEquals(r.out + r.err, 0, r.code);
    assertEquals(r.out, 2, r.out.split("\n").length);
    assertTrue(r.out, r.out.startsWith("OK"));
    Run f = run("verify", fixedFile.toString(), "--record-length=48");
    assertEquals(f.out + f.err, 0, f.code);
  }

  @Test
  public void verifyDamagedFilesPrintsRegionsAndExitsOne() throws Exception {
    Path damaged = TMP.newFile("damaged.bfc").toPath();
    byte[] bytes = Files.readAllBytes(container);
    bytes[bytes.length / 2] ^= 0x20;
    Files.write(damaged, bytes);
    Run r = run("verify", damaged.toString());
    assertEquals(r.out + r.err, 1, r.code);
    assertTrue(r.out, r.out.startsWith("DAMAGED " + damaged));
    assertTrue(r.out, r.out.contains("payload CRC32C mismatch") || r.out.contains("block header"));
    assertTrue(r.out, r.out.contains("lost records ["));
    Run j = run("verify", damaged.toString(), "--json");
    assertFalse(new ObjectMapper().readTree(j.out).get("clean").asBoolean());

    Path partial = TMP.newFile("partial.bin").toPath();
    Files.write(partial, java.util.Arrays.copyOf(Files.readAllBytes(fixedFile), 48 * 10 + 7));
    Run p = run("verify", partial.toString(), "--record-length=48");
    assertEquals(1, p.code);
    assertTrue(p.out, p.out.contains("bytes [480, 487)"));
  }

  @Test
  public void catPrintsRecordsFromAnOrdinal() throws Exception {
    Run r = run("cat", container.toString(), "--from-record=7", "--limit=3");
    assertEquals(r.err, 0, r.code);
    String[] lines = r.out.trim().split("\n");
    assertEquals(3, lines.length);
    JsonNode first = new ObjectMapper().readTree(lines[0]);
    assertEquals(7, first.get("ordinal").asLong());
    // Record 7 of the first shard is some sample record: check it is a well-formed one.
    byte[] bytes = hex(first.get("hex").asText());
    long id = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    assertTrue(java.util.Arrays.equals(SampleRecords.record(id, 64), bytes));
    Run f = run("cat", fixedFile.toString(), "--record-length=48", "--limit=1", "--encoding=base64");
    assertEquals(f.err, 0, f.code);
    assertTrue(f.out, f.out.startsWith("{\"ordinal\":0,\"base64\":\""));
  }

  @Test
  public void convertFixedToContainerAndBackWithSkipReport() throws Exception {
    Path in = TMP.newFolder().toPath();
    Files.write(in.resolve("a.bin"), Files.readAllBytes(fixedFile));
    Files.write(in.resolve("b.bin"), java.util.Arrays.copyOf(Files.readAllBytes(fixedFile), 48 * 100 + 5));
    String out = in.resolve("out/conv").toString();
    Run r = run("convert", in + "/*.bin", out, "--from=fixed", "--to=container", "--record-length=48",
        "--codec=lz4", "--on-corruption=skip", "--shards=1", "--runner=DirectRunner"); // resharding: the Beam path
    assertEquals(r.err, 0, r.code);
    assertTrue(r.out, r.out.contains("converted 5,100 records"));
    String report = new String(Files.readAllBytes(Path.of(out + "-skipped-regions.jsonl")), StandardCharsets.UTF_8);
    assertTrue(report, report.contains("\"start\":4800,\"end\":4805"));
    Run back = run("convert", out + "-*.bfc", in.resolve("back/b").toString(), "--from=container",
        "--to=fixed", "--record-length=48", "--shards=1");
    assertEquals(back.err, 0, back.code);
    Run v = run("verify", in.resolve("back").toString() + "/*", "--record-length=48", "--json");
    assertTrue(v.out, v.out.contains("\"records\":5100"));
  }

  /** The CLI names no format: every pair of registered formats converts, record for record. */
  @Test
  public void convertWorksBetweenEveryPairOfRegisteredFormats() throws Exception {
    Path root = TMP.newFolder().toPath();
    List<String> names = new java.util.ArrayList<>();
    io.github.binfiles.format.FormatRegistry.providers().forEach(p -> names.add(p.name()));
    assertTrue(names.toString(), names.size() >= 2);
    for (String from : names) {
      String sample = root.resolve(from + "/part").toString();
      Run g = run("generate", sample, "--format=" + from, "--records=300", "--record-size=48", "--shards=1");
      assertEquals(g.err, 0, g.code);
      List<String> expected = sortedRecords(sample + "-00000-of-00001*");
      assertEquals(300, expected.size());
      for (String to : names) {
        String out = root.resolve(from + "-to-" + to + "/part").toString();
        Run c = run("convert", sample + "-*", out, "--from=" + from, "--to=" + to, "--record-length=48",
            "--shards=1");
        assertEquals(from + " -> " + to + ": " + c.err, 0, c.code);
        assertEquals(from + " -> " + to, expected, sortedRecords(out + "-00000-of-00001*"));
      }
    }
  }

  /** Every record of the one file matching {@code pattern}, as hex, sorted. */
  private static List<String> sortedRecords(String pattern) {
    Run r = run("cat", pattern, "--record-length=48", "--limit=-1", "--raw");
    assertEquals(r.err, 0, r.code);
    List<String> lines = new java.util.ArrayList<>();
    for (String line : r.out.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.replaceAll("\"(ordinal|offset)\":\\d+,", ""));
      }
    }
    java.util.Collections.sort(lines);
    return lines;
  }

  @Test
  public void convertFailsOnDamageByDefaultWithOneLine() throws Exception {
    Path in = TMP.newFolder().toPath();
    Files.write(in.resolve("b.bin"), java.util.Arrays.copyOf(Files.readAllBytes(fixedFile), 48 * 10 + 5));
    Run r = run("convert", in + "/*.bin", in.resolve("o/x").toString(), "--from=fixed", "--to=container",
        "--record-length=48");
    assertEquals(2, r.code);
    assertTrue(r.err, r.err.contains("b.bin at byte 480: the file's size does not fit the settings: 485 bytes ="
        + " 0 header + 10 records of 48 + 5 partial + 0 trailer"));
    assertFalse(r.err, r.err.contains("\tat "));
  }

  private static final String ACCOUNTS = Path.of("..", "testdata", "accounts-ebcdic-32.dat").toString();
  private static final String BAD_FIELD = Path.of("..", "testdata", "accounts-ebcdic-32-badfield.dat").toString();
  private static final String LAYOUT = "--layout=" + Path.of("..", "testdata", "accounts.layout.json");

  @Test
  public void catWithALayoutPrintsNamedFields() {
    Run r = run("cat", ACCOUNTS, LAYOUT, "--from-record=1", "--limit=1");
    assertEquals(r.err, 0, r.code);
    assertEquals("{\"ordinal\":1,\"row\":{\"account\":1001,\"name\":\"BAKER 1\",\"balance\":-3765.44,\"status\":1}}",
        r.out.trim());
    Run raw = run("cat", ACCOUNTS, LAYOUT, "--limit=1", "--raw");
    assertTrue(raw.out, raw.out.startsWith("{\"ordinal\":0,\"hex\":\"000003e8c1c4c1d4e240f040"));
    Run conflict = run("cat", ACCOUNTS, LAYOUT, "--record-length=16");
    assertEquals(2, conflict.code);
    assertTrue(conflict.err, conflict.err.contains("--record-length 16 but the layout in"));
  }

  @Test
  public void anUndecodableFieldFailsCatUnlessSkippedAndMakesVerifyExitOne() throws Exception {
    Run fail = run("cat", BAD_FIELD, LAYOUT, "--limit=-1");
    assertEquals(2, fail.code);
    assertTrue(fail.err, fail.err.contains("accounts-ebcdic-32-badfield.dat at byte 160: could not decode record 5:"
        + " field balance (packed_decimal(6, scale 2)) at record byte 16 holds 000001172807"));
    Run skip = run("cat", BAD_FIELD, LAYOUT, "--limit=-1", "--skip-damage");
    assertEquals(skip.err, 0, skip.code);
    assertEquals(20, skip.out.trim().split("\n").length);
    assertTrue(skip.out, skip.out.contains("{\"ordinal\":5,\"row\":{\"account\":1005,\"name\":\"FISHER 5\",\"balance\":null,\"status\":1}}"));
    assertTrue(skip.err, skip.err.startsWith("nulled: ") && skip.err.contains("record 5 at byte 160: field balance"));

    Run v = run("verify", BAD_FIELD, ACCOUNTS, LAYOUT);
    assertEquals(v.out + v.err, 1, v.code);
    assertTrue(v.out, v.out.contains("DAMAGED") && v.out.contains("undecodable fields: 1"));
    assertTrue(v.out, v.out.contains("record 5 field balance (record byte 16) holds 000001172807: "));
    assertTrue(v.out, v.out.contains("OK      ") && v.out.contains("accounts-ebcdic-32.dat: 20 records, undecodable fields: 0"));
  }

  @Test
  public void convertWithALayoutStoresItInTheContainer() throws Exception {
    String out = TMP.newFolder().toPath().resolve("acct").toString();
    Run c = run("convert", ACCOUNTS, out, "--from=fixed", "--to=container", LAYOUT, "--shards=1");
    assertEquals(c.err, 0, c.code);
    String bfc = out + "-00000-of-00001.bfc";
    // The pipeline does not keep the input order: look for the record, not its ordinal.
    Run cat = run("cat", bfc, "--limit=-1");
    assertEquals(20, cat.out.trim().split("\n").length);
    assertTrue(cat.out, cat.out.contains("\"row\":{\"account\":1001,\"name\":\"BAKER 1\",\"balance\":-3765.44,\"status\":1}}"));
    JsonNode info = new ObjectMapper().readTree(run("inspect", bfc, "--json").out);
    assertEquals("bytes 16..22  length 6  packed_decimal(6, scale 2)", info.get("fields").get("balance").asText());
    assertEquals(0, run("verify", bfc).code);
  }

  @Test
  public void demoChecksEveryRecord() {
    Run r = run("demo", "--records=20000", "--dir=" + dir.resolve("demo"));
    assertEquals(r.out + r.err, 0, r.code);
    assertTrue(r.out, r.out.contains("every record came back exactly once and unaltered: OK"));
  }

  @Test
  public void tuneRecommendsABundleSize() {
    Run r = run("tune", dir.resolve("c").toString() + "/*", "--bundle-sizes-mib=1,4", "--parallelism=2");
    assertEquals(r.err, 0, r.code);
    assertTrue(r.out, r.out.contains("recommendation: desired bundle size"));
    assertTrue(r.out, r.out.contains("container blocks average"));
  }

  @Test
  public void everyCommandHasHelp() {
    for (String c : new String[] {"demo", "generate", "inspect", "verify", "cat", "convert", "tune"}) {
      Run r = run(c, "--help");
      assertEquals(c, 0, r.code);
      assertTrue(c + ": " + r.out, r.out.startsWith("Usage: binfiles " + c));
    }
    // picocli wraps each description line at 80 columns on its own; longer lines leave orphans.
    new picocli.CommandLine(new BinfilesCli()).getSubcommands().forEach((name, sub) -> {
      for (String line : sub.getCommandSpec().usageMessage().description()) {
        assertTrue(name + ": description line over 79 characters: " + line, line.length() <= 79);
      }
    });
  }

  @Test
  public void missingFileIsOneLineError() {
    Run r = run("inspect", dir.resolve("nope.bfc").toString());
    assertEquals(2, r.code);
    assertTrue(r.err, r.err.startsWith("binfiles inspect: error: no file matches"));
  }

  private static byte[] hex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }

  /** Issue 10, case 8: compressed fixed files are decompressed like reads do; partial records are damage. */
  @Test
  public void compressedAndPartialFixedFilesAreReadAsPipelinesReadThem() throws Exception {
    byte[] records = Files.readAllBytes(fixedFile);
    Path gz = dir.resolve("fixed.bin.gz");
    try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(records);
    }
    Run cat = run("cat", gz.toString(), "--record-length=48", "--limit=1");
    assertEquals(cat.err, 0, cat.code);
    String first = java.util.HexFormat.of().formatHex(records, 0, 48);
    assertTrue(cat.out, cat.out.contains(first));
    Run verify = run("verify", gz.toString(), "--record-length=48");
    assertEquals(verify.out, 0, verify.code);
    assertTrue(verify.out, verify.out.contains("OK") && verify.out.contains("5,000 records"));
    byte[] compressed = Files.readAllBytes(gz);
    Path cut = dir.resolve("cut.bin.gz");
    Files.write(cut, java.util.Arrays.copyOf(compressed, compressed.length / 2));
    Run damaged = run("verify", cut.toString(), "--record-length=48");
    assertEquals(1, damaged.code);
    assertTrue(damaged.out, damaged.out.contains("damaged or truncated"));

    Path partial = dir.resolve("partial.bin");
    Files.write(partial, java.util.Arrays.copyOf(records, records.length - 5));
    Run failing = run("cat", partial.toString(), "--record-length=48", "--from-record=4998");
    assertEquals(2, failing.code);
    assertTrue(failing.err, failing.err.contains("239995 bytes = 0 header + 4999 records of 48 + 43 partial"));
    assertTrue(failing.err, failing.err.contains("a header of 43, 91, 139, 187 (43 + a multiple of 48) bytes"));
    Run skipping = run("cat", partial.toString(), "--record-length=48", "--from-record=4998", "--skip-damage");
    assertEquals(skipping.err, 0, skipping.code);
    assertTrue(skipping.err, skipping.err.contains("skipped:") && skipping.err.contains("lost records from 4999 on (end unknown)"));
  }

  /** Issue 10, case 1: a block overwritten by a copy of another is damage, never laundered by convert. */
  @Test
  public void aBlockCopiedOverAnotherIsDamageEverywhere() throws Exception {
    Path copy = dir.resolve("overwritten.bfc");
    io.github.binfiles.testing.ContainerSurgery s = io.github.binfiles.testing.ContainerSurgery.of(container);
    Files.write(copy, s.overwritten(1, 2));
    Run verify = run("verify", copy.toString());
    assertEquals(verify.out, 1, verify.code);
    assertTrue(verify.out, verify.out.contains("repeated, misplaced or foreign block"));
    Run convert = run("convert", "--from=container", "--to=container", copy.toString(),
        dir.resolve("laundered/part").toString());
    assertEquals(convert.err, 2, convert.code);
    assertTrue(convert.err, convert.err.contains("repeated, misplaced or foreign block"));
  }

  @Test
  public void maxBlockBytesIsAnOptionOfEveryReadingCommand() {
    Run r = run("verify", container.toString(), "--max-block-bytes=1024");
    assertEquals(r.out, 1, r.code);
    assertTrue(r.out, r.out.contains("--max-block-bytes"));
    assertEquals(0, run("verify", container.toString(), "--max-block-bytes=1048576").code);
  }

  /**
   * Cobrix's test13b V file, as the README shows it: inspect counts its records, cat decodes them
   * with the copybook, convert to a container stores the copybook's layout without fixing the
   * record length (cat then needs no copybook), and back to V gives the same records (the file's
   * data without its header and trailer, byte for byte).
   */
  @Test
  public void variableLengthFileWithACopybookThroughInspectCatAndConvert() throws Exception {
    Path data = Paths.get("..", "testdata", "cobrix", "test13b_comp_details.dat");
    String cob = Paths.get("..", "testdata", "cobrix", "test13b_vrl_file_headers.cob").toString();
    String[] v = {"--recfm=V", "--rdw-adjustment=0", "--header-bytes=100", "--trailer-bytes=120"};
    String types = "--record-types=SEGMENT-ID:C=STATIC-DETAILS,P=CONTACTS";
    Run inspect = run(concat(new String[] {"inspect", data.toString()}, v));
    assertEquals(inspect.err, 0, inspect.code);
    assertTrue(inspect.out, inspect.out.contains("records:               20"));
    Run cat = run(concat(new String[] {"cat", data.toString(), "--copybook=" + cob, types, "--limit=2"}, v));
    assertEquals(cat.err, 0, cat.code);
    assertTrue(cat.out, cat.out.contains("\"offset\":168,\"row\":{\"SEGMENT_ID\":\"P\",\"COMPANY_ID\":\"9377942526\","
        + "\"STATIC_DETAILS\":null,\"CONTACTS\":{\"PHONE_NUMBER\":\"+(277) 944 44 55\""));
    Path dir = TMP.newFolder().toPath();
    Run toContainer = run(concat(new String[] {"convert", data.toString(), dir.resolve("c").toString(),
        "--from=variable", "--to=container", "--copybook=" + cob, types}, v));
    assertEquals(toContainer.err, 0, toContainer.code);
    Run stored = run("cat", dir.resolve("c-00000-of-00001.bfc").toString(), "--limit=-1");
    assertEquals(stored.err, 0, stored.code);
    assertEquals(20, stored.out.split("\n").length);
    assertTrue(stored.out, stored.out.contains("\"CONTACT_PERSON\":\"Janiece Newcombe\""));
    Run back = run("convert", dir.resolve("c-00000-of-00001.bfc").toString(), dir.resolve("v").toString(),
        "--from=container", "--to=variable", "--recfm=V", "--rdw-adjustment=0");
    assertEquals(back.err, 0, back.code);
    byte[] original = Files.readAllBytes(data);
    assertArrayEquals(java.util.Arrays.copyOfRange(original, 100, original.length - 120),
        Files.readAllBytes(dir.resolve("v-00000-of-00001.v")));
  }

  @Test
  public void variableSizeOccursThroughCatConvertAndBack() throws Exception {
    // Cobrix's Test21 copybook and records (ASCII), each in a V record: RDW = length + 4, then 0000.
    Path dir = TMP.newFolder().toPath();
    Path cob = dir.resolve("nested.cob");
    Files.writeString(cob, "       01 RECORD.\n"
        + "        02 COUNT PIC 9(1).\n"
        + "        02 GROUP OCCURS 0 TO 2 TIMES DEPENDING ON COUNT.\n"
        + "           03 INNER-COUNT PIC 9(1).\n"
        + "           03 INNER-GROUP OCCURS 0 TO 3 TIMES\n"
        + "                              DEPENDING ON INNER-COUNT.\n"
        + "              04 FIELD PIC X.\n"
        + "        02 MARKER PIC X(1).\n");
    java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
    for (String r : new String[] {"0M", "10M", "11AM", "13ABCM", "21A1BM", "23ABC1DM"}) {
      file.write(new byte[] {0, (byte) (r.length() + 4), 0, 0});
      file.write(r.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    Path data = dir.resolve("nested.v");
    Files.write(data, file.toByteArray());
    String[] opts = {"--recfm=V", "--copybook=" + cob, "--code-page=US-ASCII", "--variable-size-occurs"};
    Run cat = run(concat(new String[] {"cat", data.toString(), "--limit=-1"}, opts));
    assertEquals(cat.err, 0, cat.code);
    String[] lines = cat.out.split("\n");
    assertEquals(6, lines.length);
    assertTrue(lines[5], lines[5].contains("\"COUNT\":2,\"GROUP\":[{\"INNER_COUNT\":3,\"INNER_GROUP\":[{\"FIELD\":\"A\"},"
        + "{\"FIELD\":\"B\"},{\"FIELD\":\"C\"}]},{\"INNER_COUNT\":1,\"INNER_GROUP\":[{\"FIELD\":\"D\"}]}],\"MARKER\":\"M\""));
    for (String line : lines) {
      assertTrue(line, line.contains("\"MARKER\":\"M\""));
    }
    // Without the option the reserved layout cuts MARKER off, and the error says what to set.
    Run reserved = run("cat", data.toString(), "--recfm=V", "--copybook=" + cob, "--code-page=US-ASCII", "--limit=-1");
    assertEquals(reserved.out, 2, reserved.code);
    assertTrue(reserved.err, reserved.err.contains("--variable-size-occurs"));
    // To a container (it stores the layout, the option with it) and back to V, byte for byte.
    Run toContainer = run(concat(new String[] {"convert", data.toString(), dir.resolve("c").toString(),
        "--from=variable", "--to=container"}, opts));
    assertEquals(toContainer.err, 0, toContainer.code);
    Run stored = run("cat", dir.resolve("c-00000-of-00001.bfc").toString(), "--limit=-1");
    assertEquals(stored.err, 0, stored.code);
    assertEquals(cat.out.replaceAll("\"(offset|ordinal)\":\\d+,", ""), stored.out.replaceAll("\"(offset|ordinal)\":\\d+,", ""));
    Run back = run("convert", dir.resolve("c-00000-of-00001.bfc").toString(), dir.resolve("v").toString(),
        "--from=container", "--to=variable", "--recfm=V");
    assertEquals(back.err, 0, back.code);
    assertArrayEquals(file.toByteArray(), Files.readAllBytes(dir.resolve("v-00000-of-00001.v")));
  }

  @Test
  public void copybookDecodingOptionsOnTheCommandLine() throws Exception {
    Path dir = TMP.newFolder().toPath();
    Path cob = dir.resolve("r.cob");
    Files.writeString(cob, "       01 R.\n          05 T PIC X(6).\n          05 F PIC S9(4) COMP.\n");
    // EBCDIC " A" + 0x09 (U+008D) + "B " + NUL, then 0x0102 little-endian (513) or big-endian (258).
    Path data = dir.resolve("r.bin");
    Files.write(data, new byte[] {0x40, (byte) 0xC1, 0x09, (byte) 0xC2, 0x40, 0x00, 0x01, 0x02});
    String[] base = {"cat", data.toString(), "--record-length=8", "--copybook=" + cob};
    Run plain = run(base);
    assertEquals(plain.err, 0, plain.code);
    assertTrue(plain.out, plain.out.contains("\"T\":\"A\u008DB\",\"F\":258"));
    Run options = run(concat(base, new String[] {"--trim=left", "--control-chars-as-spaces", "--little-endian-binaries"}));
    assertEquals(options.err, 0, options.code);
    assertTrue(options.out, options.out.contains("\"T\":\"A B  \",\"F\":513")); // NUL is a control character too
    // Cobrix's test10 with its non-terminals, and an edited number read as a number or as text.
    Path test10 = Paths.get("..", "testdata", "cobrix", "test10_data.dat");
    Run nt = run("cat", test10.toString(), "--record-length=46", "--code-page=US-ASCII",
        "--copybook=" + Paths.get("..", "testdata", "cobrix", "test10_copybook.cob"), "--non-terminals=NAME,ACCOUNT-NO");
    assertEquals(nt.err, 0, nt.code);
    assertTrue(nt.out, nt.out.contains("\"NAME_NT\":\"FIRST NAME LAST NAME\""));
    assertTrue(nt.out, nt.out.contains("\"ACCOUNT_NO_NT\":\"1234560000001234\""));
    Path edited = dir.resolve("e.cob");
    Files.writeString(edited, "       01 R.\n          05 N PIC $$,$$9.99CR.\n");
    Path amount = dir.resolve("e.bin");
    Files.write(amount, "   $12.34CR".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    Run number = run("cat", amount.toString(), "--record-length=11", "--code-page=US-ASCII", "--copybook=" + edited);
    assertEquals(number.err, 0, number.code);
    assertTrue(number.out, number.out.contains("\"N\":-12.34"));
    Run text = run("cat", amount.toString(), "--record-length=11", "--code-page=US-ASCII", "--copybook=" + edited,
        "--edited-numbers-as-text");
    assertTrue(text.out, text.out.contains("\"N\":\"$12.34CR\""));
    // One field in another code page: T read as ASCII holds other characters (0x40 is '@', 0xC1 a Latin-1 'Á').
    Run perField = run(concat(base, new String[] {"--field-code-page=T=ISO-8859-1"}));
    assertEquals(perField.err, 0, perField.code);
    assertTrue(perField.out, perField.out.contains("\"T\":\"@\u00C1\\t\u00C2@\""));
    Run bad = run(concat(base, new String[] {"--trim=centre"}));
    assertEquals(bad.out, 2, bad.code);
    assertTrue(bad.err, bad.err.contains("--trim is both, left, right or none, not centre"));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Cobrix's test17 through cat: segment ids per record, then one row per root with children nested. */
  @Test
  public void segmentIdsAndHierarchyThroughCat() {
    String t = Paths.get("..", "testdata", "cobrix").toString();
    String[] opts = {"--recfm=V", "--rdw-byte-order=little", "--rdw-adjustment=0",
        "--copybook=" + t + "/test17_hierarchical.cob", "--control-chars-as-spaces",
        "--record-types=SEGMENT-ID:1=COMPANY,2=DEPT,3=EMPLOYEE,4=OFFICE,5=CUSTOMER,6=CONTACT,7=CONTRACT"};
    String data = t + "/test17_hierarchical.dat";
    Run ids = run(concat(new String[] {"cat", data, "--limit=3", "--segment-ids=SEGMENT-ID:1/2,5/3,4,6,7",
        "--segment-id-prefix=A"}, opts));
    assertEquals(ids.err, 0, ids.code);
    String[] lines = ids.out.split("\n");
    // Cobrix's test17b: A_0_0, A_0_0_L1_1, A_0_0_L2_1 for records 0-2; binfiles names a V root by its offset.
    assertTrue(lines[2], lines[2].startsWith("{\"offset\":92,\"row\":{\"Seg_Id0\":\"A_0\",\"Seg_Id1\":\"A_0_L1_1\","
        + "\"Seg_Id2\":\"A_0_L2_1\",\"SEGMENT_ID\":3,"));
    Run nested = run(concat(new String[] {"cat", data, "--limit=-1", "--skip-damage",
        "--segment-hierarchy=COMPANY=>DEPT,CUSTOMER;DEPT=>EMPLOYEE,OFFICE;CUSTOMER=>CONTACT,CONTRACT"}, opts));
    assertEquals(nested.err, 0, nested.code);
    lines = nested.out.split("\n");
    assertEquals(50, lines.length); // Cobrix's test17c: 50 companies
    assertTrue(lines[1], lines[1].startsWith("{\"offset\":2756,\"row\":{\"SEGMENT_ID\":1,\"COMPANY\":{\"COMPANY_NAME\":"
        + "\"Delta Pivovar\",\"ADDRESS\":\"74 Staromestka., Prague\",\"TAXPAYER\":525088216,\"DEPT\":[{\"DEPT_NAME\":"
        + "\"Production\",\"EXTENSION\":975341,\"EMPLOYEE\":[{\"FIRST_NAME\":\"Gabriele\""));
    Run both = run(concat(new String[] {"cat", data, "--segment-ids=SEGMENT-ID:1", "--segment-hierarchy=COMPANY=>DEPT"}, opts));
    assertEquals(2, both.code);
    assertTrue(both.err, both.err.contains("--segment-ids and --segment-hierarchy"));
  }

  /**
   * Issue 25's command-line findings: one size syntax (a bare number is bytes: --range-size 100000
   * meant 100000 KiB before), several files wherever a pattern is taken (what a shell makes of an
   * unquoted glob), and cat going past a zero-byte file.
   */
  @Test
  public void sizesFileListsAndEmptyFiles() throws Exception {
    Path dir = TMP.newFolder().toPath();
    byte[] data = new byte[320_000];
    new java.util.Random(1).nextBytes(data);
    Files.write(dir.resolve("a.bin"), data);
    Files.write(dir.resolve("b.bin"), new byte[0]);
    Files.write(dir.resolve("c.bin"), java.util.Arrays.copyOf(data, 640));
    Run cat = run("cat", dir + "/*.bin", "--record-length=64", "--limit=-1");
    assertEquals(cat.err, 0, cat.code);
    assertEquals(5000 + 10, cat.out.split("\n").length);
    assertTrue(cat.err, cat.err.contains("empty: " + dir.resolve("b.bin") + " (0 bytes, no records)"));
    Run two = run("cat", dir.resolve("c.bin").toString(), dir.resolve("a.bin").toString(), "--record-length=64", "--limit=-1");
    assertEquals(two.err, 0, two.code);
    String[] lines = two.out.split("\n");
    assertEquals(5010, lines.length);
    assertTrue(lines[0], lines[0].startsWith("{\"file\":\"" + dir.resolve("c.bin")));
    Run split = run("convert", dir + "/a.bin", dir + "/out/r", "--from=fixed", "--to=container", "--record-length=64",
        "--range-size", "100000", "--block-size", "64k");
    assertEquals(split.err, 0, split.code);
    // 320,000 bytes in ranges of 100,000 bytes (Beam folds the 20,000-byte tail into the last): 3 outputs
    assertEquals(3, Files.list(dir.resolve("out")).count());
    Run both = run("convert", dir.resolve("c.bin").toString(), dir.resolve("a.bin").toString(), dir + "/out2/r",
        "--from=fixed", "--to=container", "--record-length=64");
    assertEquals(both.err, 0, both.code);
    assertEquals(2, Files.list(dir.resolve("out2")).count());
    Run tune = run("tune", dir.resolve("c.bin").toString(), dir.resolve("a.bin").toString(), "--record-length=64",
        "--bundle-sizes-mib=1");
    assertEquals(tune.err, 0, tune.code);
    assertTrue(tune.out, tune.out.startsWith("2 fixed file(s)"));
    Run level = run("convert", dir + "/a.bin", dir + "/out4/r", "--from=fixed", "--to=container", "--record-length=64",
        "--codec=zstd", "--codec-level=1");
    assertEquals(level.err, 0, level.code);
    Run xz9 = run("convert", dir + "/a.bin", dir + "/out5/r", "--from=fixed", "--to=container", "--record-length=64",
        "--codec=xz", "--codec-level=9");
    assertEquals(2, xz9.code);
    assertTrue(xz9.err, xz9.err.contains("xz levels are 0 to 6"));
    Run bad = run("convert", dir + "/a.bin", dir + "/out3/r", "--from=fixed", "--to=container", "--record-length=64",
        "--block-size", "1.5M");
    assertEquals(2, bad.code);
    assertTrue(bad.err, bad.err.contains("--block-size: '1.5M' is not a whole number or byte count (examples: 1000000, 256k, 64MB, 1GiB)"));
  }
}
