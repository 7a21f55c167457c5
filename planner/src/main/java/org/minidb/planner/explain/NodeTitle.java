package org.minidb.planner.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structured fields PostgreSQL's non-text formats show for a node, read back from its text title
 * ({@code Hash Left Join}, {@code Index Scan using t_pkey on t x}, {@code Insert on t}, {@code HashAggregate}):
 * {@code "Node Type"} and the node-kind fields that come before the costs, in PostgreSQL's order. Strings are
 * unquoted identifiers.
 *
 * @param before the fields PostgreSQL prints before "Parallel Aware" (Strategy, Operation, ...)
 * @param after the fields it prints after "Async Capable" (Join Type, Relation Name, Alias, ...)
 */
record NodeTitle(String nodeType, Map<String, String> before, Map<String, String> after) {

  static NodeTitle parse(String title) {
    List<String> w = words(title);
    Map<String, String> before = new LinkedHashMap<>();
    Map<String, String> after = new LinkedHashMap<>();
    String t = title;
    int on = w.indexOf("on");
    if (t.startsWith("Seq Scan on ") || t.startsWith("Values Scan on ") || t.startsWith("Function Scan on ")) {
      String type = String.join(" ", w.subList(0, on));
      String rel = w.get(on + 1);
      String alias = w.size() > on + 2 ? w.get(on + 2) : rel;
      if (type.equals("Function Scan")) after.put("Function Name", rel);
      else if (!type.equals("Values Scan")) after.put("Relation Name", rel);
      after.put("Alias", alias);
      return new NodeTitle(type, before, after);
    }
    if (t.startsWith("Index Scan ") || t.startsWith("Index Only Scan ")) {
      int using = w.indexOf("using");
      boolean backward = w.get(using - 1).equals("Backward");
      after.put("Scan Direction", backward ? "Backward" : "Forward");
      after.put("Index Name", w.get(using + 1));
      after.put("Relation Name", w.get(on + 1));
      after.put("Alias", w.size() > on + 2 ? w.get(on + 2) : w.get(on + 1));
      return new NodeTitle(String.join(" ", w.subList(0, backward ? using - 1 : using)), before, after);
    }
    for (String op : List.of("Insert", "Update", "Delete")) {
      if (t.startsWith(op + " on ")) {
        before.put("Operation", op);
        after.put("Relation Name", w.get(2));
        after.put("Alias", w.size() > 3 ? w.get(3) : w.get(2));
        return new NodeTitle("ModifyTable", before, after);
      }
    }
    for (String join : List.of("Hash", "Nested Loop", "Merge")) {
      if (t.startsWith(join + " ") && t.endsWith("Join") || t.equals("Nested Loop")) {
        String kind = t.equals("Nested Loop") || t.equals(join + " Join") ? "Inner"
            : t.substring(join.length() + 1, t.length() - " Join".length());
        after.put("Join Type", kind);
        return new NodeTitle(join.equals("Nested Loop") ? "Nested Loop" : join + " Join", before, after);
      }
    }
    switch (t) {
      case "Aggregate", "HashAggregate", "GroupAggregate" -> {
        before.put("Strategy", t.equals("Aggregate") ? "Plain" : t.equals("HashAggregate") ? "Hashed" : "Sorted");
        before.put("Partial Mode", "Simple");
        return new NodeTitle("Aggregate", before, after);
      }
      default -> { }
    }
    if (t.startsWith("HashSetOp ")) {
      before.put("Strategy", "Hashed");
      after.put("Command", t.substring("HashSetOp ".length()));
      return new NodeTitle("SetOp", before, after);
    }
    return new NodeTitle(t, before, after);
  }

  /** The title's words, a double-quoted identifier being one word without its quotes. */
  static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ') {
        i++;
      } else if (c == '"') {
        StringBuilder b = new StringBuilder();
        i++;
        while (i < s.length()) {
          if (s.charAt(i) == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
            b.append('"');
            i += 2;
          } else if (s.charAt(i) == '"') {
            i++;
            break;
          } else {
            b.append(s.charAt(i++));
          }
        }
        out.add(b.toString());
      } else {
        int start = i;
        while (i < s.length() && s.charAt(i) != ' ') i++;
        out.add(s.substring(start, i));
      }
    }
    return out;
  }
}
