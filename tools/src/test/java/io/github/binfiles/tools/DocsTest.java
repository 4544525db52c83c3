package io.github.binfiles.tools;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;
import picocli.CommandLine;

/**
 * The code blocks of the README and of docs/ cannot rot: every binfiles method a Java block calls
 * ({@code Formats.fixed(...)}, {@code .withLayout(...)}) exists, and every {@code ./binfiles}
 * command of a shell block parses (its command and options exist, its values have the right form).
 * The README's pipelines themselves run as written in ReadmeExamplesTest, CopybookPipelineTest and
 * SqlOverRowsTest.
 */
public class DocsTest {
  private static final Path ROOT = Paths.get("..");

  /** The README and every page of docs/. */
  private static List<Path> pages() throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(ROOT.resolve("README.md"));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
    }
    return out;
  }

  /** The fenced blocks of {@code page} whose info string starts with {@code lang}, with their first line. */
  private static Map<Integer, String> blocks(Path page, String lang) throws IOException {
    Map<Integer, String> out = new java.util.LinkedHashMap<>();
    List<String> lines = Files.readAllLines(page);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("```" + lang)) {
        StringBuilder b = new StringBuilder();
        int start = i + 1;
        for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
          b.append(lines.get(i)).append('\n');
        }
        out.put(start, b.toString());
      }
    }
    return out;
  }

  /** The public classes of the binfiles modules, by simple name, from their sources. */
  private static Map<String, List<Class<?>>> binfilesClasses() throws Exception {
    Map<String, List<Class<?>>> out = new HashMap<>();
    for (String module : new String[] {"formats", "sinks"}) {
      Path src = ROOT.resolve(module).resolve("src/main/java");
      try (Stream<Path> s = Files.walk(src)) {
        for (Path f : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".java"))::iterator) {
          String name = src.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "");
          Class<?> c = Class.forName(name);
          List<Class<?>> all = new ArrayList<>();
          all.add(c);
          all.addAll(List.of(c.getClasses())); // nested public classes: Read, Write, Builder, ...
          for (Class<?> k : all) {
            if (Modifier.isPublic(k.getModifiers())) {
              out.computeIfAbsent(k.getSimpleName(), x -> new ArrayList<>()).add(k);
            }
          }
        }
      }
    }
    return out;
  }

  private static Set<String> members(Class<?> c) {
    Set<String> out = new HashSet<>();
    for (Method m : c.getMethods()) {
      out.add(m.getName());
    }
    for (Field f : c.getFields()) {
      out.add(f.getName());
    }
    return out;
  }

  @Test
  public void javaBlocksCallMethodsThatExist() throws Exception {
    Map<String, List<Class<?>>> classes = binfilesClasses();
    Set<String> anyMethod = new HashSet<>();
    classes.values().forEach(list -> list.forEach(c -> anyMethod.addAll(members(c))));
    // Beam's own builders the examples chain on.
    for (Class<?> c : new Class<?>[] {org.apache.beam.sdk.io.TextIO.Write.class, org.apache.beam.sdk.io.FileIO.Write.class,
        org.apache.beam.sdk.io.FileIO.Match.class, org.apache.beam.sdk.io.FileIO.ReadMatches.class,
        org.apache.beam.sdk.transforms.ParDo.SingleOutput.class, org.apache.beam.sdk.transforms.Create.Values.class}) {
      anyMethod.addAll(members(c));
    }
    Pattern staticCall = Pattern.compile("\\b([A-Z]\\w*)\\.([a-z]\\w*)\\b");
    Pattern withCall = Pattern.compile("\\.(with[A-Z]\\w*)\\(");
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Path page : pages()) {
      for (Map.Entry<Integer, String> block : blocks(page, "java").entrySet()) {
        String where = ROOT.relativize(page) + ":" + block.getKey();
        Matcher m = staticCall.matcher(block.getValue());
        while (m.find()) {
          List<Class<?>> owners = classes.get(m.group(1));
          if (owners == null) {
            continue; // not a binfiles class (Beam's, the JDK's)
          }
          checked++;
          if (owners.stream().noneMatch(c -> members(c).contains(m.group(2)))) {
            wrong.add(where + ": " + m.group(1) + "." + m.group(2) + " does not exist");
          }
        }
        Matcher w = withCall.matcher(block.getValue());
        while (w.find()) {
          checked++;
          if (!anyMethod.contains(w.group(1))) {
            wrong.add(where + ": no binfiles transform or format has " + w.group(1));
          }
        }
      }
    }
    assertTrue(String.join("\n", wrong), wrong.isEmpty());
    assertTrue("checked " + checked, checked > 100);
  }

  /** Shell words of one command line: quotes kept together, a word that is a variable as 1. */
  private static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(line);
    while (m.find()) {
      String w = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      // A whole word that is a shell variable (a loop's $p) stands for a value: a number parses as
      // any option's value and any file name.
      out.add(w.matches("\\$\\{?\\w+\\}?") ? "1" : w);
    }
    return out;
  }

  @Test
  public void everyBinfilesCommandParses() throws Exception {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Path page : pages()) {
      for (Map.Entry<Integer, String> block : blocks(page, "bash").entrySet()) {
        String[] lines = block.getValue().replace("\\\n", " ").split("\n");
        for (String line : lines) {
          String command = line.replaceAll("\\s+#.*$", "").trim();
          int at = command.indexOf("./binfiles ");
          if (at < 0) {
            continue;
          }
          command = command.substring(at + "./binfiles ".length()).split("\\s*(\\||&&|;|>)\\s*")[0];
          List<String> args = words(command);
          checked++;
          try {
            BinfilesCli.commandLine().parseArgs(args.toArray(new String[0]));
          } catch (CommandLine.ParameterException e) {
            wrong.add(ROOT.relativize(page) + ":" + block.getKey() + ": ./binfiles " + command + ": " + e.getMessage());
          }
        }
      }
    }
    assertTrue(String.join("\n", wrong), wrong.isEmpty());
    assertTrue("checked " + checked, checked > 20);
  }
}
