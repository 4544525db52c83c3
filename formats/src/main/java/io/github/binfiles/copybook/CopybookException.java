package io.github.binfiles.copybook;

/** A copybook that cannot be parsed: the message names the line and column and what was expected. */
public final class CopybookException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CopybookException(int line, int column, String problem) {
    super("copybook line " + line + ", column " + column + ": " + problem);
  }
}
