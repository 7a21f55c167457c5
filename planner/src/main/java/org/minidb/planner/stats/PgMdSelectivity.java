package org.minidb.planner.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdSelectivity;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Selectivity metadata from MiniDB's statistics: a predicate over a table scan is estimated by
 * {@link Selectivity}; a join condition's equalities between columns of two tables by
 * {@link JoinSelectivity#equiJoin} (through the columns' origins), its one-sided conjuncts by the side's own
 * selectivity. Everything else is Calcite's. A {@link RelSubset} answers for its best (or original) rel: Calcite
 * has no handler for it and would otherwise guess (notes/calcite.md, P9).
 */
public class PgMdSelectivity extends RelMdSelectivity {
  public static final RelMetadataProvider SOURCE = ReflectiveRelMetadataProvider.reflectiveSource(
      new PgMdSelectivity(), BuiltInMetadata.Selectivity.Handler.class);

  protected PgMdSelectivity() {}

  public @Nullable Double getSelectivity(RelSubset rel, RelMetadataQuery mq, @Nullable RexNode predicate) {
    return mq.getSelectivity(Util.first(rel.getBest(), rel.getOriginal()), predicate);
  }

  public @Nullable Double getSelectivity(TableScan rel, RelMetadataQuery mq, @Nullable RexNode predicate) {
    TableStatistics t = StatisticsOf.table(rel.getTable());
    if (t == null) return super.getSelectivity((RelNode) rel, mq, predicate);
    return Selectivity.restriction(predicate, t);
  }

  @Override
  public @Nullable Double getSelectivity(Join rel, RelMetadataQuery mq, @Nullable RexNode predicate) {
    if (rel.getJoinType() == JoinRelType.SEMI || rel.getJoinType() == JoinRelType.ANTI) {
      return super.getSelectivity(rel, mq, predicate);
    }
    if (predicate == null || predicate.isAlwaysTrue()) return 1.0;
    int leftCount = rel.getLeft().getRowType().getFieldCount();
    int total = rel.getRowType().getFieldCount();
    ImmutableBitSet leftBits = ImmutableBitSet.range(0, leftCount);
    ImmutableBitSet rightBits = ImmutableBitSet.range(leftCount, total);
    double s = 1.0;
    List<RexNode> leftOnly = new ArrayList<>();
    List<RexNode> rightOnly = new ArrayList<>();
    for (RexNode c : RelOptUtil.conjunctions(predicate)) {
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(c);
      if (leftBits.contains(used)) {
        leftOnly.add(c);
      } else if (rightBits.contains(used)) {
        rightOnly.add(shift(c, -leftCount));
      } else {
        s *= joinClause(rel, mq, c, leftCount);
      }
    }
    var rb = rel.getCluster().getRexBuilder();
    if (!leftOnly.isEmpty()) s *= Util.first(mq.getSelectivity(rel.getLeft(), RexUtil.composeConjunction(rb, leftOnly)), 1.0);
    if (!rightOnly.isEmpty()) {
      s *= Util.first(mq.getSelectivity(rel.getRight(), RexUtil.composeConjunction(rb, rightOnly)), 1.0);
    }
    return ScalarSelectivity.clamp(s);
  }

  /** A conjunct reading both sides: {@code l = r} / {@code l <> r} by eqjoinsel, others by PostgreSQL's defaults. */
  private static double joinClause(Join rel, RelMetadataQuery mq, RexNode c, int leftCount) {
    if (c instanceof RexCall call && call.getOperands().size() == 2
        && (call.getKind() == SqlKind.EQUALS || call.getKind() == SqlKind.NOT_EQUALS
            || call.getKind() == SqlKind.IS_NOT_DISTINCT_FROM)) {
      RexInputRef a = Selectivity.column(call.getOperands().get(0));
      RexInputRef b = Selectivity.column(call.getOperands().get(1));
      if (a != null && b != null && (a.getIndex() < leftCount) != (b.getIndex() < leftCount)) {
        ColumnStats ca = side(rel, mq, a.getIndex(), leftCount);
        ColumnStats cb = side(rel, mq, b.getIndex(), leftCount);
        return call.getKind() == SqlKind.NOT_EQUALS ? JoinSelectivity.notEquiJoin(ca, cb)
            : JoinSelectivity.equiJoin(ca, cb);
      }
      return ScalarSelectivity.DEFAULT_EQ_SEL;
    }
    if (c instanceof RexCall call) {
      return switch (call.getKind()) {
        case LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> ScalarSelectivity.DEFAULT_INEQ_SEL;
        case OR -> {
          double s = 0;
          for (RexNode o : call.getOperands()) {
            double s2 = joinClause(rel, mq, o, leftCount);
            s = s + s2 - s * s2;
          }
          yield s;
        }
        default -> ScalarSelectivity.DEFAULT_UNKNOWN_CLAUSE;
      };
    }
    return ScalarSelectivity.DEFAULT_UNKNOWN_CLAUSE;
  }

  /** A join's field as a column of the input it comes from (asking the join itself would recurse). */
  private static ColumnStats side(Join rel, RelMetadataQuery mq, int field, int leftCount) {
    return field < leftCount ? StatisticsOf.column(rel.getLeft(), mq, field)
        : StatisticsOf.column(rel.getRight(), mq, field - leftCount);
  }

  private static RexNode shift(RexNode node, int offset) {
    return node.accept(new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(ref.getIndex() + offset, ref.getType());
      }
    });
  }
}
