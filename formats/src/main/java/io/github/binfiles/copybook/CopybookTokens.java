package io.github.binfiles.copybook;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits copybook text into tokens with their line and column, in the fixed reference format:
 * columns 1-6 (sequence numbers) and 73-80 are ignored, column 7 is the indicator ({@code *} or
 * {@code /} marks a comment, {@code -} a continuation of the previous line's literal), columns
 * 8-72 hold the code (a line whose columns 1-6 are blank and whose column 7 is not an indicator is
 * read from column 7, a common hand edit). A period followed by a space or the end of a line ends an entry and is its
 * own token; quoted literals are one token.
 */
final class CopybookTokens {
  /** One token; {@code text} is "." for an entry's end. */
  record Token(String text, int line, int column) {
    boolean is(String word) {
      return text.equalsIgnoreCase(word);
    }
  }

  private CopybookTokens() {}

  static List<Token> of(String copybook) {
    List<Token> tokens = new ArrayList<>();
    String[] lines = copybook.split("\r\n|\n|\r", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].replace('\t', ' ');
      if (line.length() < 7) {
        continue;
      }
      char indicator = line.charAt(6);
      if (indicator == '*' || indicator == '/') {
        continue;
      }
      String code = line.substring(7, Math.min(72, line.length()));
      if (indicator == '-') {
        continueLiteral(tokens, code, n + 1);
        continue;
      }
      if (indicator != ' ' && indicator != 'D' && indicator != 'd') {
        if (!line.substring(0, 6).isBlank()) {
          throw new CopybookException(n + 1, 7, "indicator column holds '" + indicator
              + "', expected a space, * or / (comment) or - (continuation); is the copybook in"
              + " the fixed format, code in columns 8-72?");
        }
        // Code shifted one column left (a common hand edit, accepted by Cobrix): read from column 7.
        scan(tokens, line.substring(6, Math.min(72, line.length())), n + 1, 7);
        continue;
      }
      scan(tokens, code, n + 1);
    }
    return tokens;
  }

  private static void scan(List<Token> tokens, String code, int line) {
    scan(tokens, code, line, 8);
  }

  /** @param firstColumn the column of {@code code}'s first character */
  private static void scan(List<Token> tokens, String code, int line, int firstColumn) {
    int i = 0;
    while (i < code.length()) {
      char c = code.charAt(i);
      if (c == ' ' || c == ',' || c == ';') {
        i++;
        continue;
      }
      int start = i;
      if (c == '\'' || c == '"') {
        int end = code.indexOf(c, i + 1);
        i = end < 0 ? code.length() : end + 1;
      } else {
        while (i < code.length() && code.charAt(i) != ' ') {
          char d = code.charAt(i);
          boolean endsEntry = d == '.' && (i + 1 == code.length() || code.charAt(i + 1) == ' ');
          if (endsEntry) {
            break;
          }
          i++;
        }
      }
      if (i > start) {
        tokens.add(new Token(code.substring(start, i), line, start + firstColumn));
      }
      if (i < code.length() && code.charAt(i) == '.') {
        tokens.add(new Token(".", line, i + firstColumn));
        i++;
      }
    }
  }

  /** A continuation line resumes an open literal after its leading quote. */
  private static void continueLiteral(List<Token> tokens, String code, int line) {
    String rest = code.strip();
    if (tokens.isEmpty() || rest.isEmpty() || (rest.charAt(0) != '\'' && rest.charAt(0) != '"')) {
      scan(tokens, code, line);
      return;
    }
    Token last = tokens.remove(tokens.size() - 1);
    List<Token> more = new ArrayList<>();
    scan(more, rest.substring(1), line);
    String joined = last.text() + (more.isEmpty() ? "" : more.get(0).text());
    tokens.add(new Token(joined, last.line(), last.column()));
    if (more.size() > 1) {
      tokens.addAll(more.subList(1, more.size()));
    }
  }
}
