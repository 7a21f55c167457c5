package org.minidb.executor.exec;

import org.minidb.common.encoding.KeyCodec;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.IndexScanNode;
import org.minidb.storage.index.IndexKeys;

/**
 * The key range of an index scan for one execution: the bounds evaluated once (they are constants or parameters)
 * and encoded as key prefixes; null bounds are unbounded. {@link #of} answers null when the range is empty
 * because a bound is NULL ({@code col = NULL} and {@code col < NULL} are never true).
 */
record IndexRange(byte[] lower, boolean lowerInclusive, byte[] upper, boolean upperInclusive) {
  private static final Object[] NO_ROW = new Object[0];

  static IndexRange of(IndexScanNode node, ExecContext ctx) {
    int n = node.equal().size();
    Object[] values = new Object[n + 1];
    for (int i = 0; i < n; i++) {
      values[i] = node.equal().get(i).eval(NO_ROW, ctx);
      if (values[i] == null) return null;
    }
    KeyCodec codec = new IndexKeys(node.table(), node.index()).codec();
    boolean[] empty = new boolean[1];
    byte[] lower = bound(codec, values, n, node.lower(), ctx, empty);
    byte[] upper = bound(codec, values, n, node.upper(), ctx, empty);
    if (empty[0]) return null;
    return new IndexRange(lower, node.lower() == null || node.lowerInclusive(), upper,
        node.upper() == null || node.upperInclusive());
  }

  /** The key prefix of the equal values and the bound (just the equal values when there is no bound). */
  private static byte[] bound(KeyCodec codec, Object[] values, int n, Expr bound, ExecContext ctx, boolean[] empty) {
    if (bound == null) return n == 0 ? null : codec.encodePrefix(values, n);
    Object v = bound.eval(NO_ROW, ctx);
    if (v == null) {
      empty[0] = true;
      return null;
    }
    Object[] withBound = values.clone();
    withBound[n] = v;
    return codec.encodePrefix(withBound, n + 1);
  }
}
