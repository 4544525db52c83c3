package io.github.binfiles.layout;

import io.github.binfiles.io.OutputBuffer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * Writes the record-layout golden files in {@code testdata/}: a mainframe-style accounts file
 * (EBCDIC text, packed and zoned decimals), the same file with one undecodable field, and the layout
 * as JSON. Committed once; {@link LayoutGoldenFilesTest} must keep reading them. Unlike the container
 * golden files they contain nothing random, so rerunning this writes identical bytes.
 *
 * <pre>./mvnw -pl formats test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 *   -Dexec.classpathScope=test -Dexec.mainClass=io.github.binfiles.layout.LayoutGoldenFiles
 *   -Dexec.args=$PWD/testdata</pre>
 */
public final class LayoutGoldenFiles {
  static final int RECORDS = 20;
  /** Record 5's balance gets sign nibble 7 in the bad-field file. */
  static final int BAD_RECORD = 5;
  static final String[] NAMES = {
    "ADAMS", "BAKER", "CLARK", "DAVIS", "EVANS", "FISHER", "GARCIA", "HARRIS", "IRWIN", "JONES"
  };

  static RecordLayout layout() {
    return RecordLayoutTest.accounts();
  }

  /** Account {@code 1000 + i}, a name, balance {@code (i * 1234.56) - 5000.00}, status {@code i % 4}. */
  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      rows.add(Row.withSchema(layout().schema())
          .addValues(1000 + i, NAMES[i % NAMES.length] + " " + i,
              new BigDecimal("1234.56").multiply(BigDecimal.valueOf(i)).subtract(new BigDecimal("5000.00")),
              BigDecimal.valueOf(i % 4))
          .build());
    }
    return rows;
  }

  static byte[] accounts() {
    OutputBuffer out = new OutputBuffer(RECORDS * 32);
    LayoutEncoder encoder = new LayoutEncoder(layout());
    for (Row r : rows()) {
      encoder.encode(r, out);
    }
    return Arrays.copyOf(out.array(), out.size());
  }

  static byte[] accountsWithBadField() {
    byte[] bytes = accounts();
    int signByte = BAD_RECORD * 32 + 16 + 5;
    bytes[signByte] = (byte) ((bytes[signByte] & 0xF0) | 0x7);
    return bytes;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : "testdata");
    Files.write(dir.resolve("accounts-ebcdic-32.dat"), accounts());
    Files.write(dir.resolve("accounts-ebcdic-32-badfield.dat"), accountsWithBadField());
    Files.write(dir.resolve("accounts.layout.json"), (new com.fasterxml.jackson.databind.ObjectMapper().readTree(layout().toJson()).toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
