package io.github.binfiles.variable;

/**
 * RECFM=VB with 64-byte blocks entering the chain 50 bytes before each range start: ranges search
 * from inside earlier blocks and follow the chain to their first split point.
 */
public class VariableBlockedWindowContractTest extends VariableContract {
  @Override
  protected VariableFormat format() {
    return VariableFormat.blocked().withBlockSize(64).withLookBehind(50);
  }

  @Override
  int blockSize() {
    return 64;
  }
}
