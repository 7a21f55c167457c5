package org.minidb.executor.exec;

import org.minidb.common.encoding.RowCodec;
import org.minidb.common.encoding.ToastPointer;
import org.minidb.common.types.PgType;
import org.minidb.executor.expr.Expr;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.heap.TupleVersion;

/**
 * What the scans of a table (Seq Scan, Index Scan) share: each visible version decoded into one reused row (the
 * wanted columns of it), followed by its tid when the consumer changes rows, kept if it passes the filter; and,
 * in an EvalPlanQual re-check, the one substituted version instead of the scan.
 */
final class ScanRows {
  private final TableDef table;
  private final boolean withTid;
  private final boolean[] wanted;
  private final Expr filter;
  private final ExecContext ctx;
  private final PgType[] columnTypes;
  private final Object[] row;
  /** Whether the table has a TOAST relation, so that its rows may hold pointers. */
  private final boolean toastable;
  private HeapScan scan;
  /** EvalPlanQual: the one version to return instead of scanning (then {@code scan} stays null). */
  private TupleVersion substitute;

  /**
   * @param wanted null to decode every column, else a flag per column (the others come out as null)
   * @param filter a predicate over the row, or null
   */
  ScanRows(TableDef table, boolean withTid, boolean[] wanted, Expr filter, ExecContext ctx) {
    this.table = table;
    this.withTid = withTid;
    this.wanted = wanted;
    this.filter = filter;
    this.ctx = ctx;
    this.columnTypes = table.columns().stream().map(c -> c.type().type()).toArray(PgType[]::new);
    this.row = new Object[columnTypes.length + (withTid ? 1 : 0)];
    this.toastable = table.toastRelid() != 0;
  }

  /**
   * True if this scan is the target of an EvalPlanQual re-check: it then returns only the substituted version,
   * and the caller neither locks nor scans.
   */
  boolean takeSubstitute() {
    EvalPlanQualRow epq = ctx.evalPlanQual();
    if (epq == null || !withTid || epq.relOid() != table.oid()) return false;
    substitute = epq.version();
    return true;
  }

  /** Rows come from {@code scan} (closed by {@link #close}). */
  void start(HeapScan scan) { this.scan = scan; }

  /** The next row that passes the filter, or null. */
  Object[] next() {
    int n = columnTypes.length;
    if (scan == null) return nextSubstitute(n);
    while (scan.next()) {
      ctx.checkForInterrupts();
      RowCodec.decodeInto(columnTypes, wanted, scan.tuple(), row, 0);
      detoast(n);
      if (withTid) row[n] = scan.tid();
      if (filter == null || Boolean.TRUE.equals(filter.eval(row, ctx))) return row;
    }
    return null;
  }

  private Object[] nextSubstitute(int n) {
    TupleVersion v = substitute;
    if (v == null) return null;
    substitute = null;
    RowCodec.decodeInto(columnTypes, wanted, v.data(), row, 0);
    detoast(n);
    row[n] = v.tid();
    return filter == null || Boolean.TRUE.equals(filter.eval(row, ctx)) ? row : null;
  }

  /**
   * Fetches the wanted values stored out of line (TOAST) before the filter and the consumers see the row: columns
   * nobody reads were not decoded, so their chunks are never read. Tables without a TOAST relation skip this.
   */
  private void detoast(int n) {
    if (!toastable) return;
    for (int i = 0; i < n; i++) {
      if (row[i] instanceof ToastPointer p) row[i] = ctx.storage().detoast(columnTypes[i], p);
    }
  }

  void close() {
    HeapScan s = scan;
    scan = null;
    if (s != null) s.close();
  }
}
