package org.minidb.executor.expr;

import java.util.Comparator;
import java.util.List;
import org.minidb.common.types.PgType;
import org.minidb.common.types.ValueComparator;

/** AND, OR, NOT and the IS tests, with SQL's three-valued logic (NULL is "unknown"). */
final class BoolExprs {
  private BoolExprs() {}

  /** FALSE if any argument is FALSE, else NULL if any is NULL, else TRUE. Stops at the first FALSE. */
  static Expr and(List<Expr> args) {
    Expr[] a = args.toArray(Expr[]::new);
    if (a.length == 2) {
      Expr l = a[0];
      Expr r = a[1];
      return (row, ctx) -> {
        Object x = l.eval(row, ctx);
        if (Boolean.FALSE.equals(x)) return Boolean.FALSE;
        Object y = r.eval(row, ctx);
        if (Boolean.FALSE.equals(y)) return Boolean.FALSE;
        return x == null || y == null ? null : Boolean.TRUE;
      };
    }
    return (row, ctx) -> {
      boolean sawNull = false;
      for (Expr e : a) {
        Object v = e.eval(row, ctx);
        if (v == null) sawNull = true;
        else if (!(Boolean) v) return Boolean.FALSE;
      }
      return sawNull ? null : Boolean.TRUE;
    };
  }

  /** TRUE if any argument is TRUE, else NULL if any is NULL, else FALSE. Stops at the first TRUE. */
  static Expr or(List<Expr> args) {
    Expr[] a = args.toArray(Expr[]::new);
    return (row, ctx) -> {
      boolean sawNull = false;
      for (Expr e : a) {
        Object v = e.eval(row, ctx);
        if (v == null) sawNull = true;
        else if ((Boolean) v) return Boolean.TRUE;
      }
      return sawNull ? null : Boolean.FALSE;
    };
  }

  static Expr not(Expr arg) {
    return (row, ctx) -> {
      Object v = arg.eval(row, ctx);
      return v == null ? null : !(Boolean) v;
    };
  }

  static Expr isNull(Expr arg) { return (row, ctx) -> arg.eval(row, ctx) == null; }

  static Expr isNotNull(Expr arg) { return (row, ctx) -> arg.eval(row, ctx) != null; }

  static Expr isTrue(Expr arg) { return (row, ctx) -> Boolean.TRUE.equals(arg.eval(row, ctx)); }

  static Expr isFalse(Expr arg) { return (row, ctx) -> Boolean.FALSE.equals(arg.eval(row, ctx)); }

  static Expr isNotTrue(Expr arg) { return (row, ctx) -> !Boolean.TRUE.equals(arg.eval(row, ctx)); }

  static Expr isNotFalse(Expr arg) { return (row, ctx) -> !Boolean.FALSE.equals(arg.eval(row, ctx)); }

  /** Never NULL: two NULLs are not distinct, a NULL and a value are. */
  static Expr isDistinctFrom(Expr left, Expr right, PgType type) {
    Comparator<Object> cmp = ValueComparator.forType(type);
    return (row, ctx) -> {
      Object a = left.eval(row, ctx);
      Object b = right.eval(row, ctx);
      if (a == null || b == null) return a != b;
      return cmp.compare(a, b) != 0;
    };
  }
}
