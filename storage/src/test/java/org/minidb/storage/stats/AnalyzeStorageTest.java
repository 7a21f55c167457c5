package org.minidb.storage.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.error.DbException;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.catalog.ArrayText;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.ColumnStatistics;
import org.minidb.storage.catalog.RelationStatistics;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.engine.PagedStorageEngine;
import org.minidb.storage.tx.Transaction;

/** ANALYZE in storage: the estimators, pg_statistic's array text, and statistics as transactional catalog rows. */
class AnalyzeStorageTest {
  @TempDir Path dir;

  private StorageConfig config() { return new StorageConfig(dir.resolve("data"), 64 * 8192, null, false); }

  @Test
  void haasStokesAsAnalyzeC() {
    // n = 300 sampled values, d = 150 distinct of which f1 = 100 seen once, N = 30000 rows:
    // 300*150 / (300 - 100 + 100*300/30000) = 45000 / 201 = 223.88 -> 224.
    assertEquals(224.0, ScalarStatistics.haasStokes(100, 50, 300, 30_000));
    // Clamped to [d, N].
    assertEquals(150.0, ScalarStatistics.haasStokes(0, 150, 300, 30_000));
    // 300*300 / (1 + 299*300/500) = 498.9 -> 499.
    assertEquals(499.0, ScalarStatistics.haasStokes(299, 1, 300, 500));
  }

  @Test
  void aPartialSampleScalesNDistinctAndKeepsOnlySignificantMcvs() {
    // 1000 sampled rows of a 100000-row table: value 0 in half of them, the rest unique.
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < 1000; i++) values.add(i % 2 == 0 ? 0 : i);
    ColumnStatistics s = ScalarStatistics.compute(1, PgType.INT4, values, 100_000, 100);
    assertEquals(List.of(0), s.mcvValues());
    assertArrayEquals(new float[] {0.5f}, s.mcvFreqs());
    // Haas-Stokes: 1000*501 / (1000 - 500 + 500*1000/100000) = 992, under 10% of the rows: kept as a count.
    assertEquals(992f, s.nDistinct());
    assertEquals(101, s.histogram().size());
  }

  @Test
  void allNullColumn() {
    ColumnStatistics s = ScalarStatistics.compute(1, PgType.TEXT, Arrays.asList(null, null), 2, 100);
    assertEquals(1.0f, s.nullFrac());
    assertEquals(0, s.width());
    assertEquals(0f, s.nDistinct());
  }

  @Test
  void arrayTextAsPostgres() {
    List<String> items = Arrays.asList("a", "b c", "", "NULL", "x\"y", "{z}", null);
    String text = ArrayText.format(items);
    assertEquals("{a,\"b c\",\"\",\"NULL\",\"x\\\"y\",\"{z}\",NULL}", text);
    assertEquals(items, ArrayText.parse(text));
    assertEquals(List.of(), ArrayText.parse("{}"));
  }

  @Test
  void numericWidthCountsBase10000Digits() {
    assertEquals(0, DatumWidth.base10000Digits(BigDecimal.ZERO));
    assertEquals(1, DatumWidth.base10000Digits(new BigDecimal("3000.0")));
    assertEquals(2, DatumWidth.base10000Digits(new BigDecimal("1.5")));
    assertEquals(2, DatumWidth.base10000Digits(new BigDecimal("12345")));
    assertEquals(5, DatumWidth.of(PgType.NUMERIC, new BigDecimal("3")));
  }

  @Test
  void statisticsAreCatalogRowsThatRollBackMoveTheVersionAndSurviveRestart() {
    TableDef t;
    try (PagedStorageEngine e = PagedStorageEngine.open(config())) {
      Transaction tx = e.transactions().begin();
      t = e.catalog().createTable(tx, "public", "t", List.of(new ColumnDef("a", 0, DataType.INT4, false, null),
          new ColumnDef("b", 0, DataType.TEXT, false, null)), List.of());
      for (int i = 0; i < 100; i++) {
        e.heap(t).insert(tx, RowCodec.encode(List.of(DataType.INT4, DataType.TEXT), new Object[] {i, "b" + (i % 4)}));
      }
      e.transactions().commit(tx);

      Transaction aborted = e.transactions().begin();
      Analyze.analyze(e, aborted, t, List.of(), 100);
      assertEquals(100.0, e.catalog().statistics(aborted, t.oid()).reltuples());
      e.transactions().abort(aborted);
      Transaction reader = e.transactions().begin();
      assertFalse(e.catalog().statistics(reader, t.oid()).analyzed());
      e.transactions().commit(reader);

      long version = e.catalog().version();
      Transaction analyze = e.transactions().begin();
      Analyze.Result r = Analyze.analyze(e, analyze, t, List.of(), 100);
      e.transactions().commit(analyze);
      assertEquals(100, r.liveRows());
      assertNotEquals(version, e.catalog().version(), "a committed ANALYZE moves the catalog version");

      Transaction bad = e.transactions().begin();
      DbException missing = assertThrows(DbException.class, () -> Analyze.analyze(e, bad, t, List.of("c"), 100));
      assertEquals("42703", missing.sqlState());
      e.transactions().abort(bad);
    }
    try (PagedStorageEngine e = PagedStorageEngine.open(config())) {
      Transaction tx = e.transactions().begin();
      RelationStatistics s = e.catalog().statistics(tx, t.oid());
      assertEquals(100.0, s.reltuples());
      assertTrue(s.relpages() > 0);
      assertEquals(-1.0f, s.column(1).nDistinct());
      assertEquals(List.of("b0", "b1", "b2", "b3"), s.column(2).mcvValues());
      assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, s.column(2).mcvFreqs());
      assertEquals(1.0f, s.column(1).correlation());
      e.transactions().commit(tx);
    }
  }
}
