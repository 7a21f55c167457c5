package org.minidb.executor.exec;

/** The output row of a join: the left row's columns, then the right row's; a missing side (outer join) is NULLs. */
final class JoinedRow {
  private JoinedRow() {}

  static Object[] of(Object[] left, int leftWidth, Object[] right, int rightWidth) {
    Object[] out = new Object[leftWidth + rightWidth];
    if (left != null) System.arraycopy(left, 0, out, 0, leftWidth);
    if (right != null) System.arraycopy(right, 0, out, leftWidth, rightWidth);
    return out;
  }
}
