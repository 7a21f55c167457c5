package org.minidb.planner.compile;

import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeName;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Exprs;

/**
 * Folds constant expressions while planning, as PostgreSQL's eval_const_expressions does: {@code 2 + 3}
 * becomes {@code 5}, and {@code SELECT 1/0} fails before any row is described. Only immutable work is
 * folded, so a folded plan stays right for every session and every later execution: no columns, parameters,
 * sub-queries or volatile and stable functions (now(), random()), and nothing whose value depends on the
 * session's TimeZone (any timestamptz in the expression).
 */
final class ConstantFolding {
  private ConstantFolding() {}

  /** The context of a fold: no storage, no transaction, no parameters; UTC is never consulted (see above). */
  private static final ExecContext PLANNING =
      new ExecContext(null, null, null, new Object[0], ZoneOffset.UTC, Instant.EPOCH, 0);

  private static final Object[] NO_ROW = new Object[0];

  static boolean isFoldable(RexCall call) {
    Boolean foldable = call.accept(new RexVisitorImpl<Boolean>(true) {
      @Override
      public Boolean visitCall(RexCall c) {
        if (!immutable(c.getOperator()) || dependsOnTimeZone(c) || readsTheClock(c)) return false;
        for (RexNode operand : c.getOperands()) {
          Boolean ok = operand.accept(this);
          if (ok == null || !ok) return false;
        }
        return true;
      }

      @Override
      public Boolean visitLiteral(org.apache.calcite.rex.RexLiteral literal) {
        return true;
      }
    });
    return foldable != null && foldable;
  }

  private static boolean immutable(SqlOperator op) {
    if (!op.isDeterministic() || op.isDynamicFunction()) return false;
    return !(op instanceof SqlFunction) || Exprs.isDeterministic(op.getName());
  }

  private static boolean dependsOnTimeZone(RexCall c) {
    if (c.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) return true;
    for (RexNode operand : c.getOperands()) {
      if (operand.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) return true;
    }
    return false;
  }

  /**
   * {@code 'now'::timestamp}, {@code date 'today'}, ...: the input function reads the clock, so the value
   * belongs to the execution, not to the cached plan.
   */
  private static boolean readsTheClock(RexCall c) {
    if (c.getKind() != org.apache.calcite.sql.SqlKind.CAST
        || !(c.getOperands().get(0) instanceof org.apache.calcite.rex.RexLiteral lit)
        || !org.apache.calcite.sql.type.SqlTypeUtil.isCharacter(lit.getType()) || lit.isNull()) {
      return false;
    }
    String text = lit.getValueAs(String.class).strip().toLowerCase(java.util.Locale.ROOT);
    return text.equals("now") || text.equals("today") || text.equals("tomorrow") || text.equals("yesterday");
  }

  /** Evaluates a compiled constant expression now; an error it raises is the statement's error. */
  static Expr fold(Expr compiled) {
    return Exprs.literal(compiled.eval(NO_ROW, PLANNING));
  }
}
