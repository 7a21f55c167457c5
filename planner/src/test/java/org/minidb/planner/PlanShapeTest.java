package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;
import org.minidb.executor.plan.AggregateNode;
import org.minidb.executor.plan.DeleteNode;
import org.minidb.executor.plan.HashJoinNode;
import org.minidb.executor.plan.InsertNode;
import org.minidb.executor.plan.LimitNode;
import org.minidb.executor.plan.NestedLoopJoinNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.ProjectNode;
import org.minidb.executor.plan.SeqScanNode;
import org.minidb.executor.plan.SortNode;
import org.minidb.executor.plan.UpdateNode;
import org.minidb.executor.plan.ValuesNode;

/** The shape of the executor plans the planner produces: pushdown, join method, DML sources. */
class PlanShapeTest {
  private static final Planner PLANNER = new Planner();

  static PlannedStatement plan(String sql) {
    return (PlannedStatement) PLANNER.prepare(sql, TestCatalog.INSTANCE, List.of());
  }

  @Test
  void pointQueryPushesTheFilterIntoTheScan() {
    PlannedStatement p = plan("SELECT a, b FROM t WHERE a = $1");
    assertEquals(StatementKind.SELECT, p.kind());
    ProjectNode project = assertInstanceOf(ProjectNode.class, p.plan());
    SeqScanNode scan = assertInstanceOf(SeqScanNode.class, project.input());
    assertNotNull(scan.filter());
    assertEquals(false, scan.withTid());
    assertEquals(List.of("Seq Scan on t", "  Filter: (a = $1)"), p.explain());
  }

  @Test
  void selectStarNeedsNoProjection() {
    PlannedStatement p = plan("SELECT * FROM t WHERE b = 'x'");
    SeqScanNode scan = assertInstanceOf(SeqScanNode.class, p.plan());
    assertNotNull(scan.filter());
  }

  @Test
  void equiJoinIsAHashJoinWithSelectionsPushedBelowIt() {
    PlannedStatement p = plan("SELECT t.a, u.d FROM t, u WHERE t.a = u.a AND t.b = 'x' AND u.d > 5");
    ProjectNode project = assertInstanceOf(ProjectNode.class, p.plan());
    HashJoinNode join = assertInstanceOf(HashJoinNode.class, project.input());
    assertArrayEquals(new int[] {0}, join.leftKeys());
    assertArrayEquals(new int[] {0}, join.rightKeys());
    assertNull(join.residual());
    assertNotNull(assertInstanceOf(SeqScanNode.class, join.left()).filter());
    assertNotNull(assertInstanceOf(SeqScanNode.class, join.right()).filter());
    // PostgreSQL 15's plan for the same tables (never analyzed): the side with fewer rows estimated is hashed.
    assertEquals(List.of(
        "Hash Join",
        "  Hash Cond: (u.a = t.a)",
        "  ->  Seq Scan on u",
        "        Filter: (d > 5)",
        "  ->  Hash",
        "        ->  Seq Scan on t",
        "              Filter: (b = 'x'::text)"), p.explain());
  }

  @Test
  void joinKeyCommonToEveryArmOfAnOrIsPulledOutIntoAHashJoin() {
    // TPC-H q19's shape: the only join condition sits inside each arm of an OR (PostgreSQL pulls it out too)
    PlannedStatement p = plan("SELECT t.a FROM t, u WHERE (t.a = u.a AND t.b = 'x' AND u.d > 5)"
        + " OR (t.a = u.a AND t.b = 'y' AND u.d < 2)");
    HashJoinNode join = assertInstanceOf(HashJoinNode.class, assertInstanceOf(ProjectNode.class, p.plan()).input());
    assertArrayEquals(new int[] {0}, join.leftKeys());
    assertArrayEquals(new int[] {0}, join.rightKeys());
    assertNotNull(join.residual());
  }

  @Test
  void commaJoinOrderThatWouldCrossTwoTablesIsReorderedIntoHashJoins() {
    // written order: t x u has no condition; both join pgbench_accounts (TPC-H q2/q8/q9: part, supplier, ...)
    PlannedStatement p = plan("SELECT t.a FROM t, u, pgbench_accounts p WHERE t.a = p.aid AND p.bid = u.a");
    assertEquals(2, p.explain().stream().filter(l -> l.endsWith("Hash Join")).count(), p.explain()::toString);
    assertTrue(p.explain().stream().noneMatch(l -> l.contains("Nested Loop")), p.explain()::toString);
  }

  @Test
  void explicitJoinOfThreeTables() {
    PlannedStatement p = plan("SELECT t.a FROM t JOIN u ON t.a = u.a JOIN pgbench_accounts p ON p.aid = u.a "
        + "WHERE p.bid = $1");
    // Joined by cost: the filtered pgbench_accounts (one row estimated) first, the result hashed.
    HashJoinNode top = assertInstanceOf(HashJoinNode.class, assertInstanceOf(ProjectNode.class, p.plan()).input());
    HashJoinNode inner = assertInstanceOf(HashJoinNode.class, top.right());
    assertNotNull(assertInstanceOf(SeqScanNode.class, inner.right()).filter());
  }

  @Test
  void nonEquiJoinIsANestedLoop() {
    PlannedStatement p = plan("SELECT t.a FROM t JOIN u ON t.a < u.a");
    NestedLoopJoinNode join =
        assertInstanceOf(NestedLoopJoinNode.class, assertInstanceOf(ProjectNode.class, p.plan()).input());
    assertNotNull(join.condition());
    assertEquals("Nested Loop", p.explain().get(0));
  }

  @Test
  void joinKeysOfDifferentTypesAreCastBelowTheHashJoin() {
    PlannedStatement p = plan("SELECT t.a FROM t JOIN u ON t.a = u.d");
    HashJoinNode join = assertInstanceOf(HashJoinNode.class, assertInstanceOf(ProjectNode.class, p.plan()).input());
    assertEquals(join.left().outputTypes().get(join.leftKeys()[0]), join.right().outputTypes().get(join.rightKeys()[0]));
  }

  @Test
  void orderByWithLimitAndOffset() {
    PlannedStatement p = plan("SELECT a AS z FROM t ORDER BY z DESC LIMIT $1 OFFSET 2");
    LimitNode limit = assertInstanceOf(LimitNode.class, p.plan());
    assertNotNull(limit.limit());
    assertNotNull(limit.offset());
    SortNode sort = assertInstanceOf(SortNode.class, limit.input());
    assertTrue(sort.keys().get(0).descending());
    assertEquals(List.of(DataType.INT8), p.parameterTypes());
  }

  @Test
  void groupByWithAggregates() {
    PlannedStatement p = plan("SELECT b, count(*), sum(a), avg(a), count(DISTINCT a) FROM t GROUP BY b");
    AggregateNode agg = assertInstanceOf(AggregateNode.class, p.plan());
    assertEquals(1, agg.groupColumns().length);
    assertEquals(DataType.TEXT, agg.input().outputTypes().get(agg.groupColumns()[0]));
    assertEquals(List.of("count", "sum", "avg", "count"),
        agg.aggregates().stream().map(a -> a.function()).toList());
    assertEquals(-1, agg.aggregates().get(0).argument());
    assertEquals(DataType.INT8, agg.aggregates().get(1).resultType());
    assertEquals(DataType.NUMERIC, agg.aggregates().get(2).resultType());
    assertTrue(agg.aggregates().get(3).distinct());
  }

  @Test
  void selectWithoutFromIsOneValuesRow() {
    ValuesNode v = assertInstanceOf(ValuesNode.class, plan("SELECT 1, version()").plan());
    assertEquals(1, v.rows().size());
    assertEquals(List.of(DataType.INT4, DataType.TEXT), v.outputTypes());
  }

  @Test
  void insertValuesFillsDefaultsAndChecks() {
    PlannedStatement p = plan("INSERT INTO t VALUES (1, 'x')");
    assertEquals(StatementKind.INSERT, p.kind());
    InsertNode insert = assertInstanceOf(InsertNode.class, p.plan());
    assertEquals(TestCatalog.T.columns().stream().map(c -> c.type()).toList(), insert.source().outputTypes());
    assertEquals(1, insert.checks().size());
    assertTrue(p.columns().isEmpty());
  }

  @Test
  void insertOfSeveralRowsWithParameters() {
    PlannedStatement p = plan("INSERT INTO t (a, b) VALUES ($1, $2), (2, 'y')");
    InsertNode insert = assertInstanceOf(InsertNode.class, p.plan());
    PlanNode source = insert.source();
    ValuesNode values = assertInstanceOf(ValuesNode.class, source instanceof ProjectNode pr ? pr.input() : source);
    assertEquals(2, values.rows().size());
    assertEquals(List.of(DataType.INT4, DataType.TEXT), p.parameterTypes());
  }

  @Test
  void insertSelect() {
    InsertNode insert = assertInstanceOf(InsertNode.class, plan("INSERT INTO u SELECT a, a FROM t").plan());
    assertEquals(List.of(DataType.INT4, DataType.INT8), insert.source().outputTypes());
  }

  @Test
  void updateSourceIsTheNewRowAndTheTid() {
    PlannedStatement p = plan("UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2");
    assertEquals(StatementKind.UPDATE, p.kind());
    UpdateNode update = assertInstanceOf(UpdateNode.class, p.plan());
    List<DataType> types = update.source().outputTypes();
    assertEquals(TestCatalog.ACCOUNTS.columnCount() + 1, types.size());
    assertEquals(DataType.INT8, types.get(types.size() - 1));
    SeqScanNode scan = findScan(update.source());
    assertTrue(scan.withTid());
    assertNotNull(scan.filter());
    assertEquals(List.of(DataType.INT4, DataType.INT4), p.parameterTypes());
  }

  @Test
  void deleteSourceEndsWithTheTid() {
    PlannedStatement p = plan("DELETE FROM t WHERE b = 'z'");
    DeleteNode delete = assertInstanceOf(DeleteNode.class, p.plan());
    SeqScanNode scan = assertInstanceOf(SeqScanNode.class, delete.source());
    assertTrue(scan.withTid());
    assertEquals(List.of("Delete on t", "  ->  Seq Scan on t", "        Filter: (b = 'z'::text)"), p.explain());
  }

  @Test
  void deleteWithSubQueryCarriesTheTidThroughTheJoin() {
    PlannedStatement p = plan("DELETE FROM t WHERE a IN (SELECT a FROM u WHERE d > 1)");
    DeleteNode delete = assertInstanceOf(DeleteNode.class, p.plan());
    List<DataType> types = delete.source().outputTypes();
    assertEquals(DataType.INT8, types.get(types.size() - 1));
    assertTrue(findScan(delete.source()).withTid());
    assertTrue(p.explain().stream().anyMatch(l -> l.contains("Hash Join")), p.explain().toString());
  }

  @Test
  void updateWithExistsSubQuery() {
    PlannedStatement p = plan("UPDATE t SET b = 'y' WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a)");
    UpdateNode update = assertInstanceOf(UpdateNode.class, p.plan());
    List<DataType> types = update.source().outputTypes();
    assertEquals(TestCatalog.T.columnCount() + 1, types.size());
    assertEquals(DataType.INT8, types.get(types.size() - 1));
  }

  @Test
  void explainLooksLikePostgres() {
    assertEquals(List.of(
        "Hash Join",
        "  Hash Cond: (t1.a = t2.a)",
        "  ->  Seq Scan on t t1",
        "  ->  Hash",
        "        ->  Seq Scan on t t2",
        "              Filter: (b = 'q'::text)"),
        plan("SELECT * FROM t t1 JOIN t t2 ON t1.a = t2.a WHERE t2.b = 'q'").explain());
    assertEquals(List.of(
        "Limit",
        "  ->  Sort",
        "        Sort Key: (count(*)) DESC",
        "        ->  HashAggregate",
        "              Group Key: b",
        "              Filter: (count(*) > 1)",
        "              ->  Seq Scan on t"),
        plan("SELECT b, count(*) FROM t GROUP BY b HAVING count(*) > 1 ORDER BY 2 DESC LIMIT 3").explain());
    assertEquals("Insert on \"Mixed\"", plan("INSERT INTO \"Mixed\" (\"Id\") VALUES (1)").explain().get(0));
  }

  private static SeqScanNode findScan(PlanNode node) {
    if (node instanceof SeqScanNode s) return s;
    for (PlanNode in : node.inputs()) {
      SeqScanNode s = findScan(in);
      if (s != null) return s;
    }
    return null;
  }
}
