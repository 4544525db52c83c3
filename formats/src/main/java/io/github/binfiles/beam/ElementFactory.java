package io.github.binfiles.beam;

import io.github.binfiles.report.SkippedRegion;
import java.io.Serializable;
import java.nio.ByteBuffer;
import org.apache.beam.sdk.coders.Coder;

/**
 * Shapes what a reader emits: a decoded record, optionally keyed by its {@link
 * io.github.binfiles.report.RecordId}, optionally wrapped in a {@link ReadItem} so that skipped regions can
 * travel beside records. Readers know framing; this knows output types. Instances come from {@link
 * ElementFactories}.
 */
public interface ElementFactory<O> extends Serializable {
  /**
   * The element for the record at {@code buffer[offset, offset + length)}, whose file, ordinal and
   * offset {@code context} holds.
   */
  O record(RecordContext context, byte[] buffer, int offset, int length) throws Exception;

  /**
   * Whether {@link #record(RecordContext, ByteBuffer, int, int)} works: then a reader may read into
   * a direct buffer, saving the copy the JDK makes for heap buffers. True only when the output
   * copies the bytes anyway (the built-in {@code byte[]} decoder).
   */
  default boolean readsDirectBuffers() {
    return false;
  }

  /** The element for the record at {@code buffer[index, index + length)} of a direct buffer. */
  default O record(RecordContext context, ByteBuffer buffer, int index, int length)
      throws Exception {
    throw new UnsupportedOperationException("this element factory reads byte[] views only");
  }

  /**
   * The groups records come in, when a record's element depends on the records before it back to
   * the first of its group (segment ids: a root segment and its children); null (the default) when
   * each record stands alone. A reader given groups starts a range only at a group's first record.
   */
  default RecordGroups groups() {
    return null;
  }

  /** Whether {@link #skipped} is supported; a reader under the SKIP policy requires it. */
  boolean emitsSkippedRegions();

  /** The element that reports a skipped region. */
  O skipped(SkippedRegion region);

  Coder<O> coder();
}
