package io.github.binfiles.variable;

/** RECFM=VB with blocks of at most 64 bytes, so the sample spans several blocks. */
public class VariableBlockedContractTest extends VariableContract {
  @Override
  protected VariableFormat format() {
    return VariableFormat.blocked().withBlockSize(64);
  }

  @Override
  int blockSize() {
    return 64;
  }

  @Override
  protected java.util.Map<String, Golden> goldenFiles() {
    return java.util.Map.of("variable-vb-v1.vb", new Golden(VariableFormat.blocked(), goldenRecords()));
  }
}
