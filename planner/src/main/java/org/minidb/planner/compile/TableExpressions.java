package org.minidb.planner.compile;

import java.util.List;
import org.minidb.executor.expr.Expr;
import org.minidb.storage.catalog.TableDef;

/** The compiled forms of a table's stored expressions (kept as SQL text in the catalog). */
public interface TableExpressions {
  /** The DEFAULT of column {@code attnum}, already converted to the column's type; evaluated without a row. */
  Expr columnDefault(TableDef table, int attnum);

  /** Each CHECK constraint as a predicate over a full new row, in the order of {@code table.checks()}. */
  List<Expr> checks(TableDef table);

  /** An index expression or predicate (SQL text of the catalog) over the table's columns, for index matching. */
  default org.apache.calcite.rex.RexNode indexExpression(TableDef table, String text) {
    throw new UnsupportedOperationException("index expressions");
  }
}
