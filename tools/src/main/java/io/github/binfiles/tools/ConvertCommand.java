package io.github.binfiles.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.binfiles.CorruptionPolicy;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.ReadResult;
import io.github.binfiles.SkippedRegion;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.fixed.FixedRecordFraming;
import io.github.binfiles.sinks.WriteToBinaryFiles;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
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
 * {@code binfiles convert}: a Beam pipeline from one format to the other (or to another codec),
 * with the corruption policy flag; under skip, the skipped regions are written beside the output as
 * JSON lines in {@code OUTPUT_PREFIX-skipped-regions.jsonl}.
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Convert files between formats and codecs with a Beam pipeline: fixed ->",
      "container, container -> fixed, or container -> container with another codec.",
      "Runs on the DirectRunner unless Beam flags say otherwise. With --layout,",
      "fixed -> container keeps the records byte for byte and stores the layout in",
      "the container's metadata, so 'cat' and ReadFromBinaryFiles.blockRows()",
      "return named fields."
    })
final class ConvertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INPUT", description = "Input file pattern (local or gs://).")
  String input;

  @Parameters(index = "1", paramLabel = "OUTPUT_PREFIX", description = "Output prefix.")
  String output;

  @Option(names = "--from", required = true, description = "Input format: fixed or container.")
  String from;

  @Option(names = "--to", required = true, description = "Output format: fixed or container.")
  String to;

  @Mixin FixedLayoutOptions fixed;

  @Option(names = "--codec", defaultValue = "zstd", description = "Output container codec (default: ${DEFAULT-VALUE}).")
  String codec;

  @Option(names = "--block-size", defaultValue = "1048576", description = "Output container target block size (default: ${DEFAULT-VALUE}).")
  int blockSize;

  @Option(names = "--shards", defaultValue = "0", description = "Output files; 0 lets the runner decide (default: ${DEFAULT-VALUE}).")
  int shards;

  @Option(names = "--on-corruption", defaultValue = "fail", description = "fail or skip (default: ${DEFAULT-VALUE}). With skip, skipped regions go to OUTPUT_PREFIX-skipped-regions.jsonl.")
  String onCorruption;

  @Unmatched List<String> beamArgs;

  @Override
  public Integer call() throws java.io.IOException {
    CorruptionPolicy policy = CorruptionPolicy.valueOf(onCorruption.toUpperCase(java.util.Locale.ROOT));
    Pipeline p = Pipeline.create(BeamRun.options(beamArgs));
    ReadResult<byte[]> read = read(p.begin(), policy);
    PCollection<byte[]> records = read == null ? readPlain(p.begin()) : read.records();
    records = records.apply("Count", ParDo.of(new CountingFn()));
    if (to.equals("container")) {
      WriteToBinaryFiles.Blocks<byte[]> write =
          WriteToBinaryFiles.blocks().withCodec(Codec.byName(codec)).withBlockSize(blockSize).to(output).withNumShards(shards);
      if (fixed.layout() != null) {
        // Records stay byte for byte; the layout goes into the metadata for blockRows() and cat.
        write = write.withLayout(fixed.layout());
      } else if (fixed.hasRecordLength()) {
        write = write.withFixedRecordLength(fixed.recordLength(input));
      }
      records.apply("Write", write);
    } else if (to.equals("fixed")) {
      if (!fixed.hasRecordLength()) {
        throw new IllegalArgumentException("--to fixed needs --record-length (or --layout)");
      }
      records.apply("Write", WriteToBinaryFiles.fixed(fixed.recordLength(input)).to(output).withNumShards(shards));
    } else {
      throw new IllegalArgumentException("--to must be fixed or container, was " + to);
    }
    if (read != null) {
      read.skippedRegions()
          .apply("Regions as JSON", MapElements.into(TypeDescriptors.strings()).via(ConvertCommand::json))
          .apply("Write regions", TextIO.write().to(output + "-skipped-regions").withSuffix(".jsonl").withoutSharding());
    }
    long start = System.nanoTime();
    org.apache.beam.sdk.PipelineResult result = BeamRun.runWithProgress(p, "convert", spec.commandLine().getErr());
    spec.commandLine().getOut().printf("converted %,d records from %s (%s) to %s* (%s) in %.1f s%s%n",
        BeamRun.counter(result, "records"), input, from, output, to, (System.nanoTime() - start) / 1e9,
        read != null ? "; skipped regions in " + output + "-skipped-regions.jsonl" : "");
    return 0;
  }

  /** The read with a skipped-region report (skip policy), or null for the fail policy. */
  private ReadResult<byte[]> read(PBegin begin, CorruptionPolicy policy) throws java.io.IOException {
    if (policy != CorruptionPolicy.SKIP) {
      return null;
    }
    if (from.equals("container")) {
      return begin.apply("Read", ReadFromBinaryFiles.blocks().withMaxBlockBytes(fixed.maxBlockBytes).from(input).withSkippedRegionReport());
    }
    return begin.apply("Read", fixedRead().withSkippedRegionReport());
  }

  private PCollection<byte[]> readPlain(PBegin begin) throws java.io.IOException {
    if (from.equals("container")) {
      return begin.apply("Read", ReadFromBinaryFiles.blocks().withMaxBlockBytes(fixed.maxBlockBytes).from(input));
    }
    return begin.apply("Read", fixedRead());
  }

  private ReadFromBinaryFiles.Fixed<byte[]> fixedRead() throws java.io.IOException {
    if (!from.equals("fixed")) {
      throw new IllegalArgumentException("--from must be fixed or container, was " + from);
    }
    FixedRecordFraming f = fixed.framing(input);
    return ReadFromBinaryFiles.fixed(f.recordLength())
        .withHeaderBytes(f.headerBytes())
        .withTrailerBytes(f.trailerBytes())
        .from(input);
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
