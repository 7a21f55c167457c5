package org.minidb.executor.expr;

import java.util.Comparator;
import java.util.List;
import org.minidb.common.types.PgType;
import org.minidb.common.types.ValueComparator;

/** CASE, COALESCE, NULLIF, GREATEST and LEAST: each evaluates only the arguments it needs. */
final class Conditionals {
  private Conditionals() {}

  static Expr caseWhen(List<Expr> conditions, List<Expr> results, Expr elseResult) {
    if (conditions.size() != results.size()) {
      throw new IllegalArgumentException("CASE needs one result per condition");
    }
    Expr[] c = conditions.toArray(Expr[]::new);
    Expr[] r = results.toArray(Expr[]::new);
    return (row, ctx) -> {
      for (int i = 0; i < c.length; i++) {
        if (Boolean.TRUE.equals(c[i].eval(row, ctx))) return r[i].eval(row, ctx);
      }
      return elseResult == null ? null : elseResult.eval(row, ctx);
    };
  }

  static Expr coalesce(List<Expr> args) {
    Expr[] a = args.toArray(Expr[]::new);
    return (row, ctx) -> {
      for (Expr e : a) {
        Object v = e.eval(row, ctx);
        if (v != null) return v;
      }
      return null;
    };
  }

  static Expr nullIf(Expr left, Expr right, PgType type) {
    Comparator<Object> cmp = ValueComparator.forType(type);
    return (row, ctx) -> {
      Object a = left.eval(row, ctx);
      if (a == null) return null;
      Object b = right.eval(row, ctx);
      return b != null && cmp.compare(a, b) == 0 ? null : a;
    };
  }

  static Expr extreme(List<Expr> args, PgType type, boolean greatest) {
    Comparator<Object> cmp = ValueComparator.forType(type);
    Expr[] a = args.toArray(Expr[]::new);
    int sign = greatest ? 1 : -1;
    return (row, ctx) -> {
      Object best = null;
      for (Expr e : a) {
        Object v = e.eval(row, ctx);
        if (v != null && (best == null || sign * cmp.compare(v, best) > 0)) best = v;
      }
      return best;
    };
  }
}
