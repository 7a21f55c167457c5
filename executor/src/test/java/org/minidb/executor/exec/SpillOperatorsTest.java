package org.minidb.executor.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.error.DbException;
import org.minidb.common.types.DataType;
import org.minidb.executor.plan.AggregateCall;
import org.minidb.executor.plan.AggregateNode;
import org.minidb.executor.plan.HashJoinNode;
import org.minidb.executor.plan.JoinType;
import org.minidb.executor.plan.SetOpNode;
import org.minidb.executor.plan.SortKey;
import org.minidb.executor.plan.ValuesNode;
import org.minidb.executor.spill.TempFileSpace;

/**
 * Sort, hash aggregation, hash join and hash set operations with a tiny work_mem (64kB, PostgreSQL's minimum):
 * they spill to temporary files, return what the in-memory operators return, and leave no file behind, also
 * when their input fails half-way.
 */
class SpillOperatorsTest {
  private static final long WORK_MEM = 64 * 1024;
  private static final List<DataType> ROW = List.of(DataType.INT4, DataType.TEXT, DataType.NUMERIC);

  @TempDir Path dataDir;
  private TempFileSpace space;
  private ExecContext spilling;
  private final ExecContext inMemory =
      new ExecContext(null, null, null, new Object[0], ZoneOffset.UTC, Instant.EPOCH, WORK_MEM);

  @BeforeEach
  void setUp() {
    space = TempFileSpace.of(dataDir, 4242);
    spilling = new ExecContext(null, null, null, new Object[0], ZoneOffset.UTC, Instant.EPOCH, WORK_MEM, null, null,
        space);
  }

  @AfterEach
  void noFileLeft() throws IOException {
    assertEquals(0, space.openFiles());
    Path dir = TempFileSpace.directoryOf(dataDir);
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(List.of(), files.toList());
      }
    }
  }

  /** n rows (id, text with k, numeric k / 10), k in 0..distinct-1 scrambled, some NULLs. */
  private static List<Object[]> rows(int n, int distinct, long seed) {
    Random r = new Random(seed);
    List<Object[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(distinct);
      out.add(new Object[] {i, r.nextInt(50) == 0 ? null : "key-" + k,
          r.nextInt(40) == 0 ? null : BigDecimal.valueOf(k, 1)});
    }
    return out;
  }

  /** An operator over a list of rows that reuses one array (as scans do) and may fail after some rows. */
  private static final class ListOperator implements Operator {
    private final List<Object[]> rows;
    private final int failAfter;
    private final Object[] current;
    private int next;
    boolean closed;

    ListOperator(List<Object[]> rows, int failAfter) {
      this.rows = rows;
      this.failAfter = failAfter;
      this.current = new Object[rows.isEmpty() ? 0 : rows.get(0).length];
    }

    @Override public void open() { next = 0; }

    @Override
    public Object[] next() {
      if (next == failAfter) throw DbException.of("22012", "division by zero");
      if (next >= rows.size()) return null;
      System.arraycopy(rows.get(next++), 0, current, 0, current.length);
      return current;
    }

    @Override public void close() { closed = true; }
  }

  private static List<List<Object>> drain(Operator op) {
    List<List<Object>> out = new ArrayList<>();
    try (op) {
      op.open();
      Object[] row;
      for (int guard = 0; guard < 1_000_000 && (row = op.next()) != null; guard++) out.add(Arrays.asList(row.clone()));
    }
    return out;
  }

  private static List<List<Object>> sortedByString(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }

  @Test
  void externalSortReturnsTheInMemoryOrder() {
    List<Object[]> input = rows(20_000, 3_000, 1);
    for (boolean desc : new boolean[] {false, true}) {
      // text key then id: a total order, so both sorts must agree row for row
      List<SortKey> keys = List.of(new SortKey(1, DataType.TEXT, desc, !desc), new SortKey(0, DataType.INT4, false, false));
      List<List<Object>> expected = drain(new SortOperator(new ListOperator(input, -1), keys, inMemory));
      long before = space.created();
      List<List<Object>> got = drain(new SortOperator(new ListOperator(input, -1), keys, spilling));
      assertTrue(space.created() - before > 10, "the sort spilled runs and merged them in several passes");
      assertEquals(expected.size(), got.size());
      assertEquals(expected, got);
    }
  }

  @Test
  void externalSortThatFailsMidwayDeletesItsRuns() {
    ListOperator failing = new ListOperator(rows(20_000, 100, 2), 15_000);
    SortOperator sort = new SortOperator(failing, List.of(new SortKey(1, DataType.TEXT, false, false)), spilling);
    assertThrows(DbException.class, () -> drain(sort));
    assertTrue(space.created() > 0);
    assertTrue(failing.closed);
  }

  @Test
  void sortClosedBeforeTheEndDeletesItsRuns() {
    SortOperator sort = new SortOperator(new ListOperator(rows(20_000, 100, 3), -1),
        List.of(new SortKey(2, DataType.NUMERIC, false, false)), spilling);
    sort.open();
    for (int i = 0; i < 10; i++) sort.next();
    assertTrue(space.openFiles() > 0);
    sort.close();
  }

  private AggregateNode aggregateNode() {
    return new AggregateNode(new ValuesNode(List.of(), ROW), new int[] {1}, List.of(
        new AggregateCall("count", -1, false, null, DataType.INT8),
        new AggregateCall("sum", 0, false, DataType.INT4, DataType.INT8),
        new AggregateCall("max", 2, false, DataType.NUMERIC, DataType.NUMERIC),
        new AggregateCall("count", 2, true, DataType.NUMERIC, DataType.INT8)),
        List.of(DataType.TEXT, DataType.INT8, DataType.INT8, DataType.NUMERIC, DataType.INT8));
  }

  @Test
  void hashAggregateSpillsGroupsAndAggregatesThemLater() {
    List<Object[]> input = rows(30_000, 5_000, 4);
    List<List<Object>> expected = drain(new HashAggregateOperator(new ListOperator(input, -1), aggregateNode(), inMemory));
    List<List<Object>> got = drain(new HashAggregateOperator(new ListOperator(input, -1), aggregateNode(), spilling));
    assertTrue(space.created() > 0, "the aggregate spilled");
    assertEquals(expected.size(), got.size());
    assertEquals(sortedByString(expected), sortedByString(got));
  }

  @Test
  void hashAggregateThatFailsMidwayDeletesItsPartitions() {
    HashAggregateOperator agg = new HashAggregateOperator(new ListOperator(rows(30_000, 5_000, 5), 25_000),
        aggregateNode(), spilling);
    assertThrows(DbException.class, () -> drain(agg));
    assertTrue(space.created() > 0);
  }

  private static HashJoinNode joinNode(JoinType type) {
    ValuesNode side = new ValuesNode(List.of(), ROW);
    return new HashJoinNode(side, side, type, new int[] {1}, new int[] {1}, null);
  }

  private List<List<Object>> join(JoinType type, List<Object[]> l, List<Object[]> r, ExecContext ctx, int failAfter) {
    return drain(new HashJoinOperator(new ListOperator(l, failAfter), new ListOperator(r, -1), joinNode(type), ctx));
  }

  @Test
  void graceHashJoinMatchesTheInMemoryJoinForEveryJoinType() {
    List<Object[]> left = rows(8_000, 6_000, 6);
    List<Object[]> right = rows(8_000, 6_000, 7);
    for (JoinType type : new JoinType[] {JoinType.INNER, JoinType.LEFT, JoinType.SEMI, JoinType.ANTI}) {
      List<List<Object>> expected = join(type, left, right, inMemory, -1);
      long before = space.created();
      List<List<Object>> got = join(type, left, right, spilling, -1);
      assertTrue(space.created() - before > 0, type + " spilled");
      assertEquals(expected.size(), got.size(), type.name());
      assertEquals(sortedByString(expected), sortedByString(got), type.name());
    }
  }

  @Test
  void skewedBatchesAreSplitAgainOrJoinedInMemory() {
    // one key holds half the right rows: its batch cannot shrink by splitting and is joined in memory anyway
    List<Object[]> right = rows(6_000, 3_000, 8);
    for (int i = 0; i < 6_000; i++) right.add(new Object[] {-i, "hot", null});
    List<Object[]> left = rows(3_000, 3_000, 9);
    for (int i = 0; i < 3; i++) left.add(new Object[] {-i, "hot", null});
    for (JoinType type : new JoinType[] {JoinType.INNER, JoinType.LEFT}) {
      List<List<Object>> expected = join(type, left, right, inMemory, -1);
      assertEquals(3 * 6_000, expected.stream().filter(r -> "hot".equals(r.get(1))).count(), type.name());
      long before = space.created();
      assertEquals(sortedByString(expected), sortedByString(join(type, left, right, spilling, -1)), type.name());
      assertTrue(space.created() - before > 2 * HashJoinBatches.BATCHES, "the hot batch was split again");
    }
  }

  @Test
  void hashJoinThatFailsWhileProbingDeletesItsBatches() {
    assertThrows(DbException.class,
        () -> join(JoinType.INNER, rows(8_000, 6_000, 10), rows(8_000, 6_000, 11), spilling, 5_000));
    assertTrue(space.created() > 0);
  }

  @Test
  void hashSetOperationsSpillAndCountLikeInMemory() {
    // left: 2,500 distinct rows about 5 times each; right: 3,000 distinct rows 3 times each, 2,000 of them shared
    List<Object[]> left = new ArrayList<>();
    for (int i = 0; i < 12_000; i++) left.add(new Object[] {i % 2500, "v" + i % 5, i % 10 == 0 ? null : BigDecimal.ONE});
    List<Object[]> right = new ArrayList<>();
    for (int i = 0; i < 9_000; i++) {
      int v = i % 3000 + 500;
      right.add(new Object[] {v, "v" + v % 5, v % 10 == 0 ? null : BigDecimal.ONE});
    }
    for (SetOpNode.Kind kind : SetOpNode.Kind.values()) {
      for (boolean all : new boolean[] {false, true}) {
        SetOpNode node = new SetOpNode(new ValuesNode(List.of(), ROW), new ValuesNode(List.of(), ROW), kind, all, ROW);
        List<List<Object>> expected =
            drain(new HashSetOpOperator(new ListOperator(left, -1), new ListOperator(right, -1), node, inMemory));
        long before = space.created();
        List<List<Object>> got =
            drain(new HashSetOpOperator(new ListOperator(left, -1), new ListOperator(right, -1), node, spilling));
        assertTrue(space.created() - before > 0, kind + " spilled");
        assertTrue(expected.size() > 100, kind + " all=" + all + " has rows");
        assertEquals(sortedByString(expected), sortedByString(got), kind + " all=" + all);
      }
    }
  }

  @Test
  void sessionEndDeletesWhatAnOperatorLeftOpen() {
    SortOperator sort = new SortOperator(new ListOperator(rows(20_000, 100, 12), -1),
        List.of(new SortKey(1, DataType.TEXT, false, false)), spilling);
    sort.open();
    assertTrue(space.openFiles() > 0);
    space.close(); // the session ends without the operator being closed
    assertEquals(0, space.openFiles());
  }

  @Test
  void leftoversAreRemovedAtStart() throws IOException {
    Path dir = TempFileSpace.directoryOf(dataDir);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("pgsql_tmp123.0"), "x");
    Files.writeString(dir.resolve("pgsql_tmp123.1"), "y");
    assertEquals(2, TempFileSpace.removeLeftovers(dataDir));
  }
}
