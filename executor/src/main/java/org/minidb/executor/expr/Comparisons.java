package org.minidb.executor.expr;

import java.util.Comparator;
import org.minidb.common.types.PgType;
import org.minidb.common.types.ValueComparator;

/** The comparison operators over two values of one type; NULL if either side is NULL. */
final class Comparisons {
  private Comparisons() {}

  static Expr compare(CompareOp op, Expr left, Expr right, PgType type) {
    Comparator<Object> cmp = ValueComparator.forType(type);
    // One lambda per operator, chosen here, so that evaluation does no dispatch on the operator.
    return switch (op) {
      case EQ -> (row, ctx) -> {
        Object a = left.eval(row, ctx);
        if (a == null) return null;
        Object b = right.eval(row, ctx);
        return b == null ? null : cmp.compare(a, b) == 0;
      };
      case NE -> (row, ctx) -> {
        Object a = left.eval(row, ctx);
        if (a == null) return null;
        Object b = right.eval(row, ctx);
        return b == null ? null : cmp.compare(a, b) != 0;
      };
      case LT -> (row, ctx) -> {
        Object a = left.eval(row, ctx);
        if (a == null) return null;
        Object b = right.eval(row, ctx);
        return b == null ? null : cmp.compare(a, b) < 0;
      };
      case LE -> (row, ctx) -> {
        Object a = left.eval(row, ctx);
        if (a == null) return null;
        Object b = right.eval(row, ctx);
        return b == null ? null : cmp.compare(a, b) <= 0;
      };
      case GT -> (row, ctx) -> {
        Object a = left.eval(row, ctx);
        if (a == null) return null;
        Object b = right.eval(row, ctx);
        return b == null ? null : cmp.compare(a, b) > 0;
      };
      case GE -> (row, ctx) -> {
        Object a = left.eval(row, ctx);
        if (a == null) return null;
        Object b = right.eval(row, ctx);
        return b == null ? null : cmp.compare(a, b) >= 0;
      };
    };
  }
}
