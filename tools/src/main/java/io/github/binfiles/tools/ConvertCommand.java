package io.github.binfiles.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.binfiles.report.CorruptionPolicy;
import io.github.binfiles.spi.FileFormat;
import io.github.binfiles.format.FormatRegistry;
import io.github.binfiles.format.FormatSettings;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.ReadResult;
import io.github.binfiles.report.SkippedRegion;
import io.github.binfiles.sinks.WriteToBinaryFiles;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code binfiles convert}: from any registered format to any other (or to other options), with the
 * corruption policy flag; under skip, the skipped regions are written beside the output as JSON
 * lines in {@code OUTPUT_PREFIX-skipped-regions.jsonl}. Without a {@code --runner} flag it runs
 * {@link LocalConvert} (order and file correspondence kept); with one, a Beam pipeline.
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Convert files between any two formats.",
      "Formats: ${sys:binfiles.formats};",
      "a format to itself takes other options (another codec).",
      "Without --runner: converts on this machine, one task per input file on",
      "every core, and KEEPS ORDER: input file i (in name order) becomes",
      "OUTPUT_PREFIX-i-of-N, its record n that file's record n; outputs appear",
      "under their names only when complete. --range-size splits large files",
      "into one task and one output per range (still in order across outputs).",
      "With --runner=DirectRunner, DataflowRunner, ... (and that runner's flags):",
      "the same per-file tasks as Beam elements on the runner's workers: same",
      "names, same order. With --runner and --shards N: the resharding pipeline",
      "(ReadFromBinaryFiles splits files by offset, WriteToBinaryFiles writes N",
      "files); it does NOT keep order.",
      "Records are kept byte for byte; with --layout or --copybook, formats that",
      "store a layout store it, so 'cat' and withStoredLayout() return named fields."
    })
final class ConvertCommand implements Callable<Integer>, FormatOptions.Taker {
  @Spec CommandSpec spec;

  @Parameters(arity = "2..*", paramLabel = "INPUT... OUTPUT_PREFIX", description = "Input files or patterns (local or gs://), then the output prefix.")
  List<String> paths;

  private List<String> inputs;
  private String input;
  private String output;

  @Option(names = "--from", required = true, description = "Input format: ${sys:binfiles.formats}.")
  String from;

  @Option(names = "--to", required = true, description = "Output format: ${sys:binfiles.formats}.")
  String to;

  @Mixin FormatOptions formats;

  @Option(names = "--shards", defaultValue = "0", description = "With --runner: N > 0 reshards into N files, order not kept; 0 keeps one output per input, in order (default: ${DEFAULT-VALUE}). Without --runner: one per input.")
  int shards;

  @Option(names = "--range-size", paramLabel = "BYTES", defaultValue = "0", description = {
      "Split input files larger than this (e.g. 256MB) into byte ranges by their format's framing,",
      "each converted by its own task to its own output: uses every core on one large file. Output",
      "i is range i (files in name order, ranges in file order), so the outputs in name order hold",
      "the records in input order; one input no longer maps to one output. 0 (default): one task per file."})
  long rangeSize;

  @Option(names = "--on-corruption", defaultValue = "fail", description = "fail or skip (default: ${DEFAULT-VALUE}). With skip, skipped regions go to OUTPUT_PREFIX-skipped-regions.jsonl.")
  String onCorruption;

  @Unmatched List<String> beamArgs;

  @Override
  public Integer call() throws Exception {
    inputs = paths.subList(0, paths.size() - 1);
    output = paths.get(paths.size() - 1);
    input = String.join(" ", inputs);
    CorruptionPolicy policy = CorruptionPolicy.valueOf(onCorruption.toUpperCase(java.util.Locale.ROOT));
    FormatSettings settings = formats.settings();
    FileFormat source = FormatRegistry.byName(from).format(settings);
    FileFormat target = FormatRegistry.byName(to).format(
        source.hasVariableLengthRecords() ? settings.forRecordsOfVariableLength() : settings);
    if (!BeamRun.runsOnBeam(beamArgs)) {
      return local(policy, source, target);
    }
    if (inputs.size() > 1) {
      throw new IllegalArgumentException("with --runner give one input pattern, quoted so that the shell does"
          + " not expand it (the job matches it); " + inputs.size() + " inputs given");
    }
    return shards > 0 ? pipeline(policy, source, target) : perFilePipeline(policy, source, target);
  }

  private int local(CorruptionPolicy policy, FileFormat source, FileFormat target) throws Exception {
    LocalConvert convert = new LocalConvert(source, target, policy);
    LocalConvert.ConvertJob job = convert.job(inputs, output, rangeSize);
    List<LocalConvert.Part> parts = job.plan();
    long inputs = parts.stream().map(p -> p.file.resourceId().toString()).distinct().count();
    if (shards != 0 && shards != parts.size()) {
      throw new IllegalArgumentException("--shards " + shards + ": without --runner, convert writes one file per input"
          + " (or per range with --range-size; " + parts.size() + " here) to keep their order; add"
          + " --runner=DirectRunner to reshard with a Beam pipeline");
    }
    long start = System.nanoTime();
    LocalConvert.Result r = convert.run(job, parts, Runtime.getRuntime().availableProcessors(), spec.commandLine().getErr());
    double seconds = (System.nanoTime() - start) / 1e9;
    if (policy == CorruptionPolicy.SKIP) {
      writeRegions(r.regions);
    }
    // The rate counts the larger side, so that compressing and decompressing read alike.
    spec.commandLine().getOut().printf("converted %,d records, %s in %d files (%s) to %d files %s* (%s), %s out, in %.1f s: %s%s%n",
        r.records, Units.bytes(r.bytesIn), inputs, from, r.outputs.size(), output, to, Units.bytes(r.bytesOut), seconds,
        Units.rate(Math.max(r.bytesIn, r.bytesOut), seconds),
        policy == CorruptionPolicy.SKIP ? "; " + r.regions.size() + " skipped regions in " + output + "-skipped-regions.jsonl" : "");
    return 0;
  }

  private void writeRegions(List<SkippedRegion> regions) throws java.io.IOException {
    org.apache.beam.sdk.io.fs.ResourceId id = org.apache.beam.sdk.io.FileSystems.matchNewResource(output + "-skipped-regions.jsonl", false);
    try (java.io.Writer w = java.nio.channels.Channels.newWriter(
        org.apache.beam.sdk.io.FileSystems.create(id, "application/json"), java.nio.charset.StandardCharsets.UTF_8)) {
      for (SkippedRegion r : regions) {
        w.write(json(r));
        w.write('\n');
      }
    }
  }

  /** With --runner and no --shards: the local engine's per-file tasks as Beam elements (order and names kept). */
  private int perFilePipeline(CorruptionPolicy policy, FileFormat source, FileFormat target) throws Exception {
    Pipeline p = Pipeline.create(BeamRun.options(beamArgs));
    PCollection<SkippedRegion> regions = PerFilePipeline.apply(p, "Convert",
        new LocalConvert(source, target, policy).job(inputs, output, rangeSize));
    if (policy == CorruptionPolicy.SKIP) {
      writeRegions(regions);
    }
    long start = System.nanoTime();
    org.apache.beam.sdk.PipelineResult run = BeamRun.runWithProgress(p, "convert", spec.commandLine().getErr());
    if (run == null) {
      return 0;
    }
    spec.commandLine().getOut().printf("converted %,d records from %s (%s) to %d files %s* (%s), in order, in %.1f s%s%n",
        BeamRun.counter(run, "records"), input, from, BeamRun.counter(run, "files"), output, to,
        (System.nanoTime() - start) / 1e9,
        policy == CorruptionPolicy.SKIP ? "; skipped regions in " + output + "-skipped-regions.jsonl" : "");
    return 0;
  }

  private void writeRegions(PCollection<SkippedRegion> regions) {
    regions
        .apply("Regions as JSON", MapElements.into(TypeDescriptors.strings()).via(ConvertCommand::json))
        .apply("Write regions", TextIO.write().to(output + "-skipped-regions").withSuffix(".jsonl").withoutSharding());
  }

  /** With --runner and --shards: read split by offset, written to N files; order not kept. */
  private int pipeline(CorruptionPolicy policy, FileFormat source, FileFormat target) throws java.io.IOException {
    Pipeline p = Pipeline.create(BeamRun.options(beamArgs));
    ReadFromBinaryFiles.Read<byte[]> read = ReadFromBinaryFiles.of(source).from(input);
    ReadResult<byte[]> result = policy == CorruptionPolicy.SKIP ? p.apply("Read", read.withSkippedRegionReport()) : null;
    PCollection<byte[]> records = result != null ? result.records() : p.apply("Read", read);
    records
        .apply("Count", ParDo.of(new CountingFn()))
        .apply("Write", WriteToBinaryFiles.of(target).to(output).withNumShards(shards));
    if (result != null) {
      writeRegions(result.skippedRegions());
    }
    long start = System.nanoTime();
    org.apache.beam.sdk.PipelineResult run = BeamRun.runWithProgress(p, "convert", spec.commandLine().getErr());
    if (run == null) {
      return 0;
    }
    spec.commandLine().getOut().printf("converted %,d records from %s (%s) to %s* (%s) in %.1f s%s%n",
        BeamRun.counter(run, "records"), input, from, output, to, (System.nanoTime() - start) / 1e9,
        result != null ? "; skipped regions in " + output + "-skipped-regions.jsonl" : "");
    return 0;
  }

  @Override
  public boolean writes() {
    return true;
  }

  static String json(SkippedRegion r) {
    try {
      java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("file", r.getFile());
      m.putAll(VerifyCommand.region(r));
      return new ObjectMapper().writeValueAsString(m);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
