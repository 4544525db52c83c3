package io.github.binfiles.report;

import java.io.IOException;

/**
 * Damaged or malformed input: the one exception type every binfiles reader throws when a file's
 * bytes are not what its format requires. It always names the file, the absolute byte offset where
 * the problem was found and what was expected there, so the message alone is enough to locate the
 * damage (for example with {@code binfiles verify}).
 */
public class BinaryFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long offset;
  private final String problem;

  public BinaryFileException(String file, long offset, String problem) {
    this(file, offset, problem, null);
  }

  public BinaryFileException(String file, long offset, String problem, Throwable cause) {
    super(file + " at byte " + offset + ": " + problem, cause);
    this.file = file;
    this.offset = offset;
    this.problem = problem;
  }

  /** The file, as its Beam resource id or path prints. */
  public String getFile() {
    return file;
  }

  /** The absolute offset in the file where the problem was found. */
  public long getOffset() {
    return offset;
  }

  /** What was wrong, without the file and offset. */
  public String getProblem() {
    return problem;
  }
}
