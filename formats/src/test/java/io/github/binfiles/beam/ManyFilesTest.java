package io.github.binfiles.beam;

import static org.junit.Assert.assertEquals;

import io.github.binfiles.Formats;
import io.github.binfiles.ReadFromBinaryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A pattern matching more files than one split response can carry on Dataflow (one source per file
 * is about 1.4 KB serialized; Dataflow refuses responses over 20 MB) is matched as a step instead,
 * without the user asking; a smaller one stays one source.
 */
public class ManyFilesTest {
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static List<String> transformNames(Pipeline pipeline) {
    List<String> names = new ArrayList<>();
    pipeline.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
        names.add(node.getFullName());
        return CompositeBehavior.ENTER_TRANSFORM;
      }
    });
    return names;
  }

  @Test
  public void manyFilesAreMatchedAsAStep() throws Exception {
    Path many = tmp.newFolder("many").toPath();
    for (int i = 0; i <= 5_000; i++) {
      Files.write(many.resolve(String.format("part-%05d.bin", i)), new byte[32]);
    }
    Path few = tmp.newFolder("few").toPath();
    for (int i = 0; i < 10; i++) {
      Files.write(few.resolve(String.format("part-%05d.bin", i)), new byte[32]);
    }
    PAssert.thatSingleton(p.apply("many", ReadFromBinaryFiles.of(Formats.fixed(16)).from(many + "/*.bin"))
        .apply("count many", Count.globally())).isEqualTo(2L * 5_001);
    PAssert.thatSingleton(p.apply("few", ReadFromBinaryFiles.of(Formats.fixed(16)).from(few + "/*.bin"))
        .apply("count few", Count.globally())).isEqualTo(20L);
    List<String> names = transformNames(p);
    assertEquals(names.toString(), 1, names.stream().filter(n -> n.startsWith("many/") && n.endsWith("/Match")).count());
    assertEquals(names.toString(), 0, names.stream().filter(n -> n.startsWith("few/") && n.endsWith("/Match")).count());
    p.run().waitUntilFinish();
  }
}
