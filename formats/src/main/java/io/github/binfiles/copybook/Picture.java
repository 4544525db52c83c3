package io.github.binfiles.copybook;

/**
 * A parsed {@code PIC} string: {@code X}, {@code A}, {@code 9}, {@code S}, {@code V}, {@code P},
 * repeat counts ({@code 9(7)}) and the simple editing characters of display pictures ({@code Z . ,
 * + - * B 0 / $ CR DB}).
 *
 * @param numeric whether the picture holds only 9, S, V and P (a number stored as a number)
 * @param signed whether it starts with S
 * @param digits the digit positions (9s), P scaling positions excluded
 * @param scale digits after the implied decimal point (V), counting P positions after it; a
 *     negative scale means P positions on the left of V multiply by ten each
 * @param displayLength the bytes the picture takes as DISPLAY (S not counted: sign overpunched)
 */
public record Picture(String text, boolean numeric, boolean signed, int digits, int scale,
    int displayLength) {

  static Picture parse(String text, int line, int column) {
    String p = text.toUpperCase(java.util.Locale.ROOT);
    boolean numeric = true;
    boolean signed = false;
    int digits = 0;
    int afterPoint = 0;
    int scalingLeft = 0;
    int display = 0;
    boolean point = false;
    boolean leadingP = false;
    boolean sawDigit = false;
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      int count = 1;
      int next = i + 1;
      if (next < p.length() && p.charAt(next) == '(') {
        int close = p.indexOf(')', next);
        if (close < 0) {
          throw new CopybookException(line, column + next, "PIC " + text + ": '(' without ')'");
        }
        try {
          count = Integer.parseInt(p.substring(next + 1, close));
        } catch (NumberFormatException e) {
          throw new CopybookException(line, column + next + 1, "PIC " + text
              + ": repeat count '" + p.substring(next + 1, close) + "' is not a number");
        }
        if (count <= 0 || count > 1 << 24) {
          throw new CopybookException(line, column + next + 1, "PIC " + text
              + ": repeat count " + count + " is out of range 1-16777216");
        }
        next = close + 1;
      } else if (c == 'C' && p.startsWith("CR", i) || c == 'D' && p.startsWith("DB", i)) {
        next = i + 2;
        count = 2;
        c = '*';
      }
      switch (c) {
        case '9':
          digits += count;
          display += count;
          sawDigit = true;
          if (point) {
            afterPoint += count;
          }
          break;
        case 'S':
          if (i != 0) {
            throw new CopybookException(line, column + i, "PIC " + text + ": S must come first");
          }
          signed = true;
          break;
        case 'V':
          if (leadingP) {
            throw new CopybookException(line, column + i, "PIC " + text + ": V after leading P"
                + " positions (the assumed point is already left of the Ps; write V first or omit it)");
          }
          if (point) {
            throw new CopybookException(line, column + i, "PIC " + text + ": a second V");
          }
          point = true;
          break;
        case 'P':
          if (point || sawDigit) {
            afterPoint += point ? count : 0;
            scalingLeft += point ? 0 : count;
          } else {
            // Leading Ps: the assumed point is left of them, so every P and every 9 after them is
            // a decimal place (PPP999 is .000999).
            afterPoint += count;
            point = true;
            leadingP = true;
          }
          break;
        case 'X':
        case 'A':
          numeric = false;
          display += count;
          break;
        case 'Z': case '.': case ',': case '+': case '-': case '*': case 'B': case '0': case '/':
        case '$':
          numeric = false;
          display += count;
          break;
        default:
          throw new CopybookException(line, column + i, "PIC " + text + ": '" + c
              + "' is not a picture character (X A 9 S V P, or Z . , + - * B 0 / $ CR DB)");
      }
      i = next;
    }
    if (numeric && digits == 0) {
      throw new CopybookException(line, column, "PIC " + text + " has no digit positions");
    }
    int scale = afterPoint - scalingLeft;
    return new Picture(text, numeric, signed, digits, scale, display);
  }
}
