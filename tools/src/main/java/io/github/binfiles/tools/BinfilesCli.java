package io.github.binfiles.tools;

import io.github.binfiles.report.BinaryFileException;
import io.github.binfiles.format.FormatRegistry;
import java.io.PrintWriter;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code binfiles} command line: look inside, check, dump, convert and generate binary files,
 * and run the demo. Pipelines run on the embedded DirectRunner unless standard Beam flags say
 * otherwise ({@code --runner=DataflowRunner --project=... --region=... --tempLocation=gs://...}).
 *
 * <p>Errors are one line on stderr and a non-zero exit (2 for usage and runtime errors, 1 for
 * damage found by {@code verify}); {@code --verbose} adds stack traces.
 */
@Command(
    name = "binfiles",
    mixinStandardHelpOptions = true,
    version = "binfiles 0.1.0",
    description = "Splittable, checksummed binary files for Apache Beam.")
public final class BinfilesCli implements Runnable {
  /** The commands, in the order help lists them. */
  private static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, GenerateCommand.class,
      InspectCommand.class, VerifyCommand.class, CatCommand.class, ConvertCommand.class, TuneCommand.class,
      CopybookCommand.class, CommandLine.HelpCommand.class);

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces and Beam's log messages.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "choose a command (see --help)");
  }

  public static void main(String[] args) {
    // stdout buffered (cat writes a line per record; run() flushes at the end), stderr not.
    PrintWriter out = new PrintWriter(new java.io.BufferedWriter(
        new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), 1 << 16), false);
    try {
      System.exit(run(args, out, new PrintWriter(System.err, true)));
    } catch (LinkageError e) {
      if (localClassPathHint(e).isEmpty()) {
        throw e;
      }
      System.err.println("binfiles: error: " + e + localClassPathHint(e));
      System.exit(2);
    }
  }

  /**
   * When the launcher ran this command on the local class path (no runner, no gs:// path: the
   * Dataflow runner and the GCP I/O left out) and {@code e} is, or was caused by, a missing class:
   * what to do about it; else "".
   */
  static String localClassPathHint(Throwable e) {
    if (!"local".equals(System.getProperty("binfiles.classpath"))) {
      return "";
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof LinkageError || c instanceof ClassNotFoundException) {
        return " (" + c + ": the launcher ran this command on the local class path,"
            + " tools/target/local.classpath, which lacks that class; run it again with BINFILES_CLASSPATH=full"
            + " and report the command)";
      }
    }
    return "";
  }

  /** The command line with every command, the formats' options and the number syntax; not run. */
  static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * The command line with only the command named {@code only} (every command when null): picocli
   * builds each command's model by reflection, a tenth of a second for all of them, which a run of
   * one command need not pay.
   */
  static CommandLine commandLine(String only) {
    // Help texts list the registered formats (picocli interpolates ${sys:...}).
    System.setProperty("binfiles.formats", FormatRegistry.names());
    System.setProperty("binfiles.defaultFormat", FormatRegistry.providers().get(0).name());
    CommandLine cli = new CommandLine(new BinfilesCli());
    for (Class<?> command : COMMANDS) {
      if (only == null || only.equals(command.getAnnotation(Command.class).name())) {
        cli.addSubcommand(command);
      }
    }
    // One syntax for every number on the command line: 100000, 64k, 1MiB (ByteCount).
    CommandLine.ITypeConverter<Long> asLong = io.github.binfiles.format.ByteCount::parse;
    CommandLine.ITypeConverter<Integer> asInt = text -> Math.toIntExact(io.github.binfiles.format.ByteCount.parse(text));
    cli.registerConverter(Long.class, asLong).registerConverter(long.class, asLong)
        .registerConverter(Integer.class, asInt).registerConverter(int.class, asInt);
    FormatOptions.register(cli);
    return cli;
  }

  /** Runs the CLI with the given streams; returns the exit code. For tests and embedding. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    if (!verbose) {
      // Beam warns when it finds no temporary files left to clean up, which is the normal case.
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.beam.sdk.io.FileBasedSink", "error");
    }
    CommandLine cli = commandLine(commandNamed(args));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          err.println("binfiles " + commandLine.getCommandName() + ": error: " + oneLine(e) + localClassPathHint(e));
          if (verbose) {
            e.printStackTrace(err);
          }
          err.flush();
          return 2;
        });
    // Beam's filesystem registry (its options factory costs a second of class loading) only when a
    // path names another filesystem (gs://...) or a pipeline may run: local paths need none, and
    // --help and --version answer at once.
    cli.setExecutionStrategy(parseResult -> {
      Integer help = CommandLine.executeHelpRequest(parseResult);
      if (help != null) {
        return help;
      }
      if (java.util.Arrays.stream(args).anyMatch(a -> a.contains("://") && !a.contains("file://"))) {
        FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
      }
      return new CommandLine.RunLast().execute(parseResult);
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The command {@code args} run (their first word), or null for help, a version or no known command. */
  static String commandNamed(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        for (Class<?> command : COMMANDS) {
          String name = command.getAnnotation(Command.class).name();
          if (name.equals(a) && !name.equals("help")) {
            return name;
          }
        }
        return null;
      }
    }
    return null;
  }

  /** The most useful single line for an exception: the deepest message that names a file. */
  static String oneLine(Throwable e) {
    String best = null;
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isEmpty()) {
        if (best == null || c instanceof io.github.binfiles.report.BinaryFileException) {
          best = c.getMessage();
        }
      }
    }
    return best == null ? e.getClass().getSimpleName() : best.replace('\n', ' ');
  }
}
