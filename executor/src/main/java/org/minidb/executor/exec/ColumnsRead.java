package org.minidb.executor.exec;

import java.util.BitSet;
import java.util.List;
import org.minidb.executor.expr.ColumnRef;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Literal;
import org.minidb.executor.expr.ParameterRef;
import org.minidb.executor.plan.AggregateCall;
import org.minidb.executor.plan.AggregateNode;
import org.minidb.executor.plan.HashJoinNode;
import org.minidb.executor.plan.SortKey;

/**
 * Which input columns an operator reads, where that is plainly visible in its plan node, so that a scan below
 * can skip decoding the others (a narrow aggregate over a wide table should not build every text value).
 * Compiled expressions are opaque except for the leaf records; anything else answers null ("all columns"),
 * which is always safe.
 */
final class ColumnsRead {
  private ColumnsRead() {}

  /** The columns read by projecting {@code expressions}, or null if some expression is not a leaf. */
  static BitSet ofProjection(List<Expr> expressions) {
    BitSet read = new BitSet();
    for (Expr e : expressions) {
      switch (e) {
        case ColumnRef c -> read.set(c.index());
        case Literal l -> { }
        case ParameterRef p -> { }
        case org.minidb.executor.expr.ExecParamRef p -> { }
        default -> { return null; }
      }
    }
    return read;
  }

  /** The group and argument columns of an aggregation. */
  static BitSet ofAggregate(AggregateNode node) { return ofAggregate(node.groupColumns(), node.aggregates()); }

  static BitSet ofAggregate(int[] groupColumns, List<AggregateCall> aggregates) {
    BitSet read = new BitSet();
    for (int c : groupColumns) read.set(c);
    for (AggregateCall call : aggregates) {
      if (call.argument() >= 0) read.set(call.argument());
    }
    return read;
  }

  /** What a sort reads: what its consumer reads and its keys; null if the consumer reads everything. */
  static BitSet ofSort(BitSet read, List<SortKey> keys) {
    if (read == null) return null;
    BitSet r = (BitSet) read.clone();
    for (SortKey k : keys) r.set(k.column());
    return r;
  }

  /**
   * What a hash join reads of its left and right input: the consumer's columns split at the left width, plus
   * the keys; both null (everything) if the consumer reads everything or a residual condition is checked.
   */
  static BitSet[] ofHashJoin(BitSet read, HashJoinNode node) {
    if (read == null || node.residual() != null) return new BitSet[] {null, null};
    int leftWidth = node.left().outputTypes().size();
    BitSet left = read.get(0, leftWidth);
    BitSet right = read.get(leftWidth, Math.max(leftWidth, read.length()));
    for (int k : node.leftKeys()) left.set(k);
    for (int k : node.rightKeys()) right.set(k);
    return new BitSet[] {left, right};
  }

  /**
   * The wanted-flags for a row of {@code width} columns when only {@code read} is read; null (decode all)
   * if nothing would be skipped.
   */
  /**
   * The columns a Seq Scan decodes: what its consumer reads plus what its filter reads, or null (all) when either
   * is unknown or the scan feeds an UPDATE or DELETE (which need whole rows).
   */
  static boolean[] ofScan(BitSet read, org.minidb.executor.plan.SeqScanNode n) {
    if (n.withTid() || read == null) return null;
    if (n.filter() == null) return wanted(read, n.table().columns().size());
    if (n.filterColumns() == null) return null;
    BitSet both = (BitSet) read.clone();
    both.or(n.filterColumns());
    return wanted(both, n.table().columns().size());
  }

  static boolean[] wanted(BitSet read, int width) {
    if (read == null || read.nextClearBit(0) >= width) return null;
    boolean[] w = new boolean[width];
    for (int i = read.nextSetBit(0); i >= 0 && i < width; i = read.nextSetBit(i + 1)) w[i] = true;
    return w;
  }
}
