package io.github.binfiles.layout;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.util.Locale;

/**
 * The EBCDIC tables Cobrix decodes text with, so that a job moved from Cobrix gives the same
 * strings: {@code cobrix-common} (Cobrix's default {@code ebcdic_code_page=common}) and {@code
 * cobrix-cp037} ({@code cp037}). Both are derived here from the JDK's IBM037 by the rules Cobrix's
 * tables follow, not copied:
 *
 * <ul>
 *   <li>{@code cobrix-cp037}: IBM037, except that every control character (C0, DEL, C1) becomes a
 *       space, but 0x0D decodes to LF, 0x25 to CR and 0x15 to NEL (U+0085), as in Cobrix's table
 *       (the JDK decodes 0x0D as CR and both 0x15 and 0x25 as LF);
 *   <li>{@code cobrix-common}: the same, restricted to printable ASCII (every other character
 *       becomes a space, 0x15 too), except that the broken bar (0x6A) becomes {@code |} and the
 *       soft hyphen (0xCA) {@code -}.
 * </ul>
 *
 * Encoding maps each character back to the byte it decodes from (a space to 0x40); a character the
 * table does not hold encodes as {@code ?} (0x6F). Lossy: every byte decoded to a space writes back
 * as 0x40.
 */
final class CobrixCodePage extends Charset {
  static final String COMMON = "cobrix-common";
  static final String CP037 = "cobrix-cp037";

  private final char[] decode = new char[256];
  private final byte[] encode = new byte[65536];
  private final boolean[] encodable = new boolean[65536];

  private CobrixCodePage(String name, boolean common) {
    super(name, null);
    Charset ibm037 = Charset.forName("IBM037");
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    String jdk = new String(all, ibm037);
    for (int i = 0; i < 256; i++) {
      decode[i] = map(jdk.charAt(i), common);
    }
    // Cobrix's line ends, by byte: CR (0x0D) as LF and LF (0x25) as CR; NL (0x15, which the JDK
    // decodes as LF too) as NEL, or a space in the common table.
    decode[0x0D] = '\n';
    decode[0x25] = '\r';
    decode[0x15] = common ? ' ' : '\u0085';
    // Reverse, first byte wins; a space is 0x40.
    for (int i = 255; i >= 0; i--) {
      encode[decode[i]] = (byte) i;
      encodable[decode[i]] = true;
    }
    encode[' '] = 0x40;
  }

  private static char map(char c, boolean common) {
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
      return ' ';
    }
    if (common && c > 0x7E) {
      return c == '\u00A6' ? '|' : c == '\u00AD' ? '-' : ' ';
    }
    return c;
  }

  private static final CobrixCodePage COMMON_PAGE = new CobrixCodePage(COMMON, true);
  private static final CobrixCodePage CP037_PAGE = new CobrixCodePage(CP037, false);

  /** The table of that name (any case), or null when the name is not one of these. */
  static Charset named(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case COMMON:
        return COMMON_PAGE;
      case CP037:
        return CP037_PAGE;
      default:
        return null;
    }
  }

  /** What byte {@code b} decodes to (for tests and documentation). */
  char decode(int b) {
    return decode[b & 0xFF];
  }

  @Override
  public boolean contains(Charset cs) {
    return cs == this;
  }

  @Override
  public CharsetDecoder newDecoder() {
    return new CharsetDecoder(this, 1f, 1f) {
      @Override
      protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
        while (in.hasRemaining()) {
          if (!out.hasRemaining()) {
            return CoderResult.OVERFLOW;
          }
          out.put(decode[in.get() & 0xFF]);
        }
        return CoderResult.UNDERFLOW;
      }
    };
  }

  @Override
  public CharsetEncoder newEncoder() {
    return new CharsetEncoder(this, 1f, 1f, new byte[] {0x6F}) {
      @Override
      protected CoderResult encodeLoop(CharBuffer in, ByteBuffer out) {
        while (in.hasRemaining()) {
          char c = in.get(in.position());
          if (!encodable[c]) {
            return CoderResult.unmappableForLength(1);
          }
          if (!out.hasRemaining()) {
            return CoderResult.OVERFLOW;
          }
          in.get();
          out.put(encode[c]);
        }
        return CoderResult.UNDERFLOW;
      }

      @Override
      public boolean isLegalReplacement(byte[] repl) {
        return repl.length == 1;
      }
    };
  }
}
