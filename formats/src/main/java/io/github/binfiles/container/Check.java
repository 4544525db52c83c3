package io.github.binfiles.container;

/**
 * The outcome of checking one structure of a container file (a block header, a payload, the
 * trailer): intact, a clean end of file (nothing there at all), or damaged, with what is wrong. A
 * value, never null, so a caller cannot mistake "no problem" for "no answer".
 */
final class Check {
  static final Check OK = new Check(null, false);
  /** Nothing at all where a structure could start: the file ends exactly there. */
  static final Check END_OF_FILE = new Check(null, true);

  private final String problem;
  private final boolean endOfFile;

  private Check(String problem, boolean endOfFile) {
    this.problem = problem;
    this.endOfFile = endOfFile;
  }

  static Check damaged(String problem) {
    if (problem == null) {
      throw new IllegalArgumentException("a damaged check needs its problem");
    }
    return new Check(problem, false);
  }

  boolean isOk() {
    return this == OK;
  }

  boolean isEndOfFile() {
    return endOfFile;
  }

  boolean isDamaged() {
    return problem != null;
  }

  /** What is wrong; only for a damaged check. */
  String problem() {
    if (problem == null) {
      throw new IllegalStateException("not damaged: " + (endOfFile ? "end of file" : "intact"));
    }
    return problem;
  }

  /** This check's problem, or {@code ifEndOfFile} for a clean end of file; only when not OK. */
  String problemOr(String ifEndOfFile) {
    return endOfFile ? ifEndOfFile : problem();
  }

  @Override
  public String toString() {
    return isOk() ? "intact" : endOfFile ? "end of file" : problem;
  }
}
