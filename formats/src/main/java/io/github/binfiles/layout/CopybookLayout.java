package io.github.binfiles.layout;

import io.github.binfiles.copybook.Copybook;
import io.github.binfiles.copybook.CopybookException;
import io.github.binfiles.copybook.CopybookItem;
import io.github.binfiles.copybook.Picture;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
  private final Copybook copybook;
  private final String codePage;
  private final Map<String, String> fieldCodePages;
  private final boolean ieeeFloats;
  private final boolean littleEndianBinaries;
  private final FieldType.Trim trim;
  private final boolean controlCharsAsSpaces;
  private final boolean lowValuesAsNull;
  private final String typeKey;
  private final Map<String, String> recordTypes;
  private final boolean variableSizeOccurs;

  private CopybookLayout(Copybook copybook, String codePage, Map<String, String> fieldCodePages,
      boolean ieeeFloats, boolean littleEndianBinaries, FieldType.Trim trim, boolean controlCharsAsSpaces,
      boolean lowValuesAsNull, String typeKey, Map<String, String> recordTypes, boolean variableSizeOccurs) {
    this.copybook = copybook;
    this.variableSizeOccurs = variableSizeOccurs;
    this.codePage = codePage;
    this.fieldCodePages = fieldCodePages;
    this.ieeeFloats = ieeeFloats;
    this.littleEndianBinaries = littleEndianBinaries;
    this.trim = trim;
    this.controlCharsAsSpaces = controlCharsAsSpaces;
    this.lowValuesAsNull = lowValuesAsNull;
    this.typeKey = typeKey;
    this.recordTypes = recordTypes;
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
    return new CopybookLayout(Copybook.parse(copybook, wide), "IBM037", Map.of(), false, false,
        FieldType.Trim.BOTH, false, false, null, Map.of(), false);
  }

  /** The code page of text and zoned decimals: any JDK charset (IBM037, IBM1047, IBM500, Cp1140...; or US-ASCII). */
  public CopybookLayout withCodePage(String charset) {
    FieldType.charset(charset);
    return new CopybookLayout(copybook, charset, fieldCodePages, ieeeFloats, littleEndianBinaries, trim,
        controlCharsAsSpaces, lowValuesAsNull, typeKey, recordTypes, variableSizeOccurs);
  }

  /** The code page of one field (its COBOL or Beam name), overriding {@link #withCodePage}. */
  public CopybookLayout withFieldCodePage(String field, String charset) {
    FieldType.charset(charset);
    Map<String, String> m = new HashMap<>(fieldCodePages);
    m.put(beamName(field), charset);
    return new CopybookLayout(copybook, codePage, Collections.unmodifiableMap(m), ieeeFloats,
        littleEndianBinaries, trim, controlCharsAsSpaces, lowValuesAsNull, typeKey, recordTypes, variableSizeOccurs);
  }

  /** COMP-1 and COMP-2 are IEEE 754 (as written by z/OS with FLOAT(NATIVE), or off the mainframe). */
  public CopybookLayout withIeeeFloats() {
    return new CopybookLayout(copybook, codePage, fieldCodePages, true, littleEndianBinaries, trim,
        controlCharsAsSpaces, lowValuesAsNull, typeKey, recordTypes, variableSizeOccurs);
  }

  /** Binary fields are little-endian (COMP-5 written on x86, e.g. by Micro Focus). */
  public CopybookLayout withLittleEndianBinaries() {
    return new CopybookLayout(copybook, codePage, fieldCodePages, ieeeFloats, true, trim,
        controlCharsAsSpaces, lowValuesAsNull, typeKey, recordTypes, variableSizeOccurs);
  }

  public CopybookLayout withTrim(FieldType.Trim trim) {
    return new CopybookLayout(copybook, codePage, fieldCodePages, ieeeFloats, littleEndianBinaries,
        trim, controlCharsAsSpaces, lowValuesAsNull, typeKey, recordTypes, variableSizeOccurs);
  }

  /** Text: control characters decode to spaces (then trimmed), as Cobrix and many mainframe tools do. Lossy. */
  public CopybookLayout withControlCharsAsSpaces() {
    return new CopybookLayout(copybook, codePage, fieldCodePages, ieeeFloats, littleEndianBinaries,
        trim, true, lowValuesAsNull, typeKey, recordTypes, variableSizeOccurs);
  }

  /** Every field whose bytes are all 0x00 decodes to null (and null writes 0x00 bytes). */
  public CopybookLayout withLowValuesAsNull() {
    return new CopybookLayout(copybook, codePage, fieldCodePages, ieeeFloats, littleEndianBinaries,
        trim, controlCharsAsSpaces, true, typeKey, recordTypes, variableSizeOccurs);
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
    return new CopybookLayout(copybook, codePage, fieldCodePages, ieeeFloats, littleEndianBinaries,
        trim, controlCharsAsSpaces, lowValuesAsNull, beamName(key), Collections.unmodifiableMap(m), variableSizeOccurs);
  }

  /**
   * OCCURS DEPENDING ON arrays take only the bytes of the occurrences their counters say, and the
   * fields after them follow (Cobrix's {@code variable_size_occurs}; how many V and VB files are
   * written): see {@link RecordLayout#withVariableSizeOccurs}.
   */
  public CopybookLayout withVariableSizeOccurs() {
    return new CopybookLayout(copybook, codePage, fieldCodePages, ieeeFloats, littleEndianBinaries,
        trim, controlCharsAsSpaces, lowValuesAsNull, typeKey, recordTypes, true);
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
    RecordLayout layout = layout();
    return variableSizeOccurs ? layout.withVariableSizeOccurs(true) : layout;
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
    for (CopybookItem r : records) {
      add(b, r, 0);
      if (first == null) {
        first = beamName(r.name());
      } else {
        b.redefines(first);
      }
    }
    if (typeKey != null) {
      b.selectBy(typeKey, recordTypes);
    }
    return b.build();
  }

  private RecordLayout group(CopybookItem group, boolean top) {
    RecordLayout.Builder b = RecordLayout.builder(group.length());
    int fillers = 0;
    for (CopybookItem c : group.children()) {
      fillers = add(b, c, fillers);
    }
    if (top && typeKey != null) {
      b.selectBy(typeKey, recordTypes);
    }
    return b.build();
  }

  /** Adds {@code item} to {@code b}; returns the fillers numbered so far. */
  private int add(RecordLayout.Builder b, CopybookItem item, int fillers) {
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
        b.occurs(min, item.maxOccurs(), beamName(item.dependingOn()));
      }
    }
    if (item.redefines() != null && !filler) {
      b.redefines(beamName(item.redefines()));
    }
    return fillers;
  }

  private FieldType type(CopybookItem item, String name) {
    Picture p = item.picture();
    FieldType t;
    try {
      t = elementary(item, p, fieldCodePages.getOrDefault(name, codePage));
    } catch (IllegalArgumentException e) {
      throw new CopybookException(item.line(), 8, item.name() + ": " + e.getMessage());
    }
    if (lowValuesAsNull) {
      t = t.withLowValuesAsNull();
    }
    return t;
  }

  private FieldType elementary(CopybookItem item, Picture p, String cs) {
    boolean bigEndian = !littleEndianBinaries;
    switch (item.usage()) {
      case FLOAT4:
        return ieeeFloats ? FieldType.ieee(4, bigEndian) : FieldType.ibmFloat(4);
      case FLOAT8:
        return ieeeFloats ? FieldType.ieee(8, bigEndian) : FieldType.ibmFloat(8);
      case PACKED:
        return FieldType.packedDecimalScaled(item.length(), p.scale(), p.signed());
      case BINARY:
        if (p.scale() == 0 && p.digits() <= 18) {
          return p.signed() ? FieldType.signed(item.length(), bigEndian) : FieldType.unsigned(item.length(), bigEndian);
        }
        return FieldType.binaryDecimal(item.length(), p.signed(), p.scale(), bigEndian);
      default:
        if (!p.numeric()) {
          FieldType text = FieldType.text(item.length(), cs, trim);
          return controlCharsAsSpaces ? text.withControlCharsAsSpaces() : text;
        }
        FieldType.Sign sign = item.signSeparate()
            ? (item.signLeading() ? FieldType.Sign.LEADING_SEPARATE : FieldType.Sign.TRAILING_SEPARATE)
            : (item.signLeading() ? FieldType.Sign.LEADING : FieldType.Sign.TRAILING);
        return FieldType.zonedDecimal(item.length(), p.scale(), zonedCharset(cs), sign, p.signed() || item.signSeparate());
    }
  }

  /** Zoned decimals know EBCDIC zones and ASCII digits; other EBCDIC pages share the digit zones. */
  private static String zonedCharset(String cs) {
    String n = cs.toUpperCase(Locale.ROOT);
    boolean ascii = n.contains("ASCII") || n.equals("ISO-8859-1") || n.equals("UTF-8") || n.startsWith("WINDOWS");
    return ascii ? "US-ASCII" : "IBM037";
  }
}
