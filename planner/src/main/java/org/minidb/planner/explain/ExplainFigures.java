package org.minidb.planner.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Collections;
import java.util.IdentityHashMap;
import org.minidb.executor.exec.instrument.Instrumentation;
import org.minidb.executor.exec.instrument.NodeInstrumentation;
import org.minidb.executor.exec.instrument.OperatorUsage;
import org.minidb.executor.plan.HashJoinNode;
import org.minidb.executor.plan.PlanNode;

/**
 * The actual figures of one EXPLAIN node after EXPLAIN ANALYZE, averaged per loop as PostgreSQL prints them:
 * read from the instrumentation of the node's linked executor node, with the rows removed by the filters of
 * every executor node folded into it (see {@link ExplainNode}).
 *
 * @param node the linked node's instrumentation, or null if it was never built (shown as never executed)
 * @param usage a Sort's or Hash's memory and disk figures, or null
 */
record ExplainFigures(NodeInstrumentation node, long removedByFilter, long removedByJoinFilter,
    OperatorUsage usage) {

  /** The figures of {@code e}, a child of {@code parent} (null at the root). */
  static ExplainFigures of(ExplainNode e, ExplainNode parent, Instrumentation instr) {
    NodeInstrumentation n = e.plan() == null ? null : instr.of(e.plan());
    HashJoinNode hashJoin = parent == null ? null : hashJoinUnder(parent.plan());
    if ("Hash".equals(e.title()) && hashJoin != null) {
      // PostgreSQL's Hash node is our hash join's build side: the table's figures are the join's.
      NodeInstrumentation join = instr.of(hashJoin);
      return new ExplainFigures(n, 0, 0, join == null ? null : join.operatorUsage());
    }
    Set<PlanNode> stops = Collections.newSetFromMap(new IdentityHashMap<>());
    for (ExplainNode c : e.children()) if (c.plan() != null) stops.add(c.plan());
    List<NodeInstrumentation> folded = new ArrayList<>();
    if (e.plan() != null) collect(e.plan(), stops, instr, folded, 0);
    long filter = 0;
    long join = 0;
    OperatorUsage usage = null;
    for (NodeInstrumentation f : folded) {
      filter += f.removedByFilter();
      join += f.removedByJoinFilter();
      // a node folded into this one may be the one that sorts or hashes (a HAVING filter over its aggregate);
      // a hash join's table figures belong to its Hash child, not to the join
      if (usage == null && !(f.operatorUsage() instanceof OperatorUsage.Hash)) usage = f.operatorUsage();
    }
    return new ExplainFigures(n, filter, join, usage);
  }

  /**
   * The hash join a Hash Join explain node stands for: its linked node, or the first hash join below the
   * projections folded into it (the join order puts one above a reordered join to restore its columns).
   */
  private static HashJoinNode hashJoinUnder(PlanNode p) {
    for (int depth = 0; p != null && depth < 64; depth++) {
      if (p instanceof HashJoinNode h) return h;
      if (p.inputs().size() != 1) return null;
      p = p.inputs().get(0);
    }
    return null;
  }

  private static void collect(PlanNode p, Set<PlanNode> stops, Instrumentation instr, List<NodeInstrumentation> out,
      int depth) {
    if (stops.contains(p) || depth > 64) return;
    NodeInstrumentation n = instr.of(p);
    if (n != null) out.add(n);
    for (PlanNode in : p.inputs()) collect(in, stops, instr, out, depth + 1);
  }

  boolean executed() { return node != null && node.loops() > 0; }

  long loops() { return node == null ? 0 : node.loops(); }

  /** Rows per loop, rounded as C's %.0f does. */
  double rows() { return executed() ? Math.rint((double) node.rows() / node.loops()) : 0; }

  double startupMs() { return executed() ? node.startupNanos() / 1e6 / node.loops() : 0; }

  double totalMs() { return executed() ? node.totalNanos() / 1e6 / node.loops() : 0; }

  double filterPerLoop() { return executed() ? Math.rint((double) removedByFilter / node.loops()) : 0; }

  double joinFilterPerLoop() { return executed() ? Math.rint((double) removedByJoinFilter / node.loops()) : 0; }
}
