package io.github.binfiles.format;

/**
 * A command-line option a format takes, declared by its {@link FormatProvider} so the CLI can offer
 * it without knowing the format: {@code --name=LABEL}, with a description and a default (null:
 * none).
 *
 * @param forWriting true for options only writes use (a codec), false for options reads use too
 */
public record FormatOption(
    String name, String label, String description, String defaultValue, boolean forWriting) {

  public static FormatOption read(String name, String label, String description, String defaultValue) {
    return new FormatOption(name, label, description, defaultValue, false);
  }

  public static FormatOption write(String name, String label, String description, String defaultValue) {
    return new FormatOption(name, label, description, defaultValue, true);
  }
}
