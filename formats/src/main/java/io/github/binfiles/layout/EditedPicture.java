package io.github.binfiles.layout;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A numeric-edited COBOL picture ({@code Z(5)9}, {@code 9(8).9(2)}, {@code -9(5)},
 * {@code +9(3).99}, {@code 9(4)V99-}, {@code $$,$$9.99CR}, {@code ***9.99}) read and written
 * position by position, as IBM's Enterprise COBOL Language Reference describes editing: digit
 * positions {@code 9}, {@code Z} (a leading zero becomes a space) and {@code *} (an asterisk); an
 * actual decimal point {@code .} or an assumed one {@code V}; insertion characters {@code , B 0 /}
 * (blanked, or starred, while zeros are being suppressed); a fixed sign {@code +} or {@code -} at
 * either end, or {@code CR}/{@code DB} at the end; a fixed currency sign {@code $} at the start; a
 * floating string of two or more {@code $}, {@code +} or {@code -} (the first only a sign or
 * currency position, the others digit positions, the symbol written just left of the first digit
 * written). Not supported: {@code P} scaling, {@code DECIMAL-POINT IS COMMA}, currency signs other
 * than {@code $}; such pictures stay text.
 */
final class EditedPicture {
  /** One position of the picture; {@code CR}/{@code DB} take two bytes, {@code V} none. */
  private static final char CR = 'c';
  private static final char DB = 'd';

  private final String text;
  private final char[] symbols;
  /** Whether the position is a digit position (9, Z, *, or a floating symbol but the first). */
  private final boolean[] digit;
  /** The floating symbol ({@code $ + -}) or 0. */
  private final char floating;
  /** Index of the floating string's first symbol (its sign or currency position), or -1. */
  private final int floatingStart;
  private final int digits;
  private final int scale;
  private final int length;
  private final boolean hasNine;

  private EditedPicture(String text, char[] symbols) {
    this.text = text;
    this.symbols = symbols;
    this.digit = new boolean[symbols.length];
    char first = 0;
    int firstAt = -1;
    int count = 0;
    for (int i = 0; i < symbols.length; i++) {
      char c = symbols[i];
      if (c == '$' || c == '+' || c == '-') {
        if (first == 0) {
          first = c;
          firstAt = i;
        }
        if (c == first) {
          count++;
        }
      }
    }
    boolean floats = count >= 2;
    this.floating = floats ? first : 0;
    this.floatingStart = floats ? firstAt : -1;
    int d = 0;
    int after = 0;
    int bytes = 0;
    boolean point = false;
    boolean nine = false;
    for (int i = 0; i < symbols.length; i++) {
      char c = symbols[i];
      boolean isDigit = c == '9' || c == 'Z' || c == '*' || (floats && c == first && i != firstAt);
      digit[i] = isDigit;
      nine |= c == '9';
      if (isDigit) {
        d++;
        after += point ? 1 : 0;
      }
      if (c == '.' || c == 'V') {
        point = true;
      }
      bytes += c == 'V' ? 0 : c == CR || c == DB ? 2 : 1;
    }
    this.digits = d;
    this.scale = after;
    this.length = bytes;
    this.hasNine = nine;
  }

  /**
   * The picture, if it is numeric-edited: digit positions with editing symbols and no {@code X},
   * {@code A}, {@code S} or {@code P}; null otherwise (a plain number, or text).
   */
  static EditedPicture parseOrNull(String picture) {
    String p = picture.toUpperCase(Locale.ROOT);
    List<Character> out = new ArrayList<>();
    boolean editing = false;
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      int next = i + 1;
      if ((c == 'C' && p.startsWith("CR", i)) || (c == 'D' && p.startsWith("DB", i))) {
        out.add(c == 'C' ? CR : DB);
        editing = true;
        i += 2;
        continue;
      }
      int count = 1;
      if (next < p.length() && p.charAt(next) == '(') {
        int close = p.indexOf(')', next);
        if (close < 0) {
          return null;
        }
        try {
          count = Integer.parseInt(p.substring(next + 1, close).trim());
        } catch (NumberFormatException e) {
          return null;
        }
        if (count < 1 || count > 64) {
          return null;
        }
        next = close + 1;
      }
      switch (c) {
        case '9':
        case 'V':
          break;
        case 'Z': case '*': case '.': case ',': case '+': case '-': case 'B': case '0': case '/': case '$':
          editing = true;
          break;
        default:
          return null; // X, A, S, P, or another currency sign
      }
      for (int k = 0; k < count; k++) {
        out.add(c);
      }
      i = next;
    }
    char[] symbols = new char[out.size()];
    for (int k = 0; k < symbols.length; k++) {
      symbols[k] = out.get(k);
    }
    EditedPicture e = new EditedPicture(picture, symbols);
    return editing && e.digits > 0 && e.digits <= 38 && e.wellFormed() ? e : null;
  }

  /** Signs only at an end, at most one sign and one point, CR/DB last. */
  private boolean wellFormed() {
    int signs = 0;
    int points = 0;
    for (int i = 0; i < symbols.length; i++) {
      char c = symbols[i];
      if (c == '.' || c == 'V') {
        points++;
      }
      if ((c == CR || c == DB) && i != symbols.length - 1) {
        return false;
      }
      boolean sign = c == '+' || c == '-' || c == CR || c == DB;
      if (sign && c != floating) {
        signs++;
        if (i != 0 && i != symbols.length - 1) {
          return false;
        }
      }
      if (c == '$' && c != floating && i != 0) {
        return false;
      }
    }
    return points <= 1 && signs + (floating == '+' || floating == '-' ? 1 : 0) <= 1;
  }

  String text() {
    return text;
  }

  /** Bytes the field takes. */
  int length() {
    return length;
  }

  int scale() {
    return scale;
  }

  int digits() {
    return digits;
  }

  /**
   * The number {@code chars} (one per byte, decoded in the field's charset) holds, position by
   * position; throws when a position holds what the picture cannot put there.
   */
  BigDecimal decode(String chars) throws FieldCodec.BadFieldException {
    StringBuilder number = new StringBuilder(digits);
    boolean negative = false;
    int at = 0;
    for (int i = 0; i < symbols.length; i++) {
      char c = symbols[i];
      if (c == 'V') {
        continue;
      }
      if (c == CR || c == DB) {
        String two = chars.substring(at, at + 2);
        String word = c == CR ? "CR" : "DB";
        if (two.equalsIgnoreCase(word)) {
          negative = true;
        } else if (!two.equals("  ")) {
          throw bad(at, two, word + " or two spaces");
        }
        at += 2;
        continue;
      }
      char t = chars.charAt(at++);
      if (digit[i]) {
        if (t >= '0' && t <= '9') {
          number.append(t);
        } else if ((t == ' ' && c != '9' && c != '*') || (t == '*' && c == '*') || (c == floating && t == '$')) {
          number.append('0'); // a suppressed zero, or the floating currency sign left of the digits
        } else if (c == floating && (t == '+' || t == '-')) {
          negative |= t == '-';
          number.append('0');
        } else {
          throw bad(at - 1, String.valueOf(t), "a digit" + (c == '9' ? "" : c == '*' ? " or *" : " or a space"));
        }
        continue;
      }
      switch (c) {
        case '.':
        case ',':
        case '/':
        case '0':
        case 'B':
          char want = c == 'B' ? ' ' : c;
          if (t != want && t != ' ' && t != '*') {
            throw bad(at - 1, String.valueOf(t), "'" + want + "'");
          }
          break;
        case '$':
          if (t != '$' && !(i == floatingStart && t == ' ')) {
            throw bad(at - 1, String.valueOf(t), "$");
          }
          break;
        case '+':
        case '-':
          if (t == '-') {
            negative = true;
          } else if (!(t == '+' && c == '+') && !(t == ' ' && (c == '-' || i == floatingStart))) {
            throw bad(at - 1, String.valueOf(t), c == '+' ? "+ or -" : "- or a space");
          }
          break;
        default:
          throw new AssertionError(c);
      }
    }
    return new BigDecimal(negative ? new BigInteger(number.toString()).negate() : new BigInteger(number.toString()), scale);
  }

  private FieldCodec.BadFieldException bad(int at, String found, String expected) {
    return new FieldCodec.BadFieldException("PIC " + text + ": byte " + at + " holds '" + found + "' where the"
        + " picture has " + expected);
  }

  /** The floating or fixed symbol as written for a value of this sign. */
  private static char signOrCurrency(char symbol, boolean negative) {
    switch (symbol) {
      case '+':
        return negative ? '-' : '+';
      case '-':
        return negative ? '-' : ' ';
      default:
        return '$';
    }
  }

  /**
   * The characters {@code value} edits to (one per byte, to be encoded in the field's charset).
   *
   * @throws IllegalArgumentException if the value has more digits or decimals than the picture,
   *     or is negative and the picture has no sign
   */
  String encode(BigDecimal value, String field) {
    BigDecimal v = value.setScale(scale, java.math.RoundingMode.UNNECESSARY);
    boolean negative = v.signum() < 0;
    if (negative && !hasSign()) {
      throw new IllegalArgumentException("field " + field + ": " + value + " is negative and PIC " + text
          + " has no sign");
    }
    String number = v.unscaledValue().abs().toString();
    if (number.length() > digits) {
      throw new IllegalArgumentException("field " + field + ": " + value + " has more digits than PIC " + text);
    }
    String padded = "0".repeat(digits - number.length()) + number;
    boolean zero = v.signum() == 0;
    boolean allSuppressible = !hasNine;
    StringBuilder out = new StringBuilder(length);
    int d = 0;
    boolean suppressing = suppresses();
    boolean beforePoint = true;
    int lastSuppressed = -1; // index in out of the last position blanked by suppression
    char fill = ' ';
    for (int i = 0; i < symbols.length; i++) {
      char c = symbols[i];
      if (c == '*') {
        fill = '*';
      }
      if (c == 'V') {
        beforePoint = false;
        suppressing = false;
        continue;
      }
      if (digit[i]) {
        char x = padded.charAt(d++);
        boolean canSuppress = c != '9' && (beforePoint || (zero && allSuppressible));
        if (suppressing && canSuppress && x == '0') {
          lastSuppressed = out.length();
          out.append(c == '*' ? '*' : ' ');
        } else {
          suppressing = false;
          out.append(x);
        }
        continue;
      }
      switch (c) {
        case '.':
          beforePoint = false;
          if (zero && allSuppressible) {
            out.append(fill == '*' ? '.' : ' '); // a zero in Z positions is all spaces; in * all stars
          } else {
            out.append('.');
            suppressing = false;
          }
          break;
        case ',':
        case '/':
        case '0':
        case 'B':
          if (suppressing) {
            lastSuppressed = out.length();
            out.append(fill);
          } else {
            out.append(c == 'B' ? ' ' : c);
          }
          break;
        case CR:
        case DB:
          out.append(negative ? (c == CR ? "CR" : "DB") : "  ");
          break;
        case '$':
        case '+':
        case '-':
          if (i == floatingStart) {
            lastSuppressed = out.length();
            out.append(' '); // the symbol goes left of the first digit written, below
          } else {
            out.append(signOrCurrency(c, negative));
          }
          break;
        default:
          throw new AssertionError(c);
      }
    }
    if (floating != 0) {
      if (zero && allSuppressible && lastSuppressed == out.length() - 1) {
        return " ".repeat(length); // nothing written: the item is spaces
      }
      out.setCharAt(lastSuppressed, signOrCurrency(floating, negative));
    }
    return out.toString();
  }

  /** Whether leading zeros are suppressed: Z, * or a floating string. */
  private boolean suppresses() {
    if (floating != 0) {
      return true;
    }
    for (char c : symbols) {
      if (c == 'Z' || c == '*') {
        return true;
      }
    }
    return false;
  }

  private boolean hasSign() {
    for (char c : symbols) {
      if (c == '+' || c == '-' || c == CR || c == DB) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }
}
