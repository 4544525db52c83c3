package io.github.binfiles.layout;

import io.github.binfiles.copybook.Copybook;
import io.github.binfiles.copybook.CopybookException;
import io.github.binfiles.copybook.CopybookItem;
import io.github.binfiles.copybook.Picture;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a COBOL copybook into a {@link RecordLayout}, with the choices a copybook leaves to the
 * reader as options. Immutable; each {@code with} method returns a changed copy.
 *
 * <p>The mapping: the one 01 record's items become the row's fields (several 01 records become
 * alternatives over the same bytes, one group each, chosen with {@link #withRecordTypes}); groups
 * become nested rows; names have '-' replaced by '_' (SQL-friendly, as Cobrix does); FILLER items
 * are skipped; {@code OCCURS} becomes an array, {@code DEPENDING ON} reading its count from the
 * named field (all {@code max} occurrences' bytes are reserved, as in a fixed-length file);
 * {@code REDEFINES} makes alternatives. Elementary items:
 *
 * <table>
 *   <caption>USAGE and PIC to field type</caption>
 *   <tr><th>copybook</th><th>field type</th><th>Beam type</th></tr>
 *   <tr><td>PIC X, A, edited numbers (Z . , + - CR DB ...)</td><td>text in the code page</td><td>STRING</td></tr>
 *   <tr><td>PIC 9 DISPLAY, with S, V, P, SIGN clauses</td><td>zoned decimal</td><td>DECIMAL</td></tr>
 *   <tr><td>COMP/COMP-4/COMP-5/BINARY, no V or P, at most 18 digits</td><td>binary integer of 2, 4 or 8 bytes</td><td>INT16/32/64 (unsigned: the next wider; 8 bytes unsigned DECIMAL)</td></tr>
 *   <tr><td>the same with V or P, or beyond 18 digits</td><td>binary decimal</td><td>DECIMAL</td></tr>
 *   <tr><td>COMP-3, PACKED-DECIMAL</td><td>packed decimal</td><td>DECIMAL</td></tr>
 *   <tr><td>COMP-1, COMP-2</td><td>IBM hexadecimal float (or IEEE: {@link #withIeeeFloats})</td><td>FLOAT, DOUBLE</td></tr>
 * </table>
 *
 * <p>{@code SYNCHRONIZED} binary and float items get the slack bytes IBM Enterprise COBOL inserts
 * before them (see {@link Copybook#parse}); inside {@code OCCURS} that is refused, naming the line.
 * Level 66 (RENAMES) and 88 (condition names) are ignored.
 */
public final class CopybookLayout {
  /** The choices a copybook leaves to the reader; copied, never shared, by each {@code with} method. */
  private static final class Options implements Cloneable {
    String codePage = "IBM037";
    Map<String, String> fieldCodePages = Map.of();
    boolean ieeeFloats;
    boolean littleEndianBinaries;
    FieldType.Trim trim = FieldType.Trim.BOTH;
    boolean controlCharsAsSpaces;
    boolean lowValuesAsNull;
    String typeKey;
    Map<String, String> recordTypes = Map.of();
    boolean variableSizeOccurs;
    boolean editedAsText;
    Set<String> nonTerminals = Set.of();
    Map<String, Map<String, Integer>> occursMappings = Map.of();

    Options copy() {
      try {
        return (Options) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private final Copybook copybook;
  private final Options o;

  private CopybookLayout(Copybook copybook, Options o) {
    this.copybook = copybook;
    this.o = o;
  }

  /**
   * Parses {@code copybook}; defaults: code page IBM037, IBM floats, big-endian binaries, text
   * trimmed at both ends (spaces and NULs), control characters kept, low-values decoded as values.
   *
   * @throws CopybookException naming the line and column of the first problem
   */
  public static CopybookLayout of(String copybook) {
    return of(copybook, Copybook.WideBinaries.MINIMAL);
  }

  /**
   * As {@link #of(String)}, with binary items of more than 18 digits sized as {@code wide} says
   * (by default the fewest bytes that hold them, as Cobrix sizes them; see {@link
   * Copybook.WideBinaries}).
   */
  public static CopybookLayout of(String copybook, Copybook.WideBinaries wide) {
    return new CopybookLayout(Copybook.parse(copybook, wide), new Options());
  }

  private CopybookLayout with(java.util.function.Consumer<Options> change) {
    Options c = o.copy();
    change.accept(c);
    return new CopybookLayout(copybook, c);
  }

  /** The code page of text and zoned decimals: any JDK charset (IBM037, IBM1047, IBM500, Cp1140...; or US-ASCII). */
  public CopybookLayout withCodePage(String charset) {
    FieldType.charset(charset);
    return with(c -> c.codePage = charset);
  }

  /** The code page of one field (its COBOL or Beam name), overriding {@link #withCodePage}. */
  public CopybookLayout withFieldCodePage(String field, String charset) {
    FieldType.charset(charset);
    Map<String, String> m = new HashMap<>(o.fieldCodePages);
    m.put(beamName(field), charset);
    return with(c -> c.fieldCodePages = Collections.unmodifiableMap(m));
  }

  /** COMP-1 and COMP-2 are IEEE 754 (as written by z/OS with FLOAT(NATIVE), or off the mainframe). */
  public CopybookLayout withIeeeFloats() {
    return with(c -> c.ieeeFloats = true);
  }

  /** Binary fields are little-endian (COMP-5 written on x86, e.g. by Micro Focus). */
  public CopybookLayout withLittleEndianBinaries() {
    return with(c -> c.littleEndianBinaries = true);
  }

  public CopybookLayout withTrim(FieldType.Trim trim) {
    java.util.Objects.requireNonNull(trim, "trim");
    return with(c -> c.trim = trim);
  }

  /** Text: control characters decode to spaces (then trimmed), as Cobrix and many mainframe tools do. Lossy. */
  public CopybookLayout withControlCharsAsSpaces() {
    return with(c -> c.controlCharsAsSpaces = true);
  }

  /** Every field whose bytes are all 0x00 decodes to null (and null writes 0x00 bytes). */
  public CopybookLayout withLowValuesAsNull() {
    return with(c -> c.lowValuesAsNull = true);
  }

  /**
   * Several record types in one file: the value of {@code key} (a field name or dotted path, e.g.
   * {@code SEGMENT_ID}) picks which alternative holds the record: with several 01 records, the
   * record (group) names; with one record, the names of its REDEFINES alternatives. Other
   * alternatives are null; a key value not in {@code types} leaves all of them null.
   */
  public CopybookLayout withRecordTypes(String key, Map<String, String> types) {
    Map<String, String> m = new LinkedHashMap<>();
    types.forEach((k, v) -> m.put(k, beamName(v)));
    return with(c -> {
      c.typeKey = beamName(key);
      c.recordTypes = Collections.unmodifiableMap(m);
    });
  }

  /**
   * OCCURS DEPENDING ON arrays take only the bytes of the occurrences their counters say, and the
   * fields after them follow (Cobrix's {@code variable_size_occurs}; how many V and VB files are
   * written): see {@link RecordLayout#withVariableSizeOccurs}.
   */
  public CopybookLayout withVariableSizeOccurs() {
    return with(c -> c.variableSizeOccurs = true);
  }

  /**
   * Numeric-edited pictures ({@code Z(5)9}, {@code 9(8).9(2)}, {@code +9(3).99}, {@code 999.99CR}...)
   * decode as the text they print rather than as numbers (the default: DECIMAL, see {@link
   * FieldType#editedDecimal}).
   */
  public CopybookLayout withEditedNumbersAsText() {
    return with(c -> c.editedAsText = true);
  }

  /**
   * Each named group (COBOL or Beam name; not repeated, not the record itself) is also offered as
   * one text field of its bytes, named {@code <GROUP>_NT} (a number appended if a sibling has that
   * name), right after it: Cobrix's {@code non_terminals}. Decoded only; writing leaves it out.
   */
  public CopybookLayout withNonTerminals(String... groups) {
    Set<String> names = new LinkedHashSet<>(o.nonTerminals);
    for (String g : groups) {
      names.add(beamName(g));
    }
    return with(c -> c.nonTerminals = Collections.unmodifiableSet(names));
  }

  /**
   * Arrays counted by a field that holds a code rather than a number: for each array (COBOL or Beam
   * name), the counter's values (as text, trimmed) to the number of occurrences (Cobrix's {@code
   * occurs_mappings}), e.g. {@code {"DETAIL1": {"A": 0, "B": 1}}}.
   */
  public CopybookLayout withOccursMappings(Map<String, Map<String, Integer>> mappings) {
    Map<String, Map<String, Integer>> m = new LinkedHashMap<>(o.occursMappings);
    mappings.forEach((array, counts) -> m.put(beamName(array), Collections.unmodifiableMap(new LinkedHashMap<>(counts))));
    return with(c -> c.occursMappings = Collections.unmodifiableMap(m));
  }

  /**
   * As {@link #withOccursMappings(Map)}, from Cobrix's JSON form of the option: {@code
   * {"DETAIL1": {"A": 0, "B": 1}, "DETAIL2": {"A": 1, "B": 2}}}.
   *
   * @throws IllegalArgumentException if the text is not such an object of whole numbers
   */
  public CopybookLayout withOccursMappings(String json) {
    Map<String, Map<String, Integer>> m = new LinkedHashMap<>();
    try {
      com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      for (java.util.Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> array = it.next();
        if (!array.getValue().isObject()) {
          throw new IllegalArgumentException(array.getKey() + " maps to " + array.getValue() + ", not {VALUE: COUNT, ...}");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (java.util.Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> c = array.getValue().fields(); c.hasNext(); ) {
          Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = c.next();
          if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToInt()) {
            throw new IllegalArgumentException(array.getKey() + ": " + e.getKey() + " maps to " + e.getValue()
                + ", not a whole number");
          }
          counts.put(e.getKey(), e.getValue().intValue());
        }
        m.put(array.getKey(), counts);
      }
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("occurs mappings are {\"ARRAY\": {\"VALUE\": COUNT, ...}, ...}: "
          + e.getMessage(), e);
    }
    return withOccursMappings(m);
  }

  public Copybook copybook() {
    return copybook;
  }

  /** The Beam name of a COBOL name: '-' becomes '_'. */
  public static String beamName(String cobolName) {
    return cobolName.replace('-', '_');
  }

  /** The layout; see the class comment for the mapping. */
  public RecordLayout toLayout() {
    if (!o.occursMappings.isEmpty()) {
      Set<String> arrays = new LinkedHashSet<>();
      for (CopybookItem r : copybook.records()) {
        collectCountedArrays(r, arrays);
      }
      for (String a : o.occursMappings.keySet()) {
        if (!arrays.contains(a)) {
          throw new IllegalArgumentException("occurs mapping for " + a + ", which is not an OCCURS DEPENDING ON"
              + " array of the copybook (those are: " + arrays + ")");
        }
      }
    }
    if (!o.nonTerminals.isEmpty()) {
      Set<String> groups = new LinkedHashSet<>();
      for (CopybookItem r : copybook.records()) {
        for (CopybookItem c : r.children()) {
          collectGroups(c, groups);
        }
      }
      for (String nt : o.nonTerminals) {
        if (!groups.contains(nt)) {
          throw new IllegalArgumentException("non-terminal " + nt + " is not a group of the copybook that occurs"
              + " once below the record (groups: " + groups + ")");
        }
      }
    }
    RecordLayout layout = layout();
    return o.variableSizeOccurs ? layout.withVariableSizeOccurs(true) : layout;
  }

  private static void collectCountedArrays(CopybookItem item, Set<String> out) {
    if (item.dependingOn() != null) {
      out.add(beamName(item.name()));
    }
    for (CopybookItem c : item.children()) {
      collectCountedArrays(c, out);
    }
  }

  private static void collectGroups(CopybookItem item, Set<String> out) {
    if (item.isGroup() && item.maxOccurs() == 0 && !item.name().equalsIgnoreCase("FILLER")) {
      out.add(beamName(item.name()));
    }
    for (CopybookItem c : item.children()) {
      collectGroups(c, out);
    }
  }

  private RecordLayout layout() {
    List<CopybookItem> records = copybook.records();
    if (records.size() == 1 && records.get(0).isGroup() && records.get(0).maxOccurs() == 0) {
      return group(records.get(0), true);
    }
    int length = 0;
    for (CopybookItem r : records) {
      length = Math.max(length, r.length() * Math.max(1, r.maxOccurs()));
    }
    RecordLayout.Builder b = RecordLayout.builder(length);
    String first = null;
    Set<String> siblings = names(records);
    for (CopybookItem r : records) {
      add(b, r, 0, siblings);
      if (first == null) {
        first = beamName(r.name());
      } else {
        b.redefines(first);
      }
    }
    if (o.typeKey != null) {
      b.selectBy(o.typeKey, o.recordTypes);
    }
    return b.build();
  }

  private RecordLayout group(CopybookItem group, boolean top) {
    RecordLayout.Builder b = RecordLayout.builder(group.length());
    int fillers = 0;
    Set<String> siblings = names(group.children());
    for (CopybookItem c : group.children()) {
      fillers = add(b, c, fillers, siblings);
    }
    if (top && o.typeKey != null) {
      b.selectBy(o.typeKey, o.recordTypes);
    }
    return b.build();
  }

  private static Set<String> names(List<CopybookItem> items) {
    Set<String> out = new java.util.HashSet<>();
    for (CopybookItem c : items) {
      out.add(beamName(c.name()));
    }
    return out;
  }

  /** Adds {@code item} to {@code b}; returns the fillers numbered so far. */
  private int add(RecordLayout.Builder b, CopybookItem item, int fillers, Set<String> siblings) {
    if (item.slack() > 0) {
      if (item.redefines() != null) {
        throw new CopybookException(item.line(), 8, item.name() + " REDEFINES " + item.redefines()
            + " and needs slack bytes to be SYNCHRONIZED: not supported yet");
      }
      b.add("FILLER_" + fillers++, FieldType.filler(item.slack())); // SYNCHRONIZED alignment
    }
    String name = beamName(item.name());
    boolean filler = item.name().equalsIgnoreCase("FILLER");
    if (filler && item.redefines() != null) {
      // Bytes of another field seen another way, unnamed: no field, but what follows comes after them.
      b.fillerRedefining(beamName(item.redefines()), item.length() * Math.max(1, item.maxOccurs()));
      return fillers;
    }
    if (filler && item.dependingOn() != null) {
      b.add("FILLER_" + fillers++, FieldType.filler(item.length()));
      b.occurs(item.minOccurs() == item.maxOccurs() ? 0 : item.minOccurs(), item.maxOccurs(), beamName(item.dependingOn()));
      return fillers;
    }
    if (filler) {
      b.add("FILLER_" + fillers++, FieldType.filler(item.length() * Math.max(1, item.maxOccurs())));
    } else if (item.isGroup()) {
      b.addGroup(name, group(item, false));
    } else {
      b.add(name, type(item, name));
    }
    if (!filler && item.maxOccurs() > 0) {
      if (item.dependingOn() == null) {
        b.occurs(item.maxOccurs());
      } else {
        int min = item.minOccurs() == item.maxOccurs() ? 0 : item.minOccurs();
        b.occurs(min, item.maxOccurs(), beamName(item.dependingOn()), o.occursMappings.get(name));
      }
    }
    if (item.redefines() != null && !filler) {
      b.redefines(beamName(item.redefines()));
    }
    if (!filler && item.isGroup() && item.maxOccurs() == 0 && o.nonTerminals.contains(name)) {
      String nt = name + "_NT";
      for (int k = 1; siblings.contains(nt); k++) {
        nt = name + "_NT" + k;
      }
      FieldType text = FieldType.text(item.length(), o.fieldCodePages.getOrDefault(name, o.codePage), o.trim);
      b.nonTerminal(name, nt, o.controlCharsAsSpaces ? text.withControlCharsAsSpaces() : text);
    }
    return fillers;
  }

  private FieldType type(CopybookItem item, String name) {
    Picture p = item.picture();
    FieldType t;
    try {
      t = elementary(item, p, o.fieldCodePages.getOrDefault(name, o.codePage));
    } catch (IllegalArgumentException e) {
      throw new CopybookException(item.line(), 8, item.name() + ": " + e.getMessage());
    }
    if (o.lowValuesAsNull) {
      t = t.withLowValuesAsNull();
    }
    if (item.blankWhenZero()) {
      if (t.kind != FieldType.Kind.ZONED_DECIMAL && t.kind != FieldType.Kind.EDITED_DECIMAL) {
        throw new CopybookException(item.line(), 8, item.name() + ": BLANK WHEN ZERO is for DISPLAY numbers, not " + t);
      }
      t = t.withBlankWhenZero();
    }
    return t;
  }

  private FieldType elementary(CopybookItem item, Picture p, String cs) {
    boolean bigEndian = !o.littleEndianBinaries;
    switch (item.usage()) {
      case FLOAT4:
        return o.ieeeFloats ? FieldType.ieee(4, bigEndian) : FieldType.ibmFloat(4);
      case FLOAT8:
        return o.ieeeFloats ? FieldType.ieee(8, bigEndian) : FieldType.ibmFloat(8);
      case PACKED:
        return FieldType.packedDecimalScaled(item.length(), p.scale(), p.signed());
      case BINARY:
        if (p.scale() == 0 && p.digits() <= 18) {
          return p.signed() ? FieldType.signed(item.length(), bigEndian) : FieldType.unsigned(item.length(), bigEndian);
        }
        return FieldType.binaryDecimal(item.length(), p.signed(), p.scale(), bigEndian);
      default:
        if (!p.numeric() && !o.editedAsText && isNumericEdited(p)) {
          if (EditedPicture.parseOrNull(p.text()) == null) {
            throw new IllegalArgumentException("PIC " + p.text() + " is numeric-edited in a way binfiles does not"
                + " read as a number (P scaling, S, a sign or currency sign inside the digits, more than 38"
                + " digits); withEditedNumbersAsText() (--edited-numbers-as-text) reads the text it prints");
          }
          return FieldType.editedDecimal(p.text(), cs);
        }
        if (!p.numeric()) {
          FieldType text = FieldType.text(item.length(), cs, o.trim);
          return o.controlCharsAsSpaces ? text.withControlCharsAsSpaces() : text;
        }
        FieldType.Sign sign = item.signSeparate()
            ? (item.signLeading() ? FieldType.Sign.LEADING_SEPARATE : FieldType.Sign.TRAILING_SEPARATE)
            : (item.signLeading() ? FieldType.Sign.LEADING : FieldType.Sign.TRAILING);
        return FieldType.zonedDecimal(item.length(), p.scale(), zonedCharset(cs), sign, p.signed() || item.signSeparate());
    }
  }

  /** Digit positions and editing symbols, no X or A: a number printed for people. */
  private static boolean isNumericEdited(Picture p) {
    String t = p.text().toUpperCase(Locale.ROOT);
    boolean digits = t.indexOf('9') >= 0 || t.indexOf('Z') >= 0 || t.indexOf('*') >= 0;
    return digits && t.indexOf('X') < 0 && t.indexOf('A') < 0;
  }

  /** Zoned decimals know EBCDIC zones and ASCII digits; other EBCDIC pages share the digit zones. */
  private static String zonedCharset(String cs) {
    String n = cs.toUpperCase(Locale.ROOT);
    boolean ascii = n.contains("ASCII") || n.equals("ISO-8859-1") || n.equals("UTF-8") || n.startsWith("WINDOWS");
    return ascii ? "US-ASCII" : "IBM037";
  }
}
