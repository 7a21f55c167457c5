package org.minidb.executor.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.minidb.common.encoding.KeyCodec;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.IndexKeyValues;
import org.minidb.executor.plan.IndexScanNode;
import org.minidb.storage.index.IndexKeys;

/**
 * A key range of an index scan for one execution: the bounds evaluated once (they are constants or parameters)
 * and encoded as key prefixes; null bounds are unbounded. A scan has several ranges when its equality prefix holds
 * an IN list ({@link IndexKeyValues.AnyOf}): one per combination of values, in key order, without repeats, so the
 * scan returns each entry once and in index order (reversed for a backward scan). A NULL value (as in
 * {@code col = NULL}, {@code col < NULL})
 * matches nothing; only {@link IndexKeyValues#IS_NULL} scans the NULL entries.
 */
record IndexRange(byte[] lower, boolean lowerInclusive, byte[] upper, boolean upperInclusive) {
  private static final Object[] NO_ROW = new Object[0];

  /** The ranges to scan, in key order; empty when no row can match. */
  static List<IndexRange> of(IndexScanNode node, ExecContext ctx) {
    int n = node.equal().size();
    List<Object[]> prefixes = new ArrayList<>();
    prefixes.add(new Object[n + 1]);
    KeyCodec codec = new IndexKeys(node.table(), node.index()).codec();
    for (int i = 0; i < n; i++) {
      List<Object> values = values(node.equal().get(i), ctx);
      List<Object[]> next = new ArrayList<>(prefixes.size() * values.size());
      for (Object[] p : prefixes) {
        for (Object v : values) {
          Object[] q = p.clone();
          q[i] = v;
          next.add(q);
        }
      }
      prefixes = next;
    }
    List<IndexRange> ranges = new ArrayList<>(prefixes.size());
    for (Object[] p : prefixes) {
      boolean[] empty = new boolean[1];
      byte[] lower = bound(codec, p, n, node.lower(), ctx, empty);
      byte[] upper = bound(codec, p, n, node.upper(), ctx, empty);
      if (empty[0]) return List.of(); // a NULL bound: the same for every prefix
      ranges.add(new IndexRange(lower, node.lower() == null || node.lowerInclusive(), upper,
          node.upper() == null || node.upperInclusive()));
    }
    if (ranges.size() < 2) return ranges;
    ranges.sort((a, b) -> Arrays.compareUnsigned(a.lower, b.lower));
    List<IndexRange> distinct = new ArrayList<>(ranges.size());
    for (IndexRange r : ranges) {
      IndexRange last = distinct.isEmpty() ? null : distinct.get(distinct.size() - 1);
      if (last == null || !Arrays.equals(last.lower, r.lower) || !Arrays.equals(last.upper, r.upper)) distinct.add(r);
    }
    if (node.backward()) java.util.Collections.reverse(distinct); // the last range first, each read backward
    return distinct;
  }

  /**
   * The values one key column takes: one for a value expression (none if it is NULL), the NULL key for IS NULL,
   * the distinct non-null values of an IN list in key order (equal encodings are one value).
   */
  private static List<Object> values(Expr e, ExecContext ctx) {
    if (e == IndexKeyValues.IS_NULL) return java.util.Collections.singletonList(null);
    if (!(e instanceof IndexKeyValues.AnyOf any)) {
      Object v = e.eval(NO_ROW, ctx);
      return v == null ? List.of() : List.of(v);
    }
    List<Object> out = new ArrayList<>(any.values().size());
    for (Expr x : any.values()) {
      Object v = x.eval(NO_ROW, ctx);
      if (v != null) out.add(v);
    }
    return out;
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
