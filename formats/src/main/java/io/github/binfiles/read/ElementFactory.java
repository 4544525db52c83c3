package io.github.binfiles.read;

import io.github.binfiles.SkippedRegion;
import java.io.Serializable;
import org.apache.beam.sdk.coders.Coder;

/**
 * Shapes what a reader emits: a decoded record, optionally keyed by its {@link
 * io.github.binfiles.RecordId}, optionally wrapped in a {@link ReadItem} so that skipped regions can
 * travel beside records. Readers know framing; this knows output types. Instances come from {@link
 * ElementFactories}.
 */
public interface ElementFactory<O> extends Serializable {
  /** The element for the record at {@code buffer[offset, offset + length)}. */
  O record(String file, long ordinal, byte[] buffer, int offset, int length) throws Exception;

  /** Whether {@link #skipped} is supported; a reader under the SKIP policy requires it. */
  boolean emitsSkippedRegions();

  /** The element that reports a skipped region. */
  O skipped(SkippedRegion region);

  Coder<O> coder();
}
