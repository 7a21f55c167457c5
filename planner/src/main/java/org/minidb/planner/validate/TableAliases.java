package org.minidb.planner.validate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * The alias each table reference of a statement has ({@code FROM t t1, t t2}), per table in the order the
 * references appear, for EXPLAIN's {@code Seq Scan on t t1} and {@code t1.a}. Calcite's scans do not keep
 * aliases; the plan builder takes them in the same left-to-right order.
 */
public final class TableAliases {
  private final Map<String, Deque<String>> byTable = new HashMap<>();

  public static TableAliases of(SqlNode validated) {
    TableAliases aliases = new TableAliases();
    validated.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null) aliases.from(select.getFrom());
        return super.visit(call);
      }
    });
    return aliases;
  }

  private void from(SqlNode node) {
    if (node instanceof SqlJoin join) {
      from(join.getLeft());
      from(join.getRight());
    } else if (node.getKind() == SqlKind.AS && ((SqlCall) node).operand(0) instanceof SqlIdentifier table) {
      add(table, ((SqlIdentifier) ((SqlCall) node).operand(1)).getSimple());
    } else if (node instanceof SqlIdentifier table) {
      add(table, table.names.get(table.names.size() - 1));
    }
  }

  private void add(SqlIdentifier table, String alias) {
    byTable.computeIfAbsent(table.names.get(table.names.size() - 1), k -> new ArrayDeque<>()).add(alias);
  }

  /** The alias of the next reference to {@code table}, or the table's name. */
  public String next(String table) {
    Deque<String> q = byTable.get(table);
    return q == null || q.isEmpty() ? table : q.poll();
  }
}
