package io.github.binfiles.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * Dynamic splits at a dense grid of fractions after every number of items read, each checked for
 * consistency (items before the split + rest of the primary + residual == all items, in order).
 * Complements {@code assertSplitAtFractionExhaustive}, whose bisection starts at 0.5 and can miss
 * the interesting fractions of a file whose tail is not records (an index footer).
 */
public final class SplitSweep {
  private SplitSweep() {}

  /** Returns how many splits succeeded with a non-empty residual; asserts there was one. */
  public static <T> int assertConsistentAtEveryFraction(
      BoundedSource<T> source, int steps, PipelineOptions options) throws Exception {
    Coder<T> coder = source.getOutputCoder();
    List<String> expected = encode(coder, SourceTestUtils.readFromSource(source, options));
    int nonTrivial = 0;
    for (int read = 0; read <= expected.size(); read++) {
      for (int k = 1; k < steps; k++) {
        double fraction = (double) k / steps;
        List<T> items;
        BoundedSource<T> residual;
        try (BoundedSource.BoundedReader<T> reader = source.createReader(options)) {
          items = new ArrayList<>(SourceTestUtils.readNItemsFromUnstartedReader(reader, read));
          residual = reader.splitAtFraction(fraction);
          items.addAll(SourceTestUtils.readRemainingFromReader(reader, read > 0));
        }
        int primary = items.size();
        if (residual != null) {
          items.addAll(SourceTestUtils.readFromSource(residual, options));
          if (items.size() > primary) {
            nonTrivial++;
          }
        }
        assertEquals(
            "after " + read + " items, split at " + fraction + " (residual " + residual + ")",
            expected,
            encode(coder, items));
      }
    }
    assertTrue("no split with a non-empty residual: the sweep proved nothing", nonTrivial > 0);
    return nonTrivial;
  }

  private static <T> List<String> encode(Coder<T> coder, List<T> items) throws Exception {
    List<String> out = new ArrayList<>();
    for (T item : items) {
      out.add(java.util.Base64.getEncoder().encodeToString(CoderUtils.encodeToByteArray(coder, item)));
    }
    return out;
  }
}
