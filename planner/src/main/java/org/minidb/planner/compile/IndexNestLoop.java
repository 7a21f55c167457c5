package org.minidb.planner.compile;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.ImmutableBitSet;
import org.minidb.planner.catalog.MiniDbTable;
import org.minidb.planner.cost.Cardinality;
import org.minidb.planner.cost.CostModel;
import org.minidb.planner.cost.Operators;
import org.minidb.planner.cost.TableSizes;
import org.minidb.planner.cost.Widths;
import org.minidb.planner.explain.Estimate;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * The parameterized index path of a join's inner side (PostgreSQL's parameterized IndexPath): when the inner side
 * is a base relation (a table scan, possibly under its restriction) with a B-tree whose leading key columns are
 * equal to outer join keys (and, for the rest of a prefix, to constants of the restriction), each outer row's key
 * values bound an Index Scan of the inner table, rescanned per outer row.
 *
 * <p>The match reuses {@link IndexPaths}: each join key {@code inner.col = outer.col} becomes
 * {@code inner.col = marker}, a dynamic parameter numbered from {@link #MARKER} that stands for the outer value
 * (of the outer column's type, so the index's encoding check is the same as for a constant); a choice is
 * acceptable only if it uses a marker. The builder ({@link IndexNestLoopBuilder}) turns markers into executor
 * parameters; {@code JoinSearch} uses {@link #perLoop} to cost the alternative while ordering joins.
 */
public final class IndexNestLoop {
  /** Dynamic parameter numbers from here on are markers of outer join keys, never a statement's parameters. */
  static final int MARKER = 1 << 20;

  private IndexNestLoop() {}

  /**
   * The inner side as a base relation: its scan, its restriction (null when none) and the projection above them
   * (null when none; else column references and constants only, as the decorrelated form of NOT EXISTS has).
   */
  public record Inner(TableScan scan, RexNode restriction, Project project) {
    /**
     * A table scan under zero or more filters and at most one projection of columns and constants, with
     * {@code extra} (over the relation's fields, or null) added to the restriction; null for anything else.
     */
    public static Inner of(RelNode rel, RexNode extra, RexBuilder rexBuilder) {
      Project project = null;
      if (rel instanceof Project p) {
        for (RexNode e : p.getProjects()) if (!(e instanceof RexInputRef) && !(e instanceof RexLiteral)) return null;
        if (extra != null) extra = RelOptUtil.pushPastProject(extra, p);
        project = p;
        rel = p.getInput();
      }
      List<RexNode> conditions = new ArrayList<>();
      if (extra != null) conditions.add(extra);
      while (rel instanceof Filter f) {
        conditions.add(f.getCondition());
        rel = f.getInput();
      }
      if (!(rel instanceof TableScan scan) || scan.getTable().unwrap(MiniDbTable.class) == null) return null;
      return new Inner(scan, conditions.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, conditions),
          project);
    }

    /** The table column that field {@code field} of the inner side is, or -1 (a constant of the projection). */
    public int column(int field) {
      if (project == null) return field;
      return project.getProjects().get(field) instanceof RexInputRef r ? r.getIndex() : -1;
    }

    TableDef def() { return PlanBuilder.tableOf(scan); }

    /** Whether the inner table has any index. */
    public boolean indexed() { return !def().indexes().isEmpty(); }
  }

  /**
   * A usable path: the index choice (values of join key k are {@code MARKER + k}) and which of the keys it
   * uses as index conditions.
   */
  public record Path(Inner inner, IndexPaths.Choice choice, boolean[] keyUsed) {
    /** The choice's conjuncts that are not index conditions and name no marker (the inner scan's Filter). */
    List<RexNode> filter() {
      // A column equal to a key value is not null: its IS NOT NULL (from the decorrelated NOT EXISTS) is implied.
      java.util.Set<Integer> equalColumns = new java.util.HashSet<>();
      TableDef def = inner.def();
      for (int i = 0; i < choice.equal().size(); i++) {
        int attnum = choice.index().keys().get(i).attnum();
        for (int c = 0; c < def.columns().size(); c++) if (def.columns().get(c).attnum() == attnum) equalColumns.add(c);
      }
      List<RexNode> out = new ArrayList<>();
      for (RexNode r : choice.rest()) {
        if (hasMarker(r)) continue;
        if (r.getKind() == org.apache.calcite.sql.SqlKind.IS_NOT_NULL
            && ((org.apache.calcite.rex.RexCall) r).getOperands().get(0) instanceof RexInputRef ref
            && equalColumns.contains(ref.getIndex())) {
          continue;
        }
        out.add(r);
      }
      return out;
    }
  }

  /**
   * The parameterized index path for join keys {@code inner column innerColumns[k] = an outer value of type
   * outerTypes[k]}, or null when no index of the inner table has a join key among its leading equalities.
   */
  public static Path find(Inner inner, int[] innerColumns, List<RelDataType> outerTypes, RexBuilder rexBuilder) {
    TableDef def = inner.def();
    if (def.indexes().isEmpty() || innerColumns.length == 0) return null;
    List<RexNode> conjuncts = new ArrayList<>();
    if (inner.restriction() != null) conjuncts.add(inner.restriction());
    for (int k = 0; k < innerColumns.length; k++) {
      conjuncts.add(rexBuilder.makeCall(SqlStdOperatorTable.EQUALS, rexBuilder.makeInputRef(inner.scan(),
          innerColumns[k]), rexBuilder.makeDynamicParam(outerTypes.get(k), MARKER + k)));
    }
    RexNode condition = RexUtil.composeConjunction(rexBuilder, conjuncts);
    IndexPaths.Choice c = IndexPaths.choose(def, condition, rexBuilder,
        ch -> ch.equal().stream().anyMatch(IndexNestLoop::isMarker));
    if (c == null) return null;
    boolean[] used = new boolean[innerColumns.length];
    for (RexNode v : c.equal()) if (isMarker(v)) used[((RexDynamicParam) v).getIndex() - MARKER] = true;
    return new Path(inner, c, used);
  }

  /**
   * One loop's estimate of the path's Index Scan among {@code loops}: the index conditions' selectivity is the
   * used join keys' (one outer value's share of the inner rows, {@code keySelectivity[k]}) times that of its
   * constant conditions; the rows per loop are the restricted inner rows ({@code innerRows}) times the used keys'
   * selectivities, at most one for a unique index with every key column equal.
   */
  public static Estimate perLoop(Path p, double[] keySelectivity, double innerRows, double loops,
      Cardinality cardinality, RexBuilder rexBuilder) {
    TableDef def = p.inner().def();
    TableSizes.Size size = p.inner().scan().getTable().unwrap(MiniDbTable.class).size();
    IndexPaths.Choice c = p.choice();
    double keys = 1;
    for (int k = 0; k < keySelectivity.length; k++) if (p.keyUsed()[k]) keys *= keySelectivity[k];
    List<RexNode> constant = new ArrayList<>();
    for (RexNode r : c.indexConditions()) if (!hasMarker(r)) constant.add(r);
    double constantSelectivity = constant.isEmpty() ? 1
        : cardinality.selectivity(p.inner().scan(), RexUtil.composeConjunction(rexBuilder, constant));
    boolean unique = c.uniqueMatch();
    double selectivity = unique ? 1.0 / Math.max(size.tuples(), 1) : keys * constantSelectivity;
    double rows = innerRows * keys;
    if (unique) rows = Math.min(rows, 1);
    int keyWidth = 0;
    for (var k : c.index().keys()) {
      for (ColumnDef col : def.columns()) if (col.attnum() == k.attnum()) keyWidth += Widths.of(col.type());
    }
    int filterOps = 0;
    for (RexNode r : p.filter()) filterOps += Operators.count(r);
    int width = Widths.of(def.columns().stream().map(ColumnDef::type).toList());
    return CostModel.indexScan(size.pages(), size.tuples(), selectivity, c.indexConditions().size(), filterOps,
        rows, width, keyWidth, PlanBuilder.correlation(p.inner().scan(), def, c.index()), c.scans(), loops);
  }

  static boolean isMarker(RexNode n) { return n instanceof RexDynamicParam d && d.getIndex() >= MARKER; }

  static boolean hasMarker(RexNode n) {
    boolean[] found = {false};
    n.accept(new RexShuttle() {
      @Override public RexNode visitDynamicParam(RexDynamicParam d) {
        if (d.getIndex() >= MARKER) found[0] = true;
        return d;
      }
    });
    return found[0];
  }

  /** {@code n} with marker k replaced by a reference to field {@code fieldOfKey[k]} (for rendering). */
  static RexNode markersToFields(RexNode n, int[] fieldOfKey) {
    return n.accept(new RexShuttle() {
      @Override public RexNode visitDynamicParam(RexDynamicParam d) {
        if (d.getIndex() < MARKER) return d;
        return new RexInputRef(fieldOfKey[d.getIndex() - MARKER], d.getType());
      }
    });
  }

  /** The inner columns a path's scan reads for its own conditions. */
  static ImmutableBitSet restrictionColumns(Path p) {
    return p.inner().restriction() == null ? ImmutableBitSet.of()
        : RelOptUtil.InputFinder.bits(p.inner().restriction());
  }
}
