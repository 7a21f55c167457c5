package org.minidb.storage.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's text form of a one-dimensional array ({@code {1,2,"a b"}}), as array_out writes it and array_in
 * reads it. MiniDB has no array types yet: pg_statistic keeps its anyarray and float4[] slots in this form.
 */
public final class ArrayText {
  private ArrayText() {}

  /** array_out: elements quoted when empty, "NULL", or holding braces, commas, quotes, backslashes or spaces. */
  public static String format(List<String> elements) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) b.append(',');
      String e = elements.get(i);
      if (e == null) {
        b.append("NULL");
      } else if (needsQuotes(e)) {
        b.append('"');
        for (int k = 0; k < e.length(); k++) {
          char c = e.charAt(k);
          if (c == '"' || c == '\\') b.append('\\');
          b.append(c);
        }
        b.append('"');
      } else {
        b.append(e);
      }
    }
    return b.append('}').toString();
  }

  private static boolean needsQuotes(String e) {
    if (e.isEmpty() || e.toLowerCase(Locale.ROOT).equals("null")) return true;
    for (int k = 0; k < e.length(); k++) {
      char c = e.charAt(k);
      if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) return true;
    }
    return false;
  }

  /** array_in for what {@link #format} writes; an unquoted NULL is a null element. */
  public static List<String> parse(String text) {
    String s = text.trim();
    if (s.length() < 2 || s.charAt(0) != '{' || s.charAt(s.length() - 1) != '}') {
      throw new IllegalArgumentException("malformed array literal: \"" + text + "\"");
    }
    List<String> out = new ArrayList<>();
    int i = 1;
    int end = s.length() - 1;
    if (i == end) return out;
    while (i <= end) {
      StringBuilder e = new StringBuilder();
      boolean quoted = false;
      if (s.charAt(i) == '"') {
        quoted = true;
        i++;
        while (i < end && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\') i++;
          e.append(s.charAt(i++));
        }
        i++; // closing quote
      } else {
        while (i < end && s.charAt(i) != ',') e.append(s.charAt(i++));
      }
      String v = quoted ? e.toString() : e.toString().trim();
      out.add(!quoted && v.equalsIgnoreCase("null") ? null : v);
      i++; // the comma or the closing brace
    }
    return out;
  }
}
