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
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.AggregateNode;
import org.minidb.executor.plan.FilterNode;
import org.minidb.executor.plan.HashJoinNode;
import org.minidb.executor.plan.JoinType;
import org.minidb.executor.plan.LimitNode;
import org.minidb.executor.plan.NestedLoopJoinNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.ProjectNode;
import org.minidb.executor.plan.SeqScanNode;
import org.minidb.executor.plan.SortKey;
import org.minidb.executor.plan.SortNode;
import org.minidb.executor.plan.ValuesNode;
import org.minidb.planner.catalog.MiniDbTable;
import org.minidb.planner.catalog.TypeMapping;
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

  public PlanBuilder(ExprCompiler compiler, RexBuilder rexBuilder, int[] parameterIndexes,
      TableExpressions tableExpressions, RelNode root, TableAliases aliases) {
    this.compiler = compiler;
    this.rexBuilder = rexBuilder;
    this.parameterIndexes = parameterIndexes;
    this.tableExpressions = tableExpressions;
    this.qualify = countScans(root) > 1;
    this.aliases = aliases;
  }

  TableAliases aliases() { return aliases; }

  ExprCompiler compiler() { return compiler; }
  int[] parameterIndexes() { return parameterIndexes; }
  RexBuilder rexBuilder() { return rexBuilder; }
  TableExpressions tableExpressions() { return tableExpressions; }

  public record Result(PlanNode plan, List<String> explain) {}

  public Result build(RelNode rel) {
    Built b = rel instanceof TableModify m ? new ModifyBuilder(this).build(m) : build(rel, false);
    return new Result(b.node(), b.explain().render());
  }

  Built build(RelNode rel, boolean withTid) {
    if (rel instanceof TableScan scan) return scan(scan, null, withTid);
    if (rel instanceof Filter f) return filter(f, withTid);
    if (rel instanceof Project p) return project(p, withTid);
    if (rel instanceof Join j) return join(j, withTid);
    if (withTid) throw ExprCompiler.unsupported("UPDATE or DELETE over " + rel.getRelTypeName());
    if (rel instanceof Values v) return values(v);
    if (rel instanceof Union u) return union(u);
    if (rel instanceof Sort s) return sort(s);
    if (rel instanceof Aggregate a) return aggregate(a);
    throw ExprCompiler.unsupported(rel.getRelTypeName());
  }

  static TableDef tableOf(RelNode rel) {
    MiniDbTable t = rel.getTable().unwrap(MiniDbTable.class);
    if (t == null) throw ExprCompiler.unsupported("table " + rel.getTable().getQualifiedName());
    return t.def();
  }

  private RexRenderer renderer(List<String> names) { return new RexRenderer(rexBuilder, names, parameterIndexes); }

  private Built scan(TableScan scan, RexNode condition, boolean withTid) {
    TableDef def = tableOf(scan);
    String alias = aliases.next(def.name());
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
    List<String> details = condition == null ? List.of() : List.of("Filter: " + renderer(plain).render(condition));
    String title = "Seq Scan on " + Identifiers.quote(def.name())
        + (alias.equals(def.name()) ? "" : " " + Identifiers.quote(alias));
    return new Built(new SeqScanNode(def, filter, withTid), ExplainNode.of(title, details), names);
  }

  private Built filter(Filter f, boolean withTid) {
    if (f.getInput() instanceof TableScan scan) return scan(scan, f.getCondition(), withTid);
    Built in = build(f.getInput(), withTid);
    Expr predicate = compiler.compile(f.getCondition());
    List<String> details = new ArrayList<>(in.explain().details());
    details.add("Filter: " + renderer(in.names()).render(f.getCondition()));
    ExplainNode e = new ExplainNode(in.explain().title(), List.copyOf(details), in.explain().children());
    return new Built(new FilterNode(in.node(), predicate), e, in.names());
  }

  private Built project(Project p, boolean withTid) {
    List<RexNode> exprs = p.getProjects();
    List<String> names = new ArrayList<>(p.getRowType().getFieldNames());
    if (!withTid && p.getInput() instanceof Values v && v.getTuples().size() == 1 && !usesInput(exprs)) {
      List<DataType> types = exprs.stream().map(ExprCompiler::typeOf).toList();
      return new Built(new ValuesNode(List.of(compiler.compileAll(exprs)), types),
          ExplainNode.of("Result", List.of()), names);
    }
    Built in = build(p.getInput(), withTid);
    if (isIdentity(exprs, p.getInput().getRowType().getFieldCount())) {
      return new Built(in.node(), in.explain(), withTid ? append(names, "ctid") : names);
    }
    List<Expr> compiled = new ArrayList<>(compiler.compileAll(exprs));
    List<DataType> types = new ArrayList<>(exprs.stream().map(ExprCompiler::typeOf).toList());
    if (withTid) {
      compiled.add(Exprs.column(p.getInput().getRowType().getFieldCount()));
      types.add(DataType.INT8);
      names = append(names, "ctid");
    }
    // PostgreSQL shows no node for a projection; it is folded into the node below.
    return new Built(new ProjectNode(in.node(), List.copyOf(compiled), List.copyOf(types)), in.explain(), names);
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
    return new Built(new ValuesNode(rows, types), ExplainNode.of(title, List.of()), v.getRowType().getFieldNames());
  }

  /** The type of a column of literals: string literals are text (Calcite: CHAR(n)). */
  private static DataType literalType(org.apache.calcite.rel.type.RelDataType type) {
    DataType t = TypeMapping.fromRel(type);
    return t.type() == org.minidb.common.types.PgType.BPCHAR ? DataType.TEXT : t;
  }

  /** UNION ALL of single-row VALUES (how Calcite converts VALUES rows holding expressions or parameters). */
  private Built union(Union u) {
    if (!u.all) throw ExprCompiler.unsupported("UNION");
    List<List<Expr>> rows = new ArrayList<>();
    List<DataType> types = u.getRowType().getFieldList().stream().map(f -> literalType(f.getType())).toList();
    for (RelNode input : u.getInputs()) {
      Built b = build(input, false);
      if (!(b.node() instanceof ValuesNode vn)) throw ExprCompiler.unsupported("UNION ALL");
      for (List<Expr> row : vn.rows()) {
        List<Expr> converted = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
          DataType from = vn.outputTypes().get(i);
          converted.add(from.equals(types.get(i)) ? row.get(i) : Exprs.cast(row.get(i), from, types.get(i), false));
        }
        rows.add(converted);
      }
    }
    return new Built(new ValuesNode(rows, types), ExplainNode.of("Values Scan on \"*VALUES*\"", List.of()),
        u.getRowType().getFieldNames());
  }

  private Built sort(Sort s) {
    Built in = build(s.getInput(), false);
    PlanNode node = in.node();
    ExplainNode explain = in.explain();
    RelCollation collation = s.getCollation();
    if (!collation.getFieldCollations().isEmpty()) {
      List<SortKey> keys = new ArrayList<>();
      List<String> rendered = new ArrayList<>();
      for (RelFieldCollation fc : collation.getFieldCollations()) {
        int col = fc.getFieldIndex();
        boolean desc = fc.getDirection().isDescending();
        boolean nullsFirst = switch (fc.nullDirection) {
          case FIRST -> true;
          case LAST -> false;
          default -> desc;
        };
        keys.add(new SortKey(col, node.outputTypes().get(col), desc, nullsFirst));
        String key = in.names().get(col);
        rendered.add((key.contains("(") && !key.startsWith("(") ? "(" + key + ")" : key) + (desc ? " DESC" : "") + (nullsFirst != desc ? (nullsFirst ? " NULLS FIRST" : " NULLS LAST") : ""));
      }
      node = new SortNode(node, keys);
      explain = ExplainNode.of("Sort", List.of("Sort Key: " + String.join(", ", rendered)), explain);
    }
    if (s.fetch != null || s.offset != null) {
      Expr offset = s.offset == null ? null : compiler.compileAs(s.offset, DataType.INT8);
      Expr limit = s.fetch == null ? null : compiler.compileAs(s.fetch, DataType.INT8);
      node = new LimitNode(node, offset, limit);
      explain = ExplainNode.of("Limit", List.of(), explain);
    }
    return new Built(node, explain, in.names());
  }

  private Built aggregate(Aggregate a) {
    if (a.getGroupType() != Aggregate.Group.SIMPLE) throw ExprCompiler.unsupported("GROUPING SETS");
    Built in = build(a.getInput(), false);
    int[] groups = a.getGroupSet().toArray();
    // FILTER (WHERE f): the aggregate reads a column that is its argument where f is true and NULL elsewhere
    // (1 for count(*)), computed by a projection below; aggregates skip NULLs, so the result is the same.
    PlanNode input = in.node();
    int[] filteredArgument = new int[a.getAggCallList().size()];
    java.util.Arrays.fill(filteredArgument, -1);
    if (a.getAggCallList().stream().anyMatch(c -> c.filterArg >= 0)) {
      List<DataType> inTypes = input.outputTypes();
      List<Expr> exprs = new ArrayList<>();
      List<DataType> projected = new ArrayList<>(inTypes);
      for (int i = 0; i < inTypes.size(); i++) exprs.add(Exprs.column(i));
      for (int i = 0; i < a.getAggCallList().size(); i++) {
        org.apache.calcite.rel.core.AggregateCall c = a.getAggCallList().get(i);
        if (c.filterArg < 0) continue;
        boolean star = c.getArgList().isEmpty();
        Expr value = star ? Exprs.literal(1) : Exprs.column(c.getArgList().get(0));
        exprs.add(Exprs.caseWhen(List.of(Exprs.isTrue(Exprs.column(c.filterArg))), List.of(value), null));
        projected.add(star ? DataType.INT4 : inTypes.get(c.getArgList().get(0)));
        filteredArgument[i] = projected.size() - 1;
      }
      input = new ProjectNode(input, List.copyOf(exprs), List.copyOf(projected));
    }
    List<DataType> types = a.getRowType().getFieldList().stream().map(f -> TypeMapping.fromRel(f.getType())).toList();
    // LITERAL_AGG (Calcite's "this group exists" marker from sub-query removal) is the same constant in every
    // group: it is computed by a projection above the aggregate, not by the executor's aggregation.
    List<org.minidb.executor.plan.AggregateCall> calls = new ArrayList<>();
    List<Expr> outputs = new ArrayList<>();
    for (int g = 0; g < groups.length; g++) outputs.add(Exprs.column(g));
    List<DataType> aggregateTypes = new ArrayList<>(types.subList(0, groups.length));
    boolean literals = false;
    for (int i = 0; i < a.getAggCallList().size(); i++) {
      org.apache.calcite.rel.core.AggregateCall c = a.getAggCallList().get(i);
      if (c.getAggregation().getKind() == org.apache.calcite.sql.SqlKind.LITERAL_AGG) {
        outputs.add(compiler.compile(c.rexList.get(0)));
        literals = true;
      } else {
        outputs.add(Exprs.column(groups.length + calls.size()));
        calls.add(Aggregates.convert(c, input.outputTypes(), filteredArgument[i]));
        aggregateTypes.add(types.get(groups.length + i));
      }
    }
    List<String> names = new ArrayList<>();
    for (int g : groups) names.add(in.names().get(g));
    for (org.apache.calcite.rel.core.AggregateCall c : a.getAggCallList()) {
      String args = c.getArgList().isEmpty() ? "*"
          : c.getArgList().stream().map(in.names()::get).collect(java.util.stream.Collectors.joining(", "));
      names.add(c.getAggregation().getName().toLowerCase(java.util.Locale.ROOT) + "("
          + (c.isDistinct() ? "DISTINCT " : "") + args + ")");
    }
    ExplainNode explain = groups.length == 0
        ? ExplainNode.of("Aggregate", List.of(), in.explain())
        : ExplainNode.of("HashAggregate", List.of("Group Key: "
            + String.join(", ", names.subList(0, groups.length))), in.explain());
    PlanNode node = new AggregateNode(input, groups, calls, List.copyOf(aggregateTypes));
    if (literals) node = new ProjectNode(node, List.copyOf(outputs), types);
    return new Built(node, explain, names);
  }

  /**
   * A join under UPDATE/DELETE (a sub-query in WHERE): the target table is the left input, which carries the
   * tid; the joined row gets it moved to the end, after the right input's columns.
   */
  private Built join(Join j, boolean withTid) {
    if (!withTid) return join(j, false, j.getCondition());
    int leftWidth = j.getLeft().getRowType().getFieldCount();
    int rightWidth = j.getRight().getRowType().getFieldCount();
    // Inside the join the tid sits at leftWidth, so references to the right input move up by one.
    Built joined = join(j, true, RexUtil.shift(j.getCondition(), leftWidth, 1));
    List<Expr> exprs = new ArrayList<>();
    List<DataType> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<DataType> in = joined.node().outputTypes();
    for (int i = 0; i < leftWidth + rightWidth + 1; i++) {
      int from = i < leftWidth ? i : i < leftWidth + rightWidth ? i + 1 : leftWidth;
      exprs.add(Exprs.column(from));
      types.add(in.get(from));
      names.add(joined.names().get(from));
    }
    return new Built(new ProjectNode(joined.node(), exprs, types), joined.explain(), names);
  }

  /** @param condition the join condition over the joined row as the nodes below produce it */
  private Built join(Join j, boolean leftWithTid, RexNode condition) {
    JoinType type = switch (j.getJoinType()) {
      case INNER -> JoinType.INNER;
      case LEFT -> JoinType.LEFT;
      case RIGHT -> JoinType.RIGHT;
      case FULL -> JoinType.FULL;
      case SEMI -> JoinType.SEMI;
      case ANTI -> JoinType.ANTI;
      default -> throw ExprCompiler.unsupported(j.getJoinType() + " join");
    };
    Built left = build(j.getLeft(), leftWithTid);
    Built right = build(j.getRight(), false);
    List<String> names = new ArrayList<>(left.names());
    names.addAll(right.names());
    RexRenderer r = renderer(names);
    int leftWidth = left.node().outputTypes().size();
    EquiJoinKeys keys = EquiJoinKeys.of(rexBuilder, leftWidth, condition);
    if (!keys.isEmpty() && sameKeyTypes(keys, left.node(), right.node())) {
      RexNode remaining = keys.remaining();
      Expr residual = remaining.isAlwaysTrue() ? null : compiler.compile(remaining);
      List<String> conds = new ArrayList<>();
      for (int i = 0; i < keys.leftKeys().length; i++) {
        conds.add("(" + names.get(keys.leftKeys()[i]) + " = " + names.get(leftWidth + keys.rightKeys()[i]) + ")");
      }
      List<String> details = new ArrayList<>();
      details.add("Hash Cond: " + (conds.size() == 1 ? conds.get(0) : "(" + String.join(" AND ", conds) + ")"));
      if (residual != null) details.add("Join Filter: " + r.render(remaining));
      ExplainNode e = ExplainNode.of(joinTitle("Hash", type), details, left.explain(),
          ExplainNode.of("Hash", List.of(), right.explain()));
      return new Built(new HashJoinNode(left.node(), right.node(), type, keys.leftKeys(), keys.rightKeys(),
          residual), e, names);
    }
    Expr compiled = condition.isAlwaysTrue() ? null : compiler.compile(condition);
    List<String> details = compiled == null ? List.of() : List.of("Join Filter: " + r.render(condition));
    ExplainNode e = ExplainNode.of(type == JoinType.INNER ? "Nested Loop" : joinTitle("Nested Loop", type), details,
        left.explain(), right.explain());
    return new Built(new NestedLoopJoinNode(left.node(), right.node(), type, compiled), e, names);
  }

  private static String joinTitle(String method, JoinType type) {
    return switch (type) {
      case INNER -> method + " Join";
      case LEFT -> method + " Left Join";
      case RIGHT -> method + " Right Join";
      case FULL -> method + " Full Join";
      case SEMI -> method + " Semi Join";
      case ANTI -> method + " Anti Join";
    };
  }

  /** Hash keys must be of one type on both sides (an int4 and an int8 key would not hash alike). */
  private static boolean sameKeyTypes(EquiJoinKeys keys, PlanNode left, PlanNode right) {
    for (int i = 0; i < keys.leftKeys().length; i++) {
      DataType l = left.outputTypes().get(keys.leftKeys()[i]);
      DataType r = right.outputTypes().get(keys.rightKeys()[i]);
      if (l.type() != r.type()) return false;
    }
    return true;
  }

  private static int countScans(RelNode rel) {
    int n = rel instanceof TableScan ? 1 : 0;
    for (RelNode in : rel.getInputs()) n += countScans(in);
    return n;
  }
}
