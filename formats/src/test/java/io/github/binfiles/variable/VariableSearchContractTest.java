package io.github.binfiles.variable;

/**
 * RECFM=V with no look-behind: every range other than the first starts at the first sync point at
 * or after its start, so the contract's splits exercise the search itself (with the default
 * look-behind a small file is walked from its first byte by every range).
 */
public class VariableSearchContractTest extends VariableContract {
  @Override
  protected VariableFormat format() {
    return VariableFormat.records().withLookBehind(0);
  }
}
