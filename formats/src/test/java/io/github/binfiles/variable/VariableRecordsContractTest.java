package io.github.binfiles.variable;

/** RECFM=V as z/OS writes it: big-endian RDWs that count themselves. */
public class VariableRecordsContractTest extends VariableContract {
  @Override
  protected VariableFormat format() {
    return VariableFormat.records();
  }

  @Override
  protected java.util.Map<String, Golden> goldenFiles() {
    return java.util.Map.of("variable-v1.v", new Golden(VariableFormat.records(), goldenRecords()));
  }
}
