package io.github.binfiles.tools;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The local commands' parallel tasks: a task's own exception, not the executor's wrapper, reaches the user. */
final class Tasks {
  private Tasks() {}

  /** The task's result, or the exception it failed with. */
  static <T> T join(Future<T> task) throws Exception {
    try {
      return task.get();
    } catch (ExecutionException e) {
      throw cause(e);
    }
  }

  /** What the task threw (an Error's wrapper when it was not an Exception). */
  static Exception cause(ExecutionException e) {
    return e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
  }
}
