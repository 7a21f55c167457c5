package org.minidb.executor.exec;

import java.util.List;
import java.util.StringJoiner;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.TextFormat;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Typmods;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * What INSERT and UPDATE enforce on a new row before it is written, in PostgreSQL's order: the column
 * typmods (char(n) padding, varchar(n) length 22001, numeric(p,s) rounding and 22003), then NOT NULL
 * (23502), then each CHECK constraint (23514; NULL passes a check).
 */
final class RowConstraints {
  private final TableDef table;
  private final List<DataType> types;
  private final Expr[] checks;

  RowConstraints(TableDef table, List<Expr> checks) {
    this.table = table;
    this.types = table.columns().stream().map(ColumnDef::type).toList();
    this.checks = checks == null ? new Expr[0] : checks.toArray(Expr[]::new);
  }

  List<DataType> types() { return types; }

  /** The row to store: the first {@code types.size()} values of {@code source}, coerced and checked. */
  Object[] apply(Object[] source, ExecContext ctx) {
    int n = types.size();
    Object[] row = new Object[n];
    for (int i = 0; i < n; i++) row[i] = Typmods.assign(types.get(i), source[i]);
    for (int i = 0; i < n; i++) {
      ColumnDef c = table.columns().get(i);
      if (row[i] == null && c.notNull()) {
        throw DbException.of(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + c.name()
            + "\" of relation \"" + table.name() + "\" violates not-null constraint").withDetail(failingRow(row, ctx));
      }
    }
    for (int i = 0; i < checks.length; i++) {
      if (Boolean.FALSE.equals(checks[i].eval(row, ctx))) {
        String name = i < table.checks().size() ? table.checks().get(i).name() : "check" + i;
        throw DbException.of(SqlState.CHECK_VIOLATION, "new row for relation \"" + table.name()
            + "\" violates check constraint \"" + name + "\"").withDetail(failingRow(row, ctx));
      }
    }
    return row;
  }

  private String failingRow(Object[] row, ExecContext ctx) {
    StringJoiner j = new StringJoiner(", ", "Failing row contains (", ").");
    for (int i = 0; i < row.length; i++) {
      j.add(row[i] == null ? "null" : TextFormat.format(types.get(i).type(), row[i], ctx.timeZone()));
    }
    return j.toString();
  }
}
