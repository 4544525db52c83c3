package io.github.binfiles.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON form of a {@link RecordLayout}; see {@link RecordLayout#fromJson}. Strict: an unknown
 * key, a missing length, a wrong type or an impossible value is an error naming the field, since a
 * typo in a layout would otherwise decode every record wrongly without a word.
 */
final class LayoutJson {
  private static final Set<String> ROOT_KEYS = Set.of("recordLength", "fields", "select", "variableSizeOccurs");
  private static final Set<String> FIELD_KEYS =
      Set.of("name", "type", "offset", "length", "scale", "charset", "trim", "endian", "signed", "sign",
          "lowValuesAsNull", "controlCharsAsSpaces", "fields", "select", "occurs", "minOccurs",
          "dependingOn", "redefines", "picture", "textOf", "occursMapping", "blankWhenZero");

  private LayoutJson() {}

  static RecordLayout parse(String json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a layout is a JSON object with \"recordLength\" and \"fields\"");
    }
    checkKeys(root, ROOT_KEYS, "the layout");
    if (!root.has("fields") || !root.get("fields").isArray()) {
      throw new IllegalArgumentException("a layout needs \"fields\": an array of fields");
    }
    RecordLayout layout = layout(root, positiveInt(root, "recordLength", "the layout"), "");
    if (root.has("variableSizeOccurs")) {
      JsonNode v = root.get("variableSizeOccurs");
      if (!v.isBoolean()) {
        throw new IllegalArgumentException("the layout: \"variableSizeOccurs\" is true or false, not " + v);
      }
      layout = layout.withVariableSizeOccurs(v.booleanValue());
    }
    return layout;
  }

  private static RecordLayout layout(JsonNode node, int recordLength, String prefix) {
    if (!node.has("fields") || !node.get("fields").isArray()) {
      throw new IllegalArgumentException((prefix.isEmpty() ? "a layout" : "group " + prefix) + " needs \"fields\": an array of fields");
    }
    RecordLayout.Builder b = RecordLayout.builder(recordLength);
    int index = 0;
    int filler = 0;
    for (JsonNode f : node.get("fields")) {
      String where = "field " + prefix + index + (f.has("name") ? " (" + f.get("name").asText() + ")" : "");
      if (!f.isObject()) {
        throw new IllegalArgumentException(where + " is not a JSON object");
      }
      checkKeys(f, FIELD_KEYS, where);
      try {
        String type = string(f, "type", null);
        if (type == null) {
          throw new IllegalArgumentException("has no \"type\"");
        }
        boolean group = type.equalsIgnoreCase("group");
        FieldType t = group ? null : type(type.toLowerCase(Locale.ROOT), f);
        String name = string(f, "name", t != null && t.kind == FieldType.Kind.FILLER ? "_filler" + filler++ : null);
        if (name == null) {
          throw new IllegalArgumentException("has no \"name\"");
        }
        if (group) {
          RecordLayout g = layout(f, length(f), prefix + name + ".");
          if (f.has("offset")) {
            throw new IllegalArgumentException("a group follows the field before it; \"offset\" is for elementary fields");
          }
          b.addGroup(name, g);
        } else if (f.has("textOf")) {
          b.nonTerminal(string(f, "textOf", null), name, t);
        } else if (f.has("offset")) {
          b.at(name, nonNegativeInt(f, "offset"), t);
        } else {
          b.add(name, t);
        }
        if (f.has("occurs")) {
          int max = positiveInt(f, "occurs", null);
          String on = string(f, "dependingOn", null);
          java.util.Map<String, Integer> counts = null;
          if (f.has("occursMapping")) {
            JsonNode m = f.get("occursMapping");
            if (!m.isObject()) {
              throw new IllegalArgumentException("\"occursMapping\" is {VALUE: COUNT, ...}, not " + m);
            }
            counts = new java.util.LinkedHashMap<>();
            for (Iterator<java.util.Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
              java.util.Map.Entry<String, JsonNode> e = it.next();
              if (!e.getValue().canConvertToExactIntegral() || !e.getValue().canConvertToInt()) {
                throw new IllegalArgumentException("\"occursMapping\": " + e.getKey() + " maps to " + e.getValue()
                    + ", not a whole number");
              }
              counts.put(e.getKey(), e.getValue().intValue());
            }
          }
          b.occurs(on == null ? max : (f.has("minOccurs") ? nonNegativeInt(f, "minOccurs") : 0), max, on, counts);
        } else if (f.has("dependingOn") || f.has("minOccurs") || f.has("occursMapping")) {
          throw new IllegalArgumentException("\"dependingOn\" and \"minOccurs\" need \"occurs\" (the maximum)");
        }
        if (f.has("redefines")) {
          b.redefines(string(f, "redefines", null));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
      index++;
    }
    if (node.has("select")) {
      for (JsonNode sel : node.get("select")) {
        String key = string(sel, "key", null);
        JsonNode alts = sel.get("alternatives");
        if (key == null || alts == null || !alts.isObject()) {
          throw new IllegalArgumentException("a selector is {\"key\": FIELD, \"alternatives\": {VALUE: FIELD, ...}}, not " + sel);
        }
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        alts.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        b.selectBy(key, m);
      }
    }
    return b.build();
  }

  static String write(RecordLayout layout) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("recordLength", layout.recordLength());
    if (layout.variableSizeOccurs()) {
      root.put("variableSizeOccurs", true);
    }
    writeFields(root, layout);
    return root.toString();
  }

  private static void writeFields(ObjectNode node, RecordLayout layout) {
    ArrayNode array = node.putArray("fields");
    for (RecordLayout.Field f : layout.fields()) {
      ObjectNode n = array.addObject();
      n.put("name", f.name);
      if (f.group != null) {
        n.put("type", "group").put("length", f.group.recordLength());
        writeFields(n, f.group);
      } else {
        n.put("offset", f.offset);
        writeType(n, f.type);
        if (f.textOf != null) {
          n.put("textOf", f.textOf);
        }
      }
      if (f.isArray()) {
        n.put("occurs", f.maxOccurs);
        if (f.dependingOn != null) {
          n.put("minOccurs", f.minOccurs).put("dependingOn", f.dependingOn);
        }
        if (f.countOf != null) {
          ObjectNode m = n.putObject("occursMapping");
          f.countOf.forEach(m::put);
        }
      }
      if (f.redefines != null) {
        n.put("redefines", f.redefines);
      }
    }
    if (!layout.selectors().isEmpty()) {
      ArrayNode select = node.putArray("select");
      for (RecordLayout.Selector s : layout.selectors()) {
        ObjectNode o = select.addObject().put("key", s.key);
        ObjectNode alts = o.putObject("alternatives");
        s.alternatives.forEach(alts::put);
      }
    }
  }

  private static void writeType(ObjectNode n, FieldType t) {
    switch (t.kind) {
      case INT:
      case UINT:
        n.put("type", (t.kind == FieldType.Kind.UINT ? "uint" : "int") + (8 * t.length));
        n.put("endian", t.bigEndian ? "big" : "little");
        break;
      case FLOAT:
        n.put("type", "float" + (8 * t.length)).put("endian", t.bigEndian ? "big" : "little");
        break;
      case IBM_FLOAT:
        n.put("type", "ibm-float" + (8 * t.length));
        break;
      case BINARY_DECIMAL:
        n.put("type", "binary").put("length", t.length).put("scale", t.scale).put("signed", t.signed)
            .put("endian", t.bigEndian ? "big" : "little");
        break;
      case TEXT:
        n.put("type", "text").put("length", t.length).put("charset", t.charset)
            .put("trim", t.trim.name().toLowerCase(Locale.ROOT));
        if (t.controlCharsAsSpaces) {
          n.put("controlCharsAsSpaces", true);
        }
        break;
      case PACKED_DECIMAL:
        n.put("type", "packed").put("length", t.length).put("scale", t.scale);
        if (!t.signed) {
          n.put("signed", false);
        }
        break;
      case ZONED_DECIMAL:
        n.put("type", "zoned").put("length", t.length).put("scale", t.scale).put("charset", t.charset);
        if (!t.signed) {
          n.put("signed", false);
        }
        if (t.sign != FieldType.Sign.TRAILING) {
          n.put("sign", t.sign.name().toLowerCase(Locale.ROOT));
        }
        break;
      case BOOLEAN:
        n.put("type", "boolean");
        break;
      case EDITED_DECIMAL:
        n.put("type", "edited").put("picture", t.picture).put("charset", t.charset);
        break;
      default:
        n.put("type", t.kind.name().toLowerCase(Locale.ROOT)).put("length", t.length);
    }
    if (t.lowValuesAsNull) {
      n.put("lowValuesAsNull", true);
    }
    if (t.blankWhenZero) {
      n.put("blankWhenZero", true);
    }
  }

  private static FieldType type(String type, JsonNode f) {
    FieldType t = baseType(type, f);
    if (bool(f, "controlCharsAsSpaces")) {
      t = t.withControlCharsAsSpaces();
    }
    if (bool(f, "lowValuesAsNull")) {
      t = t.withLowValuesAsNull();
    }
    if (bool(f, "blankWhenZero")) {
      t = t.withBlankWhenZero();
    }
    return t;
  }

  private static boolean bool(JsonNode f, String key) {
    if (!f.has(key)) {
      return false;
    }
    if (!f.get(key).isBoolean()) {
      throw new IllegalArgumentException("\"" + key + "\" must be true or false, was " + f.get(key));
    }
    return f.get(key).asBoolean();
  }

  private static FieldType baseType(String type, JsonNode f) {
    boolean signed = !f.has("signed") || bool(f, "signed");
    switch (type) {
      case "ibm-float32": return sized(f, FieldType.ibmFloat(4));
      case "ibm-float64": return sized(f, FieldType.ibmFloat(8));
      case "binary": return FieldType.binaryDecimal(length(f), signed, signedScale(f), bigEndian(f));
      case "int8": return sized(f, FieldType.signed(1, bigEndian(f)));
      case "int16": return sized(f, FieldType.signed(2, bigEndian(f)));
      case "int32": return sized(f, FieldType.signed(4, bigEndian(f)));
      case "int64": return sized(f, FieldType.signed(8, bigEndian(f)));
      case "uint8": return sized(f, FieldType.unsigned(1, bigEndian(f)));
      case "uint16": return sized(f, FieldType.unsigned(2, bigEndian(f)));
      case "uint32": return sized(f, FieldType.unsigned(4, bigEndian(f)));
      case "uint64": return sized(f, FieldType.unsigned(8, bigEndian(f)));
      case "float32": return sized(f, FieldType.ieee(4, bigEndian(f)));
      case "float64": return sized(f, FieldType.ieee(8, bigEndian(f)));
      case "boolean": return sized(f, FieldType.bool());
      case "text":
        return FieldType.text(length(f), string(f, "charset", "US-ASCII"), trim(f));
      case "bytes": return FieldType.bytes(length(f));
      case "packed": return FieldType.packedDecimalScaled(length(f), signedScale(f), signed);
      case "zoned": return FieldType.zonedDecimal(length(f), signedScale(f), string(f, "charset", "IBM037"), sign(f), signed);
      case "filler": return FieldType.filler(length(f));
      case "edited": {
        String picture = string(f, "picture", null);
        if (picture == null) {
          throw new IllegalArgumentException("an \"edited\" number needs its \"picture\", e.g. \"Z(5)9.99-\"");
        }
        return sized(f, FieldType.editedDecimal(picture, string(f, "charset", "IBM037")));
      }
      default:
        throw new IllegalArgumentException("unknown type \"" + type + "\" (int8/16/32/64, uint8/16/32/64,"
            + " float32, float64, ibm-float32, ibm-float64, binary, boolean, text, bytes, packed, zoned, edited,"
            + " filler, group)");
    }
  }

  /** A fixed-size type may state its length, but then it must be right. */
  private static FieldType sized(JsonNode f, FieldType t) {
    if (f.has("length") && length(f) != t.length()) {
      throw new IllegalArgumentException("\"length\" is " + length(f) + " but the type takes " + t.length() + " bytes");
    }
    return t;
  }

  private static boolean bigEndian(JsonNode f) {
    String endian = string(f, "endian", "big").toLowerCase(Locale.ROOT);
    if (!endian.equals("big") && !endian.equals("little")) {
      throw new IllegalArgumentException("\"endian\" must be \"big\" or \"little\", not \"" + endian + "\"");
    }
    return endian.equals("big");
  }

  private static FieldType.Trim trim(JsonNode f) {
    String trim = string(f, "trim", "right");
    try {
      return FieldType.Trim.valueOf(trim.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"trim\" must be \"none\", \"left\", \"right\" or \"both\", not \"" + trim + "\"");
    }
  }

  private static FieldType.Sign sign(JsonNode f) {
    String sign = string(f, "sign", "trailing");
    try {
      return FieldType.Sign.valueOf(sign.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"sign\" must be trailing, leading, trailing_separate or leading_separate, not \"" + sign + "\"");
    }
  }

  private static int signedScale(JsonNode f) {
    if (!f.has("scale")) {
      return 0;
    }
    JsonNode v = f.get("scale");
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException("\"scale\" must be an integer, was " + v);
    }
    return v.asInt();
  }

  private static int length(JsonNode f) {
    if (!f.has("length")) {
      throw new IllegalArgumentException("needs \"length\" (bytes)");
    }
    return positiveInt(f, "length", null);
  }

  private static int scale(JsonNode f) {
    return f.has("scale") ? nonNegativeInt(f, "scale") : 0;
  }

  private static int positiveInt(JsonNode n, String key, String where) {
    JsonNode v = n.get(key);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
      throw new IllegalArgumentException((where == null ? "" : where + ": ") + "\"" + key
          + "\" must be a positive integer, was " + v);
    }
    return v.asInt();
  }

  private static int nonNegativeInt(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
      throw new IllegalArgumentException("\"" + key + "\" must be a non-negative integer, was " + v);
    }
    return v.asInt();
  }

  private static String string(JsonNode f, String key, String otherwise) {
    if (!f.has(key)) {
      return otherwise;
    }
    if (!f.get(key).isTextual()) {
      throw new IllegalArgumentException("\"" + key + "\" must be a string, was " + f.get(key));
    }
    return f.get(key).asText();
  }

  private static void checkKeys(JsonNode n, Set<String> allowed, String where) {
    for (Iterator<String> keys = n.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(where + ": unknown key \"" + key + "\" (expected one of "
            + new java.util.TreeSet<>(allowed) + ")");
      }
    }
  }
}
