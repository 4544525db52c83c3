package io.github.binfiles.format;

import io.github.binfiles.layout.RecordLayout;
import java.util.HashMap;
import java.util.Map;

/**
 * The values of the {@link FormatOption}s a user gave (or their defaults), and the record layout,
 * if any: what a {@link FormatProvider} builds a format value from. Immutable.
 */
public final class FormatSettings {
  private final Map<String, String> values;
  private final RecordLayout layout;
  private final String layoutSource;
  private final boolean recordsOfVariableLength;

  private FormatSettings(Map<String, String> values, RecordLayout layout, String layoutSource,
      boolean recordsOfVariableLength) {
    this.values = Map.copyOf(values);
    this.layout = layout;
    this.layoutSource = layoutSource;
    this.recordsOfVariableLength = recordsOfVariableLength;
  }

  /**
   * @param values option name (without dashes) to value, for the options given or defaulted
   * @param layout the record layout the user gave, or null
   * @param layoutSource where the layout came from, for messages (a file name), or null
   */
  public static FormatSettings of(Map<String, String> values, RecordLayout layout, String layoutSource) {
    return new FormatSettings(values, layout, layoutSource, false);
  }

  /**
   * These settings for writing records that come from a format whose records have their own
   * lengths (a convert from V or VB files): a format that would fix its record length from the
   * layout stores the layout without fixing the length.
   */
  public FormatSettings forRecordsOfVariableLength() {
    return new FormatSettings(values, layout, layoutSource, true);
  }

  /** See {@link #forRecordsOfVariableLength()}. */
  public boolean recordsOfVariableLength() {
    return recordsOfVariableLength;
  }

  /** These settings with {@code name} set to {@code value} unless the user gave it. */
  public FormatSettings withDefault(String name, String value) {
    if (values.containsKey(name)) {
      return this;
    }
    Map<String, String> m = new HashMap<>(values);
    m.put(name, value);
    return new FormatSettings(m, layout, layoutSource, recordsOfVariableLength);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The value of {@code --name}, or null. */
  public String get(String name) {
    return values.get(name);
  }

  /**
   * The value of {@code --name} as a number in the syntax of every size option ({@link ByteCount}:
   * {@code 100000}, {@code 64k}, {@code 1MiB}).
   *
   * @throws IllegalArgumentException naming the option when the value is not such a number
   */
  public long getLong(String name) {
    String v = values.get(name);
    try {
      return ByteCount.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + name + ": " + e.getMessage(), e);
    }
  }

  public int getInt(String name) {
    long v = getLong(name);
    if (v != (int) v) {
      throw new IllegalArgumentException("--" + name + " is too large: " + v);
    }
    return (int) v;
  }

  /** The record layout given with {@code --layout}, or null. */
  public RecordLayout layout() {
    return layout;
  }

  /** Where the layout came from, for messages. */
  public String layoutSource() {
    return layoutSource;
  }
}
