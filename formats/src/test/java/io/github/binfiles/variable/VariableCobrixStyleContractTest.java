package io.github.binfiles.variable;

/**
 * RECFM=V as Cobrix's test files have it: byte-swapped RDWs that count the data only, behind a
 * 10-byte file header and before a 6-byte trailer.
 */
public class VariableCobrixStyleContractTest extends VariableContract {
  private static final byte[] HEADER = "HEADER-10B".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] TRAILER = "TRAIL6".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @Override
  protected VariableFormat format() {
    return VariableFormat.records().withLittleEndianDescriptors().withRdwAdjustment(0)
        .withHeader(HEADER).withTrailer(TRAILER);
  }

  @Override
  int headerLength() {
    return HEADER.length;
  }

  @Override
  int trailerLength() {
    return TRAILER.length;
  }

  @Override
  protected java.util.Map<String, Golden> goldenFiles() {
    return java.util.Map.of("variable-le-v1.v", new Golden(VariableFormat.records().withLittleEndianDescriptors().withRdwAdjustment(0).withHeaderBytes(4).withTrailerBytes(2), goldenRecords()));
  }
}
