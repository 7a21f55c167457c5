package org.minidb.planner.validate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
 * aliases; the plan builder takes them in the same left-to-right order. A view's query is expanded where the
 * view is referenced (as the planner expands it), so the scans inside it get the view's own aliases.
 */
public final class TableAliases {
  /** Bounds view-in-view expansion here (a cycle of views fails earlier, when the statement is converted). */
  private static final int MAX_VIEW_DEPTH = 64;

  private final Map<String, Deque<String>> byTable = new HashMap<>();
  private final Set<String> used = new HashSet<>();
  private final Function<SqlIdentifier, SqlNode> viewQueries;

  private TableAliases(Function<SqlIdentifier, SqlNode> viewQueries) { this.viewQueries = viewQueries; }

  public static TableAliases of(SqlNode validated) { return of(validated, id -> null); }

  /**
   * @param viewQueries for a table reference naming a view, the view's query freshly parsed; null for a table
   */
  public static TableAliases of(SqlNode validated, Function<SqlIdentifier, SqlNode> viewQueries) {
    TableAliases aliases = new TableAliases(viewQueries);
    aliases.collect(validated, 0);
    return aliases;
  }

  private void collect(SqlNode query, int depth) {
    query.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null) from(select.getFrom(), depth);
        return super.visit(call);
      }
    });
  }

  private void from(SqlNode node, int depth) {
    if (node instanceof SqlJoin join) {
      from(join.getLeft(), depth);
      from(join.getRight(), depth);
    } else if (node.getKind() == SqlKind.AS && ((SqlCall) node).operand(0) instanceof SqlIdentifier table) {
      if (!expandView(table, depth)) add(table, ((SqlIdentifier) ((SqlCall) node).operand(1)).getSimple());
    } else if (node instanceof SqlIdentifier table) {
      if (!expandView(table, depth)) add(table, table.names.get(table.names.size() - 1));
    }
  }

  private boolean expandView(SqlIdentifier table, int depth) {
    SqlNode viewQuery = depth < MAX_VIEW_DEPTH ? viewQueries.apply(table) : null;
    if (viewQuery == null) return false;
    collect(viewQuery, depth + 1);
    return true;
  }

  private void add(SqlIdentifier table, String alias) {
    // EXPLAIN names every relation uniquely, as PostgreSQL's set_rtable_names does: t, then t_1, t_2, ...
    String unique = alias;
    for (int n = 1; !used.add(unique); n++) unique = alias + "_" + n;
    byTable.computeIfAbsent(table.names.get(table.names.size() - 1), k -> new ArrayDeque<>()).add(unique);
  }

  /** What {@link #next} will answer for {@code table}, without taking it. */
  public String peek(String table) {
    Deque<String> q = byTable.get(table);
    return q == null || q.isEmpty() ? table : q.peek();
  }

  /** The alias of the next reference to {@code table}, or the table's name. */
  public String next(String table) {
    Deque<String> q = byTable.get(table);
    return q == null || q.isEmpty() ? table : q.poll();
  }
}
