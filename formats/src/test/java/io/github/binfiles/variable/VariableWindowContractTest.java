package io.github.binfiles.variable;

/**
 * RECFM=V entering the chain 30 bytes before each range start (about two sample records): ranges
 * search from inside earlier records and follow the chain to their first split point.
 */
public class VariableWindowContractTest extends VariableContract {
  @Override
  protected VariableFormat format() {
    return VariableFormat.records().withLookBehind(30);
  }
}
