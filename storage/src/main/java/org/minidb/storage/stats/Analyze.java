package org.minidb.storage.stats;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.storage.StorageEngine;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.ColumnStatistics;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.tx.LockMode;
import org.minidb.storage.tx.Transaction;

/**
 * ANALYZE of one table (PostgreSQL's do_analyze_rel): a random sample of 300 x statistics-target rows, each
 * column's statistics from it ({@link ScalarStatistics}), stored in pg_statistic with relpages and reltuples in
 * pg_class, in the caller's transaction. The table is locked SHARE UPDATE EXCLUSIVE (writers go on).
 */
public final class Analyze {
  private Analyze() {}

  /** What ANALYZE VERBOSE reports. */
  public record Result(int pages, long liveRows, long deadRows, int sampleRows) {}

  /** PostgreSQL's rows per unit of statistics target (std_typanalyze: 300 x target). */
  public static final int ROWS_PER_TARGET = 300;

  /**
   * @param columnNames the columns to analyze (already case-folded), or empty for all
   * @param target default_statistics_target
   * @throws DbException 42703 for a column the table does not have
   */
  public static Result analyze(StorageEngine engine, Transaction tx, TableDef table, List<String> columnNames,
      int target) {
    List<ColumnDef> columns = columns(table, columnNames);
    tx.lockRelation(table.oid(), LockMode.SHARE_UPDATE_EXCLUSIVE);
    HeapRelation heap = engine.heap(table);
    int pages = (int) heap.pageCount();
    RowSample sample = RowSample.of(heap, tx.snapshot(), ROWS_PER_TARGET * target);
    List<DataType> types = new ArrayList<>();
    for (ColumnDef c : table.columns()) types.add(c.type());
    List<Object[]> rows = new ArrayList<>(sample.tuples().size());
    for (byte[] tuple : sample.tuples()) rows.add(RowCodec.decode(types, tuple));
    List<ColumnStatistics> stats = new ArrayList<>();
    if (!rows.isEmpty()) {
      for (ColumnDef c : columns) {
        int index = table.columns().indexOf(c);
        List<Object> values = new ArrayList<>(rows.size());
        for (Object[] r : rows) values.add(r[index]);
        stats.add(ScalarStatistics.compute(c.attnum(), c.type().type(), values, sample.liveRows(), target));
      }
    }
    engine.catalog().storeStatistics(tx, table, pages, sample.liveRows(), stats);
    engine.statistics(table.oid()).analyzed();
    return new Result(pages, sample.liveRows(), engine.statistics(table.oid()).deadTuples(), rows.size());
  }

  private static List<ColumnDef> columns(TableDef table, List<String> names) {
    if (names.isEmpty()) return table.columns();
    List<ColumnDef> out = new ArrayList<>();
    for (String n : names) {
      ColumnDef c = table.column(n);
      if (c == null) {
        throw DbException.of(SqlState.UNDEFINED_COLUMN,
            "column \"" + n + "\" of relation \"" + table.name() + "\" does not exist");
      }
      if (!out.contains(c)) out.add(c);
    }
    out.sort((a, b) -> Integer.compare(a.attnum(), b.attnum()));
    return out;
  }

}
