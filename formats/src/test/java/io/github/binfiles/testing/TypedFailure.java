package io.github.binfiles.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import io.github.binfiles.report.BinaryFileException;
import java.nio.file.Path;

/** Asserts that a read of damaged input fails with the typed error naming the file. */
public final class TypedFailure {
  private TypedFailure() {}

  /** What a test runs that must fail. */
  public interface Read {
    void run() throws Exception;
  }

  /** Runs {@code read}; it must throw, with a {@link BinaryFileException} for {@code file} in the causes. */
  public static BinaryFileException assertTypedFailure(Path file, String what, Read read) {
    try {
      read.run();
    } catch (Exception e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof BinaryFileException) {
          assertEquals(what, file.toString(), ((BinaryFileException) c).getFile());
          return (BinaryFileException) c;
        }
      }
      throw new AssertionError(what + ": not a BinaryFileException", e);
    }
    fail(what + ": FAIL policy read a damaged file without error");
    return null;
  }
}
