package io.github.binfiles.copybook;

import io.github.binfiles.copybook.CopybookTokens.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Parses data description entries: level numbers 01-49 (nested by value), 66 (RENAMES) and 88
 * (condition names) accepted and skipped, names and FILLER, and the clauses PIC/PICTURE, USAGE and
 * its words, OCCURS n [TO m] [TIMES] [DEPENDING ON f] (keys and indexes skipped), REDEFINES,
 * SIGN [IS] LEADING|TRAILING [SEPARATE [CHARACTER]], SYNC/SYNCHRONIZED, VALUE (skipped), BLANK
 * WHEN ZERO and JUSTIFIED. Errors name the line and column.
 */
final class CopybookParser {
  private final List<Token> tokens;
  private int i;

  private CopybookParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static List<CopybookItem> parse(String text) {
    return new CopybookParser(CopybookTokens.of(text)).records();
  }

  private List<CopybookItem> records() {
    List<CopybookItem> roots = new ArrayList<>();
    Deque<CopybookItem> open = new ArrayDeque<>();
    while (i < tokens.size()) {
      Token levelToken = tokens.get(i++);
      int level = level(levelToken);
      if (level == 66 || level == 88) {
        skipEntry();
        continue;
      }
      CopybookItem item = entry(level, levelToken);
      while (!open.isEmpty() && open.peek().level >= level) {
        open.pop();
      }
      if (open.isEmpty()) {
        if (!roots.isEmpty() && level != 1 && roots.get(0).level != level) {
          throw new CopybookException(levelToken.line(), levelToken.column(), "level " + level
              + " does not fit under any open group (the first record is level "
              + roots.get(0).level + ")");
        }
        roots.add(item);
      } else {
        CopybookItem parent = open.peek();
        if (parent.picture != null) {
          throw new CopybookException(levelToken.line(), levelToken.column(), parent.name
              + " has a PIC clause, so it cannot have subordinate items like " + item.name);
        }
        if (item.usage == null) {
          item.usage = parent.usage;
        }
        parent.children.add(item);
      }
      open.push(item);
    }
    return roots;
  }

  private static int level(Token t) {
    try {
      int level = Integer.parseInt(t.text());
      if ((level >= 1 && level <= 49) || level == 66 || level == 77 || level == 88) {
        return level == 77 ? 1 : level;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CopybookException(t.line(), t.column(), "expected a level number (01-49, 66, 77,"
        + " 88) to start an entry, found '" + t.text() + "' (did the previous entry end with a"
        + " period?)");
  }

  private void skipEntry() {
    while (i < tokens.size() && !tokens.get(i++).is(".")) {}
  }

  private CopybookItem entry(int level, Token at) {
    String name = "FILLER";
    if (i < tokens.size() && !isClauseWord(tokens.get(i)) && !tokens.get(i).is(".")) {
      name = tokens.get(i++).text().toUpperCase(Locale.ROOT);
    }
    CopybookItem item = new CopybookItem(level, name, at.line());
    while (true) {
      Token t = next(item, "a clause or the period that ends " + name);
      String w = t.text().toUpperCase(Locale.ROOT);
      if (w.equals(".")) {
        return item;
      }
      Usage usage = Usage.of(w);
      if (usage != null) {
        item.usage = usage;
        continue;
      }
      switch (w) {
        case "PIC":
        case "PICTURE":
          Token p = next(item, "a picture string after PIC");
          if (p.is("IS")) {
            p = next(item, "a picture string after PIC IS");
          }
          item.picture = Picture.parse(p.text(), p.line(), p.column());
          break;
        case "USAGE":
          Token u = next(item, "a usage after USAGE");
          if (u.is("IS")) {
            u = next(item, "a usage after USAGE IS");
          }
          if ((item.usage = Usage.of(u.text())) == null) {
            throw new CopybookException(u.line(), u.column(), "unknown usage '" + u.text()
                + "' (DISPLAY, COMP, COMP-0 to COMP-5, BINARY, PACKED-DECIMAL)");
          }
          break;
        case "OCCURS":
          occurs(item);
          break;
        case "REDEFINES":
          item.redefines = next(item, "the name REDEFINES refers to").text().toUpperCase(Locale.ROOT);
          break;
        case "SIGN":
          Token s = next(item, "LEADING or TRAILING after SIGN");
          if (s.is("IS")) {
            s = next(item, "LEADING or TRAILING after SIGN IS");
          }
          sign(item, s);
          break;
        case "LEADING":
        case "TRAILING":
          sign(item, t);
          break;
        case "SYNC":
        case "SYNCHRONIZED":
          item.sync = true;
          if (peekIs("LEFT") || peekIs("RIGHT")) {
            i++;
          }
          break;
        case "VALUE":
        case "VALUES":
          skipToPeriodKeepingIt();
          break;
        case "BLANK":
          i += peekIs("WHEN") ? 2 : 1; // BLANK WHEN ZERO
          item.blankWhenZero = true;
          break;
        case "JUSTIFIED":
        case "JUST":
          if (peekIs("RIGHT")) {
            i++;
          }
          break;
        default:
          throw new CopybookException(t.line(), t.column(), "unexpected '" + t.text() + "' in "
              + name + ": expected PIC, USAGE, OCCURS, REDEFINES, SIGN, SYNC, VALUE or a period");
      }
    }
  }

  private void occurs(CopybookItem item) {
    Token n = next(item, "a count after OCCURS");
    int first = count(n);
    item.minOccurs = first;
    item.maxOccurs = first;
    if (peekIs("TO")) {
      i++;
      item.maxOccurs = count(next(item, "a count after OCCURS " + first + " TO"));
    }
    if (peekIs("TIMES")) {
      i++;
    }
    if (peekIs("DEPENDING")) {
      i++;
      if (peekIs("ON")) {
        i++;
      }
      item.dependingOn = next(item, "a field name after DEPENDING ON").text().toUpperCase(Locale.ROOT);
    }
    // ASCENDING/DESCENDING KEY IS k..., INDEXED BY i...: no effect on the bytes.
    while (peekIs("ASCENDING") || peekIs("DESCENDING") || peekIs("INDEXED")) {
      i++;
      while (i < tokens.size() && !tokens.get(i).is(".") && !isClauseWord(tokens.get(i))) {
        i++;
      }
    }
  }

  private static int count(Token t) {
    try {
      int n = Integer.parseInt(t.text());
      if (n >= 0 && n <= 1 << 24) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CopybookException(t.line(), t.column(), "expected an OCCURS count, found '"
        + t.text() + "'");
  }

  private void sign(CopybookItem item, Token t) {
    if (!t.is("LEADING") && !t.is("TRAILING")) {
      throw new CopybookException(t.line(), t.column(), "expected LEADING or TRAILING, found '"
          + t.text() + "'");
    }
    item.signLeading = t.is("LEADING");
    if (peekIs("SEPARATE")) {
      i++;
      item.signSeparate = true;
      if (peekIs("CHARACTER")) {
        i++;
      }
    }
  }

  private void skipToPeriodKeepingIt() {
    while (i < tokens.size() && !tokens.get(i).is(".")) {
      i++;
    }
  }

  private boolean peekIs(String word) {
    return i < tokens.size() && tokens.get(i).is(word);
  }

  private Token next(CopybookItem item, String expected) {
    if (i >= tokens.size()) {
      Token last = tokens.get(tokens.size() - 1);
      throw new CopybookException(last.line(), last.column(), "the copybook ends inside "
          + item.name + ": expected " + expected);
    }
    return tokens.get(i++);
  }

  private static boolean isClauseWord(Token t) {
    String w = t.text().toUpperCase(Locale.ROOT);
    return Usage.of(w) != null || switch (w) {
      case "PIC", "PICTURE", "USAGE", "OCCURS", "REDEFINES", "SIGN", "SYNC", "SYNCHRONIZED",
          "VALUE", "VALUES", "BLANK", "JUSTIFIED", "JUST", "LEADING", "TRAILING" -> true;
      default -> false;
    };
  }
}
