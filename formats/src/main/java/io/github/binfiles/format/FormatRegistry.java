package io.github.binfiles.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The formats on the class path: every {@link FormatProvider} registered with {@link
 * ServiceLoader}, in class-path order. Tools look formats up here by name or by a file's first
 * bytes.
 */
public final class FormatRegistry {
  private static final List<FormatProvider> PROVIDERS = load();

  private FormatRegistry() {}

  private static List<FormatProvider> load() {
    List<FormatProvider> found = new ArrayList<>();
    for (FormatProvider p : ServiceLoader.load(FormatProvider.class, FormatRegistry.class.getClassLoader())) {
      found.add(p);
    }
    return Collections.unmodifiableList(found);
  }

  public static List<FormatProvider> providers() {
    return PROVIDERS;
  }

  /** The names of every format, comma-separated, for help texts. */
  public static String names() {
    return PROVIDERS.stream().map(FormatProvider::name).collect(Collectors.joining(", "));
  }

  /**
   * @throws IllegalArgumentException listing the known names when there is no such format
   */
  public static FormatProvider byName(String name) {
    for (FormatProvider p : PROVIDERS) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no format named '" + name + "'; formats: " + names());
  }

  /** The longest magic number any format needs. */
  public static int magicLength() {
    return PROVIDERS.stream().mapToInt(FormatProvider::magicLength).max().orElse(0);
  }

  /**
   * The format of a file starting with {@code head}: the first that recognises its magic number,
   * else the first that recognises its name, else the first whose settings say to read
   * unrecognised files.
   *
   * @throws IllegalArgumentException naming the file and saying what to give, when none applies
   */
  public static FormatProvider detect(String file, byte[] head, FormatSettings settings) {
    for (FormatProvider p : PROVIDERS) {
      if (p.magicLength() > 0 && p.recognizes(head)) {
        return p;
      }
    }
    String name = file.substring(file.lastIndexOf('/') + 1);
    for (FormatProvider p : PROVIDERS) {
      if (p.recognizesName(name)) {
        return p;
      }
    }
    for (FormatProvider p : PROVIDERS) {
      if (p.readsUnrecognized(settings)) {
        return p;
      }
    }
    String recognised = PROVIDERS.stream().filter(p -> p.magicLength() > 0).map(FormatProvider::name)
        .collect(Collectors.joining(" or "));
    String hints = PROVIDERS.stream().map(FormatProvider::unrecognizedHint).filter(h -> h != null)
        .collect(Collectors.joining("; or "));
    throw new IllegalArgumentException(file + " is not a " + recognised + " file (by its first bytes): "
        + hints);
  }

  /**
   * Every option of every format, merged by name (descriptions of shared options are joined), in
   * registry order.
   */
  public static List<FormatOption> options() {
    Map<String, FormatOption> merged = new LinkedHashMap<>();
    for (FormatProvider p : PROVIDERS) {
      for (FormatOption o : p.options()) {
        FormatOption seen = merged.get(o.name());
        if (seen != null && !java.util.Objects.equals(seen.defaultValue(), o.defaultValue())) {
          // One command-line option has one value: a default one format declares would reach every
          // other format that shares the option as if the user had given it.
          throw new IllegalStateException("option --" + o.name() + " is declared with the default "
              + seen.defaultValue() + " and, by format " + p.name() + ", " + o.defaultValue()
              + "; formats sharing an option give it the same default (or none, applying their own)");
        }
        String description = p.name() + ": " + o.description();
        merged.put(o.name(), seen == null
            ? new FormatOption(o.name(), o.label(), description, o.defaultValue(), o.forWriting())
            : new FormatOption(o.name(), seen.label(), seen.description() + " " + description,
                seen.defaultValue() != null ? seen.defaultValue() : o.defaultValue(),
                seen.forWriting() && o.forWriting()));
      }
    }
    return new ArrayList<>(merged.values());
  }
}
