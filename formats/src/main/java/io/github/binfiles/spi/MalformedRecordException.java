package io.github.binfiles.spi;

/**
 * Thrown by a {@link RecordDecoder} when a record's bytes are not a value of its type: a payload the
 * framing's checks passed but whose contents are damaged or of another kind (a truncated protobuf, a
 * feature of another type than the spec says). It is the decoder's way of saying "this is damage,
 * not a bug", so the read treats it like damage the framing found: under {@link
 * io.github.binfiles.report.CorruptionPolicy#FAIL} the read fails naming the file, the record's
 * offset and this message; under {@code SKIP} the record is dropped and reported as a {@link
 * io.github.binfiles.report.SkippedRegion} covering its bytes and ordinal, exactly once under any
 * split, and reading goes on.
 *
 * <p>Any other exception from a decoder fails the read under both policies: a decoder that throws
 * for a reason that is not the record's bytes is broken, and skipping would hide it.
 */
public class MalformedRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedRecordException(String message) {
    super(message);
  }

  public MalformedRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
