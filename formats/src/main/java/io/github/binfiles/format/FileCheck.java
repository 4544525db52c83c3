package io.github.binfiles.format;

import io.github.binfiles.report.SkippedRegion;
import java.util.List;
import java.util.Map;

/**
 * What checking one whole file found: the intact records, every damaged region, and facts the
 * format adds (blocks, whether the footer was verified). Clean when there are no regions.
 */
public record FileCheck(long records, List<SkippedRegion> regions, Map<String, Object> facts) {
  public FileCheck {
    regions = List.copyOf(regions);
    facts = Map.copyOf(facts);
  }

  public boolean isClean() {
    return regions.isEmpty();
  }
}
