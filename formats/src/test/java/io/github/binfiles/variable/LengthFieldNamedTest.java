package io.github.binfiles.variable;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.binfiles.framing.FileRange;
import io.github.binfiles.framing.RecordReader;
import io.github.binfiles.layout.CopybookLayout;
import io.github.binfiles.layout.RecordLayout;
import io.github.binfiles.report.CorruptionPolicy;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A length field named by its copybook name (Cobrix's {@code record_length_field=NAME}): where it
 * is and how it holds its number come from the layout; fields that cannot hold a length are refused
 * with what they are.
 */
public class LengthFieldNamedTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static final String COPYBOOK = "       01 REC.\n"
      + "          05 KIND     PIC X.\n"
      + "          05 HDR.\n"
      + "             10 REC-LEN  PIC 9(4) COMP.\n"
      + "             10 DIGITS   PIC 9(3).\n"
      + "             10 SIGNED   PIC S9(3).\n"
      + "          05 AMOUNT   PIC S9(3)V99 COMP-3.\n"
      + "          05 TEXT     PIC X(4).\n"
      + "          05 N        PIC 9.\n"
      + "          05 ITEMS    PIC X OCCURS 0 TO 5 DEPENDING ON N.\n"
      + "          05 LATE-LEN PIC 9(4) COMP.\n";

  private static RecordLayout layout(CopybookLayout c) {
    return c.toLayout();
  }

  @Test
  public void placeAndEncodingComeFromTheLayout() {
    RecordLayout l = layout(CopybookLayout.of(COPYBOOK));
    assertEquals(new LengthField(1, 2, LengthField.Encoding.BINARY), LengthField.named(l, "REC-LEN"));
    assertEquals(new LengthField(1, 2, LengthField.Encoding.BINARY), LengthField.named(l, "HDR.REC_LEN"));
    assertEquals(new LengthField(3, 3, LengthField.Encoding.EBCDIC_DIGITS), LengthField.named(l, "DIGITS"));
    assertEquals(new LengthField(6, 3, LengthField.Encoding.EBCDIC_DIGITS), LengthField.named(l, "SIGNED"));
    assertEquals(new LengthField(1, 2, LengthField.Encoding.BINARY_LITTLE_ENDIAN),
        LengthField.named(layout(CopybookLayout.of(COPYBOOK).withLittleEndianBinaries()), "REC-LEN"));
    assertEquals(new LengthField(3, 3, LengthField.Encoding.ASCII_DIGITS),
        LengthField.named(layout(CopybookLayout.of(COPYBOOK).withCodePage("US-ASCII")), "DIGITS"));
    // With reserved bytes LATE-LEN has one place: 1 + 2 + 3 + 3 + 3 + 4 + 1 + 5 = byte 22.
    assertEquals(new LengthField(22, 2, LengthField.Encoding.BINARY), LengthField.named(l, "LATE-LEN"));
  }

  @Test
  public void fieldsThatCannotHoldALengthAreRefusedSayingWhy() {
    RecordLayout l = layout(CopybookLayout.of(COPYBOOK));
    String[][] cases = {
      {"TEXT", "is not a binary or zoned number"},
      {"AMOUNT", "has decimal places"},
      {"ITEMS", "is not an elementary field of the layout outside arrays"},
      {"NOPE", "is not an elementary field"},
    };
    for (String[] c : cases) {
      Exception e = assertThrows(IllegalArgumentException.class, () -> LengthField.named(l, c[0]));
      assertTrue(e.getMessage(), e.getMessage().contains(c[1]));
    }
    RecordLayout shrinking = layout(CopybookLayout.of(COPYBOOK).withVariableSizeOccurs());
    Exception e = assertThrows(IllegalArgumentException.class, () -> LengthField.named(shrinking, "LATE-LEN"));
    assertTrue(e.getMessage(), e.getMessage().contains("follows an OCCURS DEPENDING ON array whose size varies"));
    assertEquals(1, LengthField.named(shrinking, "REC-LEN").offset());
  }

  @Test
  public void aFileReadsByTheNamedField() throws Exception {
    // Two records: REC-LEN (bytes 1-2, big-endian) holds each record's whole length.
    String first = "C1" + "0013" + "F0F0F1" + "F0F0C2" + "00123C" + "C1C2C3C4" + "F0" + "0000";
    String second = "C2" + "0014" + "F0F0F3" + "F0F0D4" + "00456D" + "C5C6C7C8" + "F1" + "E7" + "0000";
    byte[] bytes = HexFormat.of().parseHex(first + second);
    assertEquals(19 + 20, bytes.length);
    Path p = Files.write(tmp.newFile().toPath(), bytes);
    VariableFormat f = VariableFormat.lengthField(LengthField.named(layout(CopybookLayout.of(COPYBOOK)), "REC-LEN"))
        .withRdwAdjustment(0);
    List<Integer> lengths = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(p)) {
      RecordReader r = RecordReader.open(f.framing(), FileRange.of(p.toString(), ch.size(), 0, ch.size(), ch, false),
          CorruptionPolicy.FAIL, 0);
      while (r.next()) {
        lengths.add(r.record().length());
      }
    }
    assertEquals(List.of(19, 20), lengths);
  }
}
