package org.minidb.executor.expr;

import static org.minidb.common.types.PgType.TEXT;

import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.executor.expr.FunctionRegistry.Volatility;
import org.minidb.storage.wal.Lsn;

/**
 * WAL position functions: {@code pg_current_wal_lsn()}, {@code pg_current_wal_flush_lsn()} and
 * {@code pg_walfile_name(lsn)}. MiniDB has no pg_lsn
 * type yet, so an LSN is text in PostgreSQL's form ({@code 0/16B3748}), which is also how pg_lsn prints.
 */
final class WalFunctions {
  private WalFunctions() {}

  static void register(FunctionRegistry r) {
    r.add("pg_current_wal_lsn", Volatility.VOLATILE, TEXT, a -> (row, ctx) -> Lsn.format(ctx.storage().currentWalLsn()));
    r.add("pg_current_wal_flush_lsn", Volatility.VOLATILE, TEXT,
        a -> (row, ctx) -> Lsn.format(ctx.storage().currentWalFlushLsn()));
    // As in PostgreSQL, a position at a segment boundary names the segment that ends there (XLByteToPrevSeg).
    r.add1("pg_walfile_name", TEXT, TEXT, v -> Lsn.fileName((parse((String) v) - 1) / Lsn.SEGMENT_SIZE));
  }

  /** Parses PostgreSQL's {@code X/X} form of an LSN (pg_lsn_in). */
  static long parse(String text) {
    String s = text.strip();
    int slash = s.indexOf('/');
    try {
      if (slash <= 0 || slash > 8 || s.length() - slash - 1 < 1 || s.length() - slash - 1 > 8) throw new NumberFormatException();
      return Long.parseLong(s.substring(0, slash), 16) << 32 | Long.parseLong(s.substring(slash + 1), 16);
    } catch (NumberFormatException e) {
      throw DbException.of(SqlState.INVALID_TEXT_REPRESENTATION,
          "invalid input syntax for type pg_lsn: \"" + text + "\"", e);
    }
  }
}
