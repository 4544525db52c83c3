package io.github.binfiles.fixed;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.Formats;
import io.github.binfiles.beam.ElementFactories;
import io.github.binfiles.beam.FramedSource;
import io.github.binfiles.layout.LayoutDecoder;
import io.github.binfiles.layout.RecordLayout;
import io.github.binfiles.report.CorruptionPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A fixed-record read under a layout whose first records do not decode names the header setting
 * under which they do ({@link io.github.binfiles.framing.DecodeDiagnosis}): a header record taken for
 * data, a header one record short; and names nothing when no setting helps.
 */
public class DecodeDiagnosisTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static Path testdata(String name) {
    Path p = Paths.get("..", "testdata", name);
    return Files.exists(p) ? p : Paths.get("testdata", name);
  }

  private static String failure(FixedRecordFormat format, RecordLayout layout, Path file) throws Exception {
    FramedSource<Row> s = FramedSource.ofFile(FileSystems.matchSingleFileSpec(file.toString()), format.framing(),
        ElementFactories.decoded(new LayoutDecoder(layout), RowCoder.of(layout.schema())), CorruptionPolicy.FAIL);
    Exception e = assertThrows(Exception.class, () -> SourceTestUtils.readFromSource(s, PipelineOptionsFactory.create()));
    return e.getMessage();
  }

  @Test
  public void aHeaderTakenForDataIsNamed() throws Exception {
    RecordLayout layout = RecordLayout.fromJson(Files.readString(testdata("accounts.layout.json")));
    byte[] data = Files.readAllBytes(testdata("accounts-ebcdic-32.dat"));
    byte[] header = new byte[32];
    Arrays.fill(header, (byte) 0xFF); // no packed decimal holds FF nibbles
    Path f = tmp.newFile().toPath();
    Files.write(f, concat(header, data));
    String m = failure(Formats.fixed(layout), layout, f);
    assertTrue(m, m.endsWith("With the same layout, the file's first 8 records decode with --header-bytes 32"
        + " (withHeaderBytes(32), not 0): check that setting"));
  }

  @Test
  public void aHeaderOneRecordShortIsNamed() throws Exception {
    RecordLayout layout = RecordLayout.fromJson(Files.readString(testdata("accounts.layout.json")));
    byte[] data = Files.readAllBytes(testdata("accounts-ebcdic-32.dat"));
    byte[] header = new byte[64];
    Arrays.fill(header, (byte) 0xFF);
    Path f = tmp.newFile().toPath();
    Files.write(f, concat(header, data));
    String m = failure(Formats.fixed(layout).withHeader(Arrays.copyOf(header, 32)), layout, f);
    assertTrue(m, m.contains("at byte 32: could not decode record 0"));
    assertTrue(m, m.endsWith("decode with --header-bytes 64 (withHeaderBytes(64), not 32): check that setting"));
  }

  @Test
  public void nothingIsNamedWhenNoSettingHelps() throws Exception {
    RecordLayout layout = RecordLayout.fromJson(Files.readString(testdata("accounts.layout.json")));
    byte[] data = Files.readAllBytes(testdata("accounts-ebcdic-32.dat"));
    byte[] copy = data.clone();
    for (int r = 0; r < copy.length / 32; r++) {
      copy[r * 32 + 16] = (byte) 0xFF;
    }
    Path f = tmp.newFile().toPath();
    Files.write(f, copy);
    String m = failure(Formats.fixed(layout), layout, f);
    assertTrue(m, m.contains("could not decode record 0"));
    assertTrue(m, !m.contains("With the same layout"));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
