package org.minidb.executor.expr;

/** The comparison operators {@code = <> < <= > >=}. */
public enum CompareOp {
  EQ, NE, LT, LE, GT, GE;

  /** Whether a comparator result {@code c} satisfies this operator. */
  public boolean test(int c) {
    return switch (this) {
      case EQ -> c == 0;
      case NE -> c != 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
    };
  }
}
