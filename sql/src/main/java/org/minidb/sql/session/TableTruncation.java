package org.minidb.sql.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minidb.storage.StorageEngine;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.tx.LockMode;
import org.minidb.storage.tx.Transaction;

/**
 * TRUNCATE, transactionally: every named table is locked ACCESS EXCLUSIVE (so no one else reads or writes it
 * until the transaction ends), then every row version the transaction sees is deleted by it. A rollback brings
 * the rows back; VACUUM reclaims the space after the commit.
 *
 * <p>PostgreSQL gives the table a new, empty file instead (cheaper for big tables, and not MVCC-safe); that
 * needs a relfilenode swap in the catalog, which storage does not offer yet. As in PostgreSQL, rows that a
 * REPEATABLE READ snapshot taken earlier cannot see are out of reach; under READ COMMITTED the snapshot is
 * taken after the locks, so no committed row escapes.
 */
final class TableTruncation {
  private TableTruncation() {}

  static void truncate(StorageEngine storage, Transaction tx, List<TableDef> tables) {
    Map<Long, TableDef> distinct = new LinkedHashMap<>();
    for (TableDef table : tables) distinct.putIfAbsent(table.oid(), table);
    for (TableDef table : distinct.values()) tx.lockRelation(table.oid(), LockMode.ACCESS_EXCLUSIVE);
    for (TableDef table : distinct.values()) {
      HeapRelation heap = storage.heap(table);
      try (HeapScan scan = heap.scan(tx.snapshot())) {
        while (scan.next()) heap.delete(tx, scan.tid());
      }
    }
  }
}
