package io.github.binfiles.tools;

import io.github.binfiles.Formats;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.binfiles.ReadFromBinaryFiles;
import io.github.binfiles.codec.Codec;
import io.github.binfiles.sinks.WriteToBinaryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Submits a pipeline with both read and both write transforms to the real DataflowRunner in
 * template-creation mode, fully offline, and checks the job graph it produced.
 */
public class DataflowTemplateTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void bothReadsAndBothWritesTranslateToADataflowJob() throws Exception {
    Path in = tmp.newFolder("in").toPath();
    assertEquals(0, CliTest.run("generate", in.resolve("c").toString(), "--format=container",
        "--records=1000", "--shards=1").code);
    assertEquals(0, CliTest.run("generate", in.resolve("f").toString(), "--format=fixed",
        "--records=1000", "--shards=1").code);
    Path template = tmp.getRoot().toPath().resolve("template.json");
    String staging = tmp.newFolder("staging").toString();
    DataflowPipelineOptions options =
        PipelineOptionsFactory.fromArgs(
                "--runner=DataflowRunner",
                "--project=binfiles-test",
                "--region=us-central1",
                "--templateLocation=" + template,
                "--stagingLocation=" + staging,
                "--tempLocation=" + staging,
                "--gcpTempLocation=" + staging,
                "--credentialFactoryClass=" + NoopCredentialFactory.class.getName(),
                "--pathValidatorClass=" + NoopPathValidator.class.getName())
            .as(DataflowPipelineOptions.class);
    options.setFilesToStage(Collections.emptyList());
    Pipeline p = Pipeline.create(options);
    PCollection<byte[]> fixed =
        p.apply("ReadFixed", ReadFromBinaryFiles.of(Formats.fixed(64)).from(in.resolve("f") + "*"));
    PCollection<byte[]> blocks =
        p.apply("ReadBlocks", ReadFromBinaryFiles.of(Formats.container()).from(in.resolve("c") + "*"));
    fixed.apply("WriteBlocks",
        WriteToBinaryFiles.of(Formats.container().withCodec(Codec.ZSTD)).to(tmp.getRoot() + "/out/blocks"));
    blocks.apply("WriteFixed", WriteToBinaryFiles.of(Formats.fixed(64)).to(tmp.getRoot() + "/out/fixed"));
    p.run();

    assertTrue("no template written", Files.size(template) > 0);
    JsonNode job = new ObjectMapper().readTree(template.toFile());
    List<String> names = new ArrayList<>();
    List<Integer> sourceSizes = new ArrayList<>();
    for (JsonNode step : job.get("steps")) {
      names.add(step.get("properties").get("user_name").get("value").asText());
      JsonNode custom = step.get("properties").get("custom_source_step_input");
      if (step.get("kind").asText().equals("ParallelRead") && custom != null) {
        String serialized = custom.get("spec").get("serialized_source").get("value").asText();
        sourceSizes.add(serialized.length());
      }
    }
    assertEquals("two custom-source ParallelRead steps: " + names, 2, sourceSizes.size());
    System.out.println("serialized Dataflow sources (bytes of base64): " + sourceSizes);
    for (int size : sourceSizes) {
      assertTrue("serialized source is " + size + " bytes", size < 20_000);
    }
    assertTrue(names.toString(), names.stream().anyMatch(n -> n.startsWith("ReadFixed")));
    assertTrue(names.toString(), names.stream().anyMatch(n -> n.startsWith("ReadBlocks")));
    assertTrue(names.toString(), names.stream().anyMatch(n -> n.startsWith("WriteBlocks/WriteFiles")));
    assertTrue(names.toString(), names.stream().anyMatch(n -> n.startsWith("WriteFixed/WriteFiles")));
    assertTrue(options.getRunner() == DataflowRunner.class);
  }

  /**
   * The CLI's own Beam paths on the real DataflowRunner, offline (template creation): convert
   * without --shards becomes a planning step (the files are matched where the job runs, so the
   * graph does not grow with them) and a Convert step, one element per file; with --shards the
   * resharding pipeline (our source in a ParallelRead).
   */
  @Test
  public void theCliConvertPathsTranslateToDataflowJobs() throws Exception {
    Path in = tmp.newFolder("cli-in").toPath();
    assertEquals(0, CliTest.run("generate", in.resolve("f").toString(), "--format=fixed", "--records=100", "--shards=2").code);
    Path stage = tmp.newFolder("cli-staging").toPath();
    Path small = Files.write(stage.resolve("staged.txt"), new byte[] {1});
    for (String shards : new String[] {"--shards=0", "--shards=3"}) {
      Path template = tmp.getRoot().toPath().resolve("template" + shards.substring(9) + ".json");
      CliTest.Run r = CliTest.run("convert", in + "/f-*", tmp.getRoot() + "/cli-out/c", "--from=fixed",
          "--record-length=64", "--to=container", shards,
          "--runner=DataflowRunner", "--project=binfiles-test", "--region=us-central1",
          "--templateLocation=" + template, "--stagingLocation=" + stage, "--tempLocation=" + stage,
          "--gcpTempLocation=" + stage, "--filesToStage=" + small,
          "--credentialFactoryClass=" + NoopCredentialFactory.class.getName(),
          "--pathValidatorClass=" + NoopPathValidator.class.getName());
      assertEquals(shards + ": " + r.err, 0, r.code);
      assertTrue(r.err, r.err.contains("wrote a Dataflow template to " + template));
      List<String> kinds = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (JsonNode step : new ObjectMapper().readTree(template.toFile()).get("steps")) {
        kinds.add(step.get("kind").asText());
        names.add(step.get("properties").get("user_name").get("value").asText());
      }
      if (shards.equals("--shards=0")) {
        assertTrue(names.toString(), names.contains("Convert plan") && names.contains("Convert"));
        assertTrue(names.toString(), names.stream().noneMatch(n -> n.startsWith("Read/") || n.startsWith("Write/")));
      } else {
        assertTrue(kinds.toString(), kinds.contains("ParallelRead"));
        assertTrue(names.toString(), names.stream().anyMatch(n -> n.startsWith("Write/WriteFiles")));
      }
    }
  }
}
