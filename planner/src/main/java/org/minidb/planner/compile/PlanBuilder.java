package org.minidb.planner.compile;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableModify;
import org.minidb.executor.plan.LockRowsNode;
import org.minidb.planner.parse.PgLockingClause;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.GenerateSeriesNode;
import org.minidb.executor.plan.UniqueNode;
import org.minidb.executor.plan.FilterNode;
import org.minidb.executor.plan.LimitNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.ProjectNode;
import org.minidb.executor.plan.IndexOnlyScanNode;
import org.minidb.executor.plan.IndexScanNode;
import org.minidb.executor.plan.SeqScanNode;
import org.minidb.executor.plan.SortKey;
import org.minidb.executor.plan.SortNode;
import org.minidb.executor.plan.ValuesNode;
import org.minidb.planner.catalog.MiniDbTable;
import org.minidb.planner.catalog.TypeMapping;
import org.minidb.planner.cost.Cardinality;
import org.minidb.planner.cost.CostModel;
import org.minidb.planner.cost.CostParameters;
import org.minidb.planner.cost.Operators;
import org.minidb.planner.cost.TableSizes;
import org.minidb.planner.cost.Widths;
import org.minidb.planner.explain.Estimate;
import org.minidb.planner.explain.ExplainNode;
import org.minidb.planner.explain.Identifiers;
import org.minidb.planner.explain.RexRenderer;
import org.minidb.planner.validate.TableAliases;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * Converts the rewritten logical tree into executor plan nodes, directly (one physical choice per logical
 * operator: scan = sequential scan with the filter above it folded in, equi-join = hash join). This is the
 * place a Volcano phase with MiniDB's own convention will take over once statistics and indexes exist.
 *
 * <p>{@code withTid}: the subtree must end each row with the tuple id of the scanned table's row (UPDATE and
 * DELETE sources); only scans, filters and projections can carry it.
 */
public final class PlanBuilder {
  private final ExprCompiler compiler;
  private final RexBuilder rexBuilder;
  private final int[] parameterIndexes;
  private final TableExpressions tableExpressions;
  private final boolean qualify;
  private final TableAliases aliases;
  /** The columns each Index Scan's condition reads (for the index-only choice above it). */
  private final java.util.IdentityHashMap<IndexScanNode, org.apache.calcite.util.ImmutableBitSet> conditionColumns =
      new java.util.IdentityHashMap<>();
  private final Cardinality cardinality;

  public PlanBuilder(ExprCompiler compiler, RexBuilder rexBuilder, int[] parameterIndexes,
      TableExpressions tableExpressions, RelNode root, TableAliases aliases) {
    this.compiler = compiler;
    this.rexBuilder = rexBuilder;
    this.parameterIndexes = parameterIndexes;
    this.tableExpressions = tableExpressions;
    this.qualify = countScans(root) > 1;
    this.aliases = aliases;
    this.cardinality = new Cardinality(root.getCluster().getMetadataQuery());
  }

  Cardinality cardinality() { return cardinality; }

  /** Executor parameter slots given out so far (each parameterized Nested Loop key takes one). */
  private int execParamSlots;

  /** A new executor parameter slot (PARAM_EXEC) for a Nested Loop to pass an outer value to its inner scan. */
  int nextExecParamSlot() { return execParamSlots++; }

  TableAliases aliases() { return aliases; }

  ExprCompiler compiler() { return compiler; }
  int[] parameterIndexes() { return parameterIndexes; }
  RexBuilder rexBuilder() { return rexBuilder; }
  TableExpressions tableExpressions() { return tableExpressions; }

  /** The executor plan and how EXPLAIN shows it (linked to the plan's nodes), with the planner's estimates. */
  public record Result(PlanNode plan, ExplainNode explain) {}

  public Result build(RelNode rel) {
    Built b = rel instanceof TableModify m ? new ModifyBuilder(this).build(m) : build(rel, false);
    if (distinctOnKeys > 0) throw ExprCompiler.unsupported("DISTINCT ON without a sort in the plan");
    return new Result(b.node(), b.explain());
  }

  /**
   * A SELECT with a locking clause: a LockRows node over the query of one table (under its LIMIT, as in
   * PostgreSQL, so that LIMIT counts locked rows: {@code ... LIMIT 1 FOR UPDATE SKIP LOCKED} takes one job).
   */
  public Result build(RelNode rel, PgLockingClause locking) {
    if (countScans(rel) != 1 || containsAny(rel, Aggregate.class, org.apache.calcite.rel.core.SetOp.class,
        Join.class, Values.class)) {
      throw org.minidb.common.error.DbException.of(org.minidb.common.error.SqlState.FEATURE_NOT_SUPPORTED,
          locking.sqlName() + " is supported on queries of one table without grouping, DISTINCT or set operations");
    }
    Built b;
    if (rel instanceof Sort s) {
      b = sort(s, locking);
    } else {
      b = lockRows(build(rel, true), rel, locking);
    }
    return new Result(b.node(), b.explain());
  }

  private Built lockRows(Built in, RelNode rel, PgLockingClause locking) {
    TableDef table = tableOf(findScan(rel));
    List<String> names = in.names().subList(0, in.names().size() - 1);
    Estimate e = estimate(in);
    Estimate locked = e == null ? null
        : new Estimate(e.startupCost(), e.totalCost() + CostParameters.current().cpuTupleCost() * e.rows(), e.rows(), e.width());
    return new Built(new LockRowsNode(in.node(), table, locking.waitPolicy(),
        org.minidb.storage.tx.RowLockMode.fromStrength(locking.strength())),
        ExplainNode.of("LockRows", List.of(), in.explain()).withEstimate(locked), names);
  }

  private static TableScan findScan(RelNode rel) {
    if (rel instanceof TableScan t) return t;
    for (RelNode in : rel.getInputs()) {
      TableScan t = findScan(in);
      if (t != null) return t;
    }
    return null;
  }

  @SafeVarargs
  private static boolean containsAny(RelNode rel, Class<? extends RelNode>... kinds) {
    for (Class<? extends RelNode> k : kinds) if (k.isInstance(rel)) return true;
    for (RelNode in : rel.getInputs()) if (containsAny(in, kinds)) return true;
    return false;
  }

  Built build(RelNode rel, boolean withTid) { return build(rel, withTid, null); }

  /**
   * @param want the order the consumer would like the rows in, or null (see {@link Want}); a subtree that cannot
   *     consider it ignores it
   */
  Built build(RelNode rel, boolean withTid, Want want) {
    if (rel instanceof TableScan scan) return scan(scan, scan, null, withTid, want);
    // A filtered scan whose consumer takes whole rows: an Index Only Scan when the index holds every column
    // (INCLUDE makes that common), as PostgreSQL's check_index_only does for all the columns a query reads.
    if (rel instanceof Filter f) {
      return withTid ? filter(f, true, want) : indexOnly(filter(f, false, want),
          org.apache.calcite.util.ImmutableBitSet.range(f.getRowType().getFieldCount()));
    }
    if (rel instanceof Project p) return project(p, withTid, want);
    if (rel instanceof Join j) return new JoinBuilder(this).build(j, withTid, want);
    if (withTid) throw ExprCompiler.unsupported("UPDATE or DELETE over " + rel.getRelTypeName());
    if (rel instanceof Values v) return values(v);
    if (rel instanceof org.minidb.planner.rel.ExpressionValues v) return new SetOpBuilder(this).rows(v);
    if (rel instanceof org.apache.calcite.rel.core.SetOp op) return new SetOpBuilder(this).build(op);
    if (rel instanceof Sort s) return sort(s);
    if (rel instanceof Aggregate a) return new AggregateBuilder(this).build(a, want);
    if (rel instanceof org.apache.calcite.rel.core.TableFunctionScan f) return tableFunction(f);
    if (rel instanceof org.apache.calcite.rel.core.Correlate) {
      throw ExprCompiler.unsupported("a correlated sub-query of this form");
    }
    throw ExprCompiler.unsupported(rel.getRelTypeName());
  }

  static TableDef tableOf(RelNode rel) {
    MiniDbTable t = rel.getTable().unwrap(MiniDbTable.class);
    if (t == null) throw ExprCompiler.unsupported("table " + rel.getTable().getQualifiedName());
    return t.def();
  }

  RexRenderer renderer(List<String> names) { return new RexRenderer(rexBuilder, names, parameterIndexes); }

  /** The estimate EXPLAIN shows for a built subtree (null when none was made). */
  static Estimate estimate(Built b) { return b.explain().estimate(); }

  /** A scan of a table with the filter above it ({@code rel}: the filter, or the scan when there is none). */
  private Built scan(RelNode rel, TableScan scan, RexNode condition, boolean withTid, Want want) {
    TableDef def = tableOf(scan);
    MiniDbTable table = scan.getTable().unwrap(MiniDbTable.class);
    TableSizes.Size size = table.size();
    double rows = cardinality.rows(rel);
    int width = Widths.of(def.columns().stream().map(ColumnDef::type).toList());
    Estimate seq = CostModel.seqScan(size.pages(), size.tuples(), Operators.count(condition), rows, width);
    String alias = aliasOf(def);
    // Like PostgreSQL: a scan's own filter names columns plainly, nodes above qualify them when the
    // statement has more than one table.
    List<String> names = new ArrayList<>();
    List<String> plain = new ArrayList<>();
    for (ColumnDef c : def.columns()) {
      plain.add(Identifiers.quote(c.name()));
      names.add(qualify ? Identifiers.quote(alias) + "." + Identifiers.quote(c.name()) : Identifiers.quote(c.name()));
    }
    if (withTid) {
      names.add("ctid");
      plain.add("ctid");
    }
    Expr filter = condition == null ? null : compiler.compile(condition);
    String on = " on " + Identifiers.quote(def.name()) + (alias.equals(def.name()) ? "" : " " + Identifiers.quote(alias));
    // The cheapest index path, and it only where it is cheaper than reading the whole table (cost_index vs
    // cost_seqscan).
    IndexPaths.Choice index = null;
    Estimate indexCost = null;
    for (IndexPaths.Choice c : IndexPaths.candidates(def, condition, rexBuilder, tableExpressions)) {
      Estimate cost = indexCost(scan, def, size, c, rows, width);
      if (indexCost == null || cost.totalCost() < indexCost.totalCost()) {
        index = c;
        indexCost = cost;
      }
    }
    boolean useIndex = index != null && indexCost.totalCost() < seq.totalCost();
    if (want != null) {
      // An index whose order is the one wanted, when reading it costs less than the cheapest plan and a Sort.
      Estimate cheapest = useIndex ? indexCost : seq;
      double best = want.costSorted(cheapest);
      IndexPaths.Ordered ordered = null;
      Estimate orderedCost = null;
      for (IndexPaths.Ordered o : IndexPaths.ordered(def, condition, rexBuilder, want.keys())) {
        Estimate cost = indexCost(scan, def, size, o.choice(), rows, width);
        if (want.cost(cost) < best) {
          best = want.cost(cost);
          ordered = o;
          orderedCost = cost;
        }
      }
      if (ordered != null) {
        return remember(indexScan(def, ordered.choice(), condition, filter, withTid, on, plain, names, orderedCost,
            ordered.backward()).ordered(ordered.order()), alias);
      }
    }
    if (useIndex) {
      return remember(indexScan(def, index, condition, filter, withTid, on, plain, names, indexCost, false), alias);
    }
    List<String> details = condition == null ? List.of() : List.of("Filter: " + renderer(plain).render(condition));
    java.util.BitSet filterColumns = condition == null ? null
        : org.apache.calcite.plan.RelOptUtil.InputFinder.bits(condition).toBitSet();
    return remember(new Built(new SeqScanNode(def, filter, withTid, filterColumns),
        ExplainNode.of("Seq Scan" + on, details).withEstimate(seq), names), alias);
  }

  /**
   * An index scan's cost: the index conditions' selectivity (a unique index with all its keys equal to values
   * matches one row, as btcostestimate knows), the other conjuncts checked on each heap row fetched.
   */
  private Estimate indexCost(TableScan scan, TableDef def, TableSizes.Size size, IndexPaths.Choice c, double rows,
      int width) {
    boolean unique = c.uniqueMatch();
    double selectivity = unique ? 1.0 / Math.max(size.tuples(), 1)
        : c.indexConditions().isEmpty() ? 1.0
        : cardinality.selectivity(scan, RexUtil.composeConjunction(rexBuilder, c.indexConditions()));
    int keyWidth = 0;
    for (var k : c.index().keys()) {
      for (ColumnDef col : def.columns()) if (col.attnum() == k.attnum()) keyWidth += Widths.of(col.type());
    }
    int filterOps = 0;
    for (RexNode r : c.rest()) filterOps += Operators.count(r);
    return CostModel.indexScan(size.pages(), size.tuples(), selectivity, c.indexConditions().size(), filterOps,
        unique ? Math.min(rows, 1) : rows, width, keyWidth, correlation(scan, def, c.index()), c.scans());
  }

  /**
   * The index order's correlation to the heap's (btcostestimate): the leading key column's from ANALYZE, × 0.75
   * when the index has more columns; 0 without statistics.
   */
  static double correlation(TableScan scan, TableDef def, org.minidb.storage.catalog.IndexDef index) {
    org.minidb.planner.catalog.MiniDbTable table = scan.getTable().unwrap(org.minidb.planner.catalog.MiniDbTable.class);
    if (table == null) return 0;
    int attnum = index.keys().get(0).attnum();
    for (int i = 0; i < def.columns().size(); i++) {
      if (def.columns().get(i).attnum() != attnum) continue;
      var stats = table.statistics().column(i).stats();
      Float correlation = stats == null ? null : stats.correlation();
      if (correlation == null) return 0;
      return index.keys().size() > 1 ? correlation * 0.75 : correlation;
    }
    return 0;
  }

  /** An Index Scan: the range in key order (a DESC column's SQL bounds swap), the whole condition re-checked. */
  private Built indexScan(TableDef def, IndexPaths.Choice c, RexNode condition, Expr filter, boolean withTid,
      String on, List<String> plain, List<String> names, Estimate cost, boolean backward) {
    boolean descending = c.index().keys().get(c.equal().size() < c.index().keys().size() ? c.equal().size() : 0)
        .descending();
    RexNode lower = descending ? c.upper() : c.lower();
    RexNode upper = descending ? c.lower() : c.upper();
    boolean lowerInclusive = descending ? c.upperInclusive() : c.lowerInclusive();
    boolean upperInclusive = descending ? c.lowerInclusive() : c.upperInclusive();
    IndexScanNode node = new IndexScanNode(def, c.index(), IndexKeyConditions.keyValues(c.equal(), compiler, rexBuilder),
        lower == null ? null : compiler.compile(lower), lowerInclusive,
        upper == null ? null : compiler.compile(upper), upperInclusive, filter, withTid, backward);
    RexRenderer r = renderer(plain);
    List<String> details = new ArrayList<>();
    if (!c.indexConditions().isEmpty()) {
      details.add("Index Cond: " + r.render(RexUtil.composeConjunction(rexBuilder, c.indexConditions())));
    }
    if (!c.rest().isEmpty()) details.add("Filter: " + r.render(RexUtil.composeConjunction(rexBuilder, c.rest())));
    String title = "Index Scan " + (backward ? "Backward " : "") + "using " + Identifiers.quote(c.index().name()) + on;
    if (condition != null) conditionColumns.put(node, org.apache.calcite.plan.RelOptUtil.InputFinder.bits(condition));
    List<OrderKey> order = IndexPaths.order(def, c.index());
    if (backward) order = order.stream().map(OrderKey::reversed).toList();
    return new Built(node, ExplainNode.of(title, details).withEstimate(cost), names, order);
  }

  /**
   * The alias each built scan node was given, and the one the next scan takes instead of the next reference's
   * (a scan built again, see {@link #rebuild}).
   */
  private final java.util.IdentityHashMap<PlanNode, String> scanAliases = new java.util.IdentityHashMap<>();
  private String replayAlias;

  private String aliasOf(TableDef def) {
    String replay = replayAlias;
    replayAlias = null;
    return replay != null ? replay : aliases.next(def.name());
  }

  private Built remember(Built scan, String alias) {
    scanAliases.put(scan.node(), alias);
    return scan;
  }

  /**
   * A {@link #scanLike} subtree built a second time, for another wanted order, as the same table reference as its
   * first build {@code built} (the same alias: the Hep planner may share one scan rel between references).
   */
  Built rebuild(RelNode rel, Built built, Want want) {
    PlanNode leaf = built.node();
    while (leaf instanceof ProjectNode || leaf instanceof FilterNode || leaf instanceof IndexOnlyScanNode) {
      leaf = leaf instanceof IndexOnlyScanNode o ? o.scan() : leaf.inputs().get(0);
    }
    replayAlias = scanAliases.get(leaf);
    try {
      return build(rel, false, want);
    } finally {
      replayAlias = null;
    }
  }

  /**
   * Whether {@code rel} is a scan of one table under filters and projections only: cheap to build twice, once
   * in any order and once in a wanted one, so that a consumer can compare the two.
   */
  static boolean scanLike(RelNode rel) {
    while (rel instanceof Filter || rel instanceof Project) rel = rel.getInput(0);
    return rel instanceof TableScan;
  }

  /**
   * An Index Scan whose consumer reads {@code read} becomes an Index Only Scan when those columns and the scan's
   * condition are all key columns of the index, each of a type whose key keeps the whole value (KeyDecoder).
   * PostgreSQL also weighs the visibility map's coverage; by rule, MiniDB always prefers it (a page not
   * all-visible costs the same heap visit as the Index Scan).
   */
  Built indexOnly(Built in, org.apache.calcite.util.ImmutableBitSet read) {
    if (!(in.node() instanceof IndexScanNode s)) return in;
    if (!org.minidb.planner.cost.CostParameters.current().enabled(
        org.minidb.planner.cost.CostParameters.Method.INDEXONLYSCAN)) {
      return in; // enable_indexonlyscan = off: the Index Scan stays
    }
    if (!CostParameters.current().enabled(CostParameters.Method.INDEXONLYSCAN)) return in;
    java.util.BitSet keys = new java.util.BitSet();
    for (int c : new org.minidb.storage.index.IndexKeys(s.table(), s.index()).columns()) {
      if (c < 0) return in; // an expression key: its value is in the entry, but no column of the row holds it
      if (!org.minidb.common.encoding.KeyDecoder.decodable(s.table().columns().get(c).type().type())) return in;
      keys.set(c);
    }
    org.apache.calcite.util.ImmutableBitSet needed = read.union(
        conditionColumns.getOrDefault(s, org.apache.calcite.util.ImmutableBitSet.of()));
    for (int c : needed) if (!keys.get(c)) return in;
    ExplainNode e = in.explain();
    String title = e.title().replaceFirst("^Index Scan ", "Index Only Scan ");
    return new Built(new IndexOnlyScanNode(s), new ExplainNode(title, e.details(), e.children(), e.estimate(), null),
        in.names(), in.order());
  }

  private Built filter(Filter f, boolean withTid, Want want) {
    if (f.getInput() instanceof TableScan scan) return scan(f, scan, f.getCondition(), withTid, want);
    Built in = build(f.getInput(), withTid, want);
    Expr predicate = compiler.compile(f.getCondition());
    List<String> details = new ArrayList<>(in.explain().details());
    details.add("Filter: " + renderer(in.names()).render(f.getCondition()));
    Estimate below = estimate(in);
    ExplainNode e = new ExplainNode(in.explain().title(), List.copyOf(details), in.explain().children(),
        below == null ? null : CostModel.filter(below, Operators.count(f.getCondition()), cardinality.rows(f)));
    return new Built(new FilterNode(in.node(), predicate), e, in.names(), in.order());
  }

  private Built project(Project p, boolean withTid, Want want) {
    List<RexNode> exprs = p.getProjects();
    List<String> names = new ArrayList<>(p.getRowType().getFieldNames());
    if (!withTid && p.getInput() instanceof Values v && v.getTuples().size() == 1 && !usesInput(exprs)) {
      List<DataType> types = exprs.stream().map(ExprCompiler::typeOf).toList();
      return new Built(new ValuesNode(List.of(compiler.compileAll(exprs)), types),
          ExplainNode.of("Result", List.of()).withEstimate(CostModel.values(1, Widths.of(types))), names);
    }
    // The wanted order over the input's columns, when every key is a column passed through.
    Want inputWant = null;
    if (want != null) {
      List<OrderKey> mapped = OrderKey.map(want.keys(), c -> passedThrough(exprs.get(c)));
      if (mapped.size() == want.keys().size()) inputWant = new Want(mapped, want.limit());
    }
    Built in = build(p.getInput(), withTid, inputWant);
    if (!withTid) in = indexOnly(in, org.apache.calcite.plan.RelOptUtil.InputFinder.bits(exprs, null));
    int[] position = new int[p.getInput().getRowType().getFieldCount() + 1];
    java.util.Arrays.fill(position, -1);
    for (int i = exprs.size() - 1; i >= 0; i--) {
      // As PostgreSQL, a column passed through keeps the name it has below (t.a), not its alias here.
      int from = passedThrough(exprs.get(i));
      if (from >= 0 && from < in.names().size()) names.set(i, in.names().get(from));
      if (from >= 0 && from < position.length) position[from] = i;
    }
    List<OrderKey> order = OrderKey.map(in.order(), c -> c < position.length ? position[c] : -1);
    if (isIdentity(exprs, p.getInput().getRowType().getFieldCount())) {
      return new Built(in.node(), in.explain(), withTid ? append(names, "ctid") : names, in.order());
    }
    Estimate below = estimate(in);
    ExplainNode shown = below == null ? in.explain() : in.explain().withEstimate(
        CostModel.project(below, Operators.count(exprs), Widths.of(exprs.stream().map(ExprCompiler::typeOf).toList())));
    List<Expr> compiled = new ArrayList<>(compiler.compileAll(exprs));
    List<DataType> types = new ArrayList<>(exprs.stream().map(ExprCompiler::typeOf).toList());
    if (withTid) {
      compiled.add(Exprs.column(p.getInput().getRowType().getFieldCount()));
      types.add(DataType.INT8);
      names = append(names, "ctid");
    }
    // PostgreSQL shows no node for a projection; it is folded into the node below.
    return new Built(new ProjectNode(in.node(), List.copyOf(compiled), List.copyOf(types)), shown, names, order);
  }

  /** The input column an expression passes on unchanged (also through a cast that only adds nullability). */
  private int passedThrough(RexNode e) {
    if (e instanceof RexInputRef ref) return ref.getIndex();
    if (e.getKind() == org.apache.calcite.sql.SqlKind.CAST && e instanceof org.apache.calcite.rex.RexCall c
        && c.getOperands().get(0) instanceof RexInputRef ref
        && c.getType().equals(rexBuilder.getTypeFactory().createTypeWithNullability(ref.getType(), true))) {
      return ref.getIndex();
    }
    return -1;
  }

  private static List<String> append(List<String> names, String name) {
    List<String> out = new ArrayList<>(names);
    out.add(name);
    return out;
  }

  private static boolean isIdentity(List<RexNode> exprs, int inputWidth) {
    if (exprs.size() != inputWidth) return false;
    for (int i = 0; i < exprs.size(); i++) {
      if (!(exprs.get(i) instanceof RexInputRef r) || r.getIndex() != i) return false;
    }
    return true;
  }

  private static boolean usesInput(List<RexNode> exprs) {
    for (RexNode e : exprs) {
      if (!org.apache.calcite.plan.RelOptUtil.InputFinder.bits(e).isEmpty()) return true;
    }
    return false;
  }

  private Built values(Values v) {
    List<List<Expr>> rows = new ArrayList<>();
    for (List<RexLiteral> tuple : v.getTuples()) rows.add(compiler.compileAll(tuple));
    List<DataType> types = v.getRowType().getFieldList().stream().map(f -> literalType(f.getType())).toList();
    String title = rows.size() == 1 ? "Result" : "Values Scan on \"*VALUES*\"";
    return new Built(new ValuesNode(rows, types),
        ExplainNode.of(title, List.of()).withEstimate(CostModel.values(rows.size(), Widths.of(types))),
        v.getRowType().getFieldNames());
  }

  /** A table function in FROM: generate_series, streamed by its own operator. */
  private Built tableFunction(org.apache.calcite.rel.core.TableFunctionScan f) {
    if (!f.getInputs().isEmpty() || !(f.getCall() instanceof org.apache.calcite.rex.RexCall call)
        || call.getOperator() != org.minidb.planner.validate.GenerateSeries.INSTANCE) {
      throw ExprCompiler.unsupported("table function " + f.getCall());
    }
    List<DataType> argTypes = new ArrayList<>();
    for (RexNode o : call.getOperands()) {
      argTypes.add(o instanceof RexLiteral l && (l.isNull() || org.apache.calcite.sql.type.SqlTypeUtil.isCharacter(l.getType()))
          ? null : ExprCompiler.typeOf(o));
    }
    DataType type = org.minidb.planner.validate.GenerateSeries.elementType(argTypes);
    List<RexNode> ops = call.getOperands();
    Expr start = compiler.compileAs(ops.get(0), type);
    Expr stop = compiler.compileAs(ops.get(1), type);
    Expr step = ops.size() < 3 ? null
        : compiler.compileAs(ops.get(2), type.type().isDateTime() ? DataType.INTERVAL : type);
    String alias = f.getRowType().getFieldNames().get(0);
    // PostgreSQL's default for a set-returning function: 1000 rows, read after the function has produced them.
    Estimate e = new Estimate(0, 10, 1000, Widths.of(type));
    return new Built(new GenerateSeriesNode(start, stop, step, type),
        ExplainNode.of("Function Scan on generate_series", List.of()).withEstimate(e),
        List.of(Identifiers.quote(alias)));
  }

  /** The type of a column of literals: string literals are text (Calcite: CHAR(n)). */
  static DataType literalType(org.apache.calcite.rel.type.RelDataType type) {
    DataType t = TypeMapping.fromRel(type);
    return t.type() == org.minidb.common.types.PgType.BPCHAR ? DataType.TEXT : t;
  }

  /** DISTINCT ON with this many keys applies to the topmost sort still to be built (0: none). */
  private int distinctOnKeys;

  /** The statement's outer SELECT has DISTINCT ON with {@code keys} expressions (see DistinctOn). */
  public PlanBuilder distinctOn(int keys) {
    this.distinctOnKeys = keys;
    return this;
  }

  private Built sort(Sort s) { return sort(s, null); }

  /**
   * ORDER BY and LIMIT/OFFSET; with a locking clause, the rows are locked between the sort and the limit. The
   * input is asked for the ORDER BY's order (and the rows a LIMIT reads); the Sort is left out when the input
   * already comes out in it (an index's order, a merge join's, a sorted aggregate's).
   */
  private Built sort(Sort s, PgLockingClause locking) {
    int unique = distinctOnKeys; // claimed before the input is built: the outermost sort takes it
    distinctOnKeys = 0;
    RelCollation collation = s.getCollation();
    List<OrderKey> wanted = OrderKey.of(collation);
    Built in = build(s.getInput(), locking != null, wanted.isEmpty() ? null : new Want(wanted, bound(s)));
    PlanNode node = in.node();
    ExplainNode explain = in.explain();
    if (unique > collation.getFieldCollations().size()) {
      throw ExprCompiler.unsupported("DISTINCT ON with these ORDER BY expressions");
    }
    if (!wanted.isEmpty()) {
      if (!OrderKey.satisfies(in.order(), wanted)) {
        Built sorted = sorted(in, wanted, bound(s));
        node = sorted.node();
        explain = sorted.explain();
      }
      if (unique > 0) {
        int[] uniqueKeys = new int[unique];
        for (int i = 0; i < unique; i++) uniqueKeys[i] = wanted.get(i).column();
        node = new UniqueNode(node, uniqueKeys);
        Estimate sorted = explain.estimate();
        explain = ExplainNode.of("Unique", List.of(), explain).withEstimate(sorted == null ? null
            : CostModel.unique(sorted, unique, cardinality.groups(s.getInput(),
                org.apache.calcite.util.ImmutableBitSet.of(uniqueKeys)))).withPlan(node);
      }
    }
    if (locking != null) {
      Built locked = lockRows(new Built(node, explain, in.names()), s, locking);
      node = locked.node();
      explain = locked.explain();
    }
    if (s.fetch != null || s.offset != null) {
      Expr offset = s.offset == null ? null : compiler.compileAs(s.offset, DataType.INT8);
      Expr limit = s.fetch == null ? null : compiler.compileAs(s.fetch, DataType.INT8);
      node = new LimitNode(node, offset, limit);
      Estimate below = explain.estimate();
      explain = ExplainNode.of("Limit", List.of(), explain).withEstimate(below == null ? null
          : CostModel.limit(below, s.offset == null ? 0 : constant(s.offset, 0),
              s.fetch == null ? -1 : constant(s.fetch, below.rows() * 0.1)));
    }
    return new Built(node, explain, locking != null ? in.names().subList(0, in.names().size() - 1) : in.names(),
        wanted.isEmpty() ? in.order() : wanted);
  }

  /**
   * A Sort of a built subtree by {@code keys} (over its columns), {@code bound} &gt; 0 the rows a LIMIT above reads
   * (a top-N sort's estimate).
   */
  Built sorted(Built in, List<OrderKey> keys, double bound) {
    List<SortKey> sortKeys = new ArrayList<>();
    List<String> rendered = new ArrayList<>();
    for (OrderKey k : keys) {
      int col = k.column();
      sortKeys.add(new SortKey(col, in.node().outputTypes().get(col), k.descending(), k.nullsFirst()));
      String key = in.names().get(col);
      rendered.add((key.contains("(") && !key.startsWith("(") ? "(" + key + ")" : key) + (k.descending() ? " DESC" : "")
          + (k.nullsFirst() != k.descending() ? (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST") : ""));
    }
    PlanNode node = new SortNode(in.node(), sortKeys);
    Estimate below = in.explain().estimate();
    ExplainNode explain = ExplainNode.of("Sort", List.of("Sort Key: " + String.join(", ", rendered)), in.explain())
        .withEstimate(below == null ? null : CostModel.sort(below, bound)).withPlan(node);
    return new Built(node, explain, in.names(), keys);
  }

  /** A LIMIT or OFFSET's value when it is a constant, else {@code otherwise}. */
  private static double constant(RexNode n, double otherwise) {
    return n instanceof RexLiteral l && l.getValueAs(Long.class) != null ? l.getValueAs(Long.class) : otherwise;
  }

  /** The rows a sort under a constant LIMIT must keep (a bounded sort), or -1. */
  private static double bound(Sort s) {
    if (s.fetch == null) return -1;
    double fetch = constant(s.fetch, -1);
    return fetch < 0 ? -1 : fetch + (s.offset == null ? 0 : constant(s.offset, 0));
  }

  private static int countScans(RelNode rel) {
    int n = rel instanceof TableScan ? 1 : 0;
    for (RelNode in : rel.getInputs()) n += countScans(in);
    return n;
  }
}
