package org.minidb.planner;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minidb.common.error.DbException;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.exec.Executor;
import org.minidb.executor.exec.Operator;
import org.minidb.storage.catalog.ColumnDef;

/**
 * Runs the query records of a sqllogictest file through planner and executor without storage: each table
 * becomes a WITH item over the VALUES its INSERTs gave it, so that every query exercises validation,
 * rewrites, plan building, compiled expressions and the operators, and its result is compared with the
 * file's. Statements other than CREATE TABLE and INSERT are not run; error records are skipped.
 */
final class SltOverValues {
  record Outcome(int passed, int failed, List<String> failures) {}

  private final Planner planner = new Planner();
  private final Map<String, List<ColumnDef>> tables = new LinkedHashMap<>();
  private final Map<String, List<String>> rows = new LinkedHashMap<>();

  Outcome run(Path file) throws Exception {
    int passed = 0;
    int failed = 0;
    int threshold = 8;
    List<String> failures = new ArrayList<>();
    String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r", "");
    for (String record : text.split("\n\n+")) {
      List<String> lines = new ArrayList<>(Arrays.asList(record.strip().split("\n")));
      boolean skip = false;
      while (!lines.isEmpty() && (lines.get(0).startsWith("skipif") || lines.get(0).startsWith("onlyif")
          || lines.get(0).startsWith("#") || lines.get(0).startsWith("hash-threshold"))) {
        String control = lines.remove(0);
        if (control.startsWith("hash-threshold")) threshold = Integer.parseInt(control.split(" ")[1].trim());
        if (control.startsWith("skipif postgresql") || control.startsWith("onlyif") && !control.contains("postgresql")) {
          skip = true;
        }
      }
      if (skip || lines.isEmpty()) continue;
      String head = lines.get(0);
      int separator = lines.indexOf("----");
      String sql = String.join("\n", lines.subList(1, separator < 0 ? lines.size() : separator)).strip();
      if (head.startsWith("statement ok")) {
        statement(sql);
      } else if (head.startsWith("query")) {
        String[] h = head.split(" ");
        List<String> expected = separator < 0 ? List.of() : lines.subList(separator + 1, lines.size());
        String problem;
        try {
          List<String> actual = render(execute(withTables(sql)), h[1], h.length > 2 ? h[2] : "nosort", threshold);
          problem = actual.equals(expected) ? null : "expected " + head(expected) + " but got " + head(actual);
        } catch (DbException e) {
          problem = e.sqlState() + " " + e.getMessage();
        }
        if (problem == null) {
          passed++;
        } else {
          failed++;
          if (failures.size() < 20) failures.add(sql.replace('\n', ' ') + ": " + problem);
        }
      }
    }
    return new Outcome(passed, failed, failures);
  }

  private static List<String> head(List<String> values) { return values.subList(0, Math.min(6, values.size())); }

  private void statement(String sql) {
    if (sql.startsWith("CREATE TABLE")) {
      // Keys do not change query answers; the index/* files declare one on every table.
      String columnsOnly = sql.replace(" PRIMARY KEY", "");
      CreateTableStatement c = (CreateTableStatement) planner.prepare(columnsOnly, TestCatalog.INSTANCE, List.of());
      tables.put(c.name(), c.columns());
      rows.put(c.name(), new ArrayList<>());
    } else if (sql.startsWith("INSERT INTO")) {
      String name = sql.substring(12).split("[ (]")[0];
      int values = sql.toUpperCase().indexOf("VALUES");
      if (values < 0) {
        for (Object[] row : execute(withTables(sql.substring(sql.toUpperCase().indexOf("SELECT"))))) {
          List<String> literals = new ArrayList<>();
          for (Object o : row) {
            literals.add(o == null ? "NULL" : o instanceof String s ? "'" + s.replace("'", "''") + "'"
                : o instanceof BigDecimal d ? d.toPlainString() : o.toString());
          }
          rows.get(name).add("(" + String.join(", ", literals) + ")");
        }
        return;
      }
      String tuple = sql.substring(values + 6).strip();
      String columns = sql.substring(12 + name.length(), values).strip();
      rows.get(name).add(columns.startsWith("(") ? reorder(name, columns, tuple) : tuple);
    }
  }

  /** A row inserted with a column list, as a full row in the table's column order. */
  private String reorder(String table, String columns, String tuple) {
    String[] names = columns.substring(1, columns.lastIndexOf(')')).split(",");
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    int depth = 0;
    for (char ch : tuple.substring(1, tuple.lastIndexOf(')')).toCharArray()) {
      if (ch == '\'') quoted = !quoted;
      if (!quoted && ch == '(') depth++;
      if (!quoted && ch == ')') depth--;
      if (!quoted && depth == 0 && ch == ',') {
        parts.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(ch);
      }
    }
    parts.add(current.toString().strip());
    List<ColumnDef> cols = tables.get(table);
    String[] ordered = new String[cols.size()];
    Arrays.fill(ordered, "NULL");
    for (int i = 0; i < names.length; i++) {
      for (int k = 0; k < cols.size(); k++) {
        if (cols.get(k).name().equals(names[i].strip())) ordered[k] = parts.get(i);
      }
    }
    return "(" + String.join(", ", ordered) + ")";
  }

  /** {@code WITH t AS (SELECT CAST(c0 AS type) AS col, ... FROM (VALUES ...) v(c0, ...)), ... <sql>}. */
  private String withTables(String sql) {
    List<String> items = new ArrayList<>();
    tables.forEach((name, cols) -> {
      if (!sql.contains(name)) return;
      List<String> casts = new ArrayList<>();
      List<String> aliases = new ArrayList<>();
      for (int i = 0; i < cols.size(); i++) {
        casts.add("CAST(c" + i + " AS " + cols.get(i).type().formatType() + ") AS " + cols.get(i).name());
        aliases.add("c" + i);
      }
      List<String> tuples = rows.get(name);
      String values = tuples.isEmpty() ? "(" + String.join(", ", java.util.Collections.nCopies(cols.size(), "NULL")) + ")"
          : String.join(", ", tuples);
      items.add(name + " AS (SELECT " + String.join(", ", casts) + " FROM (VALUES " + values + ") AS v("
          + String.join(", ", aliases) + ")" + (tuples.isEmpty() ? " WHERE 1 = 0" : "") + ")");
    });
    return items.isEmpty() ? sql : "WITH " + String.join(", ", items) + " " + sql;
  }

  private List<Object[]> execute(String sql) {
    PlannedStatement p = (PlannedStatement) planner.prepare(sql, TestCatalog.INSTANCE, List.of());
    ExecContext ctx = new ExecContext(null, null, null, new Object[0], ZoneId.of("UTC"), Instant.now(), 1 << 24);
    List<Object[]> out = new ArrayList<>();
    try (Operator op = Executor.build(p.plan(), ctx)) {
      op.open();
      for (Object[] row = op.next(); row != null && out.size() < 1_000_000; row = op.next()) out.add(row.clone());
    }
    return out;
  }

  /** The reference runner's rendering, sorting and hashing of a result (slt README). */
  private static List<String> render(List<Object[]> result, String types, String mode, int threshold)
      throws Exception {
    List<List<String>> rendered = new ArrayList<>();
    for (Object[] row : result) {
      if (row.length != types.length()) return List.of("column count " + row.length);
      List<String> r = new ArrayList<>();
      for (int i = 0; i < row.length; i++) r.add(value(row[i], types.charAt(i)));
      rendered.add(r);
    }
    if (mode.equals("rowsort")) rendered.sort((a, b) -> String.join("\n", a).compareTo(String.join("\n", b)));
    List<String> values = new ArrayList<>();
    rendered.forEach(values::addAll);
    if (mode.equals("valuesort")) java.util.Collections.sort(values);
    if (values.size() <= threshold) return values;
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    for (String v : values) md5.update((v + "\n").getBytes(StandardCharsets.UTF_8));
    return List.of(values.size() + " values hashing to " + HexFormat.of().formatHex(md5.digest()));
  }

  private static String value(Object v, char type) {
    if (v == null) return "NULL";
    if (type == 'I') {
      if (v instanceof Boolean b) return b ? "1" : "0";
      try {
        return new BigDecimal(v.toString().trim()).toBigInteger().toString();
      } catch (NumberFormatException e) {
        return "not an integer: " + v; // a mismatch to report, not a reason to stop the file
      }
    }
    if (type == 'R') return String.format("%.3f", new BigDecimal(v.toString()).doubleValue());
    String s = v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    if (s.isEmpty()) return "(empty)";
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) b.append(c < 32 || c > 126 ? '@' : c);
    return b.toString();
  }
}
