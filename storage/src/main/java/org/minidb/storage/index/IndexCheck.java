package org.minidb.storage.index;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.storage.btree.BTree;
import org.minidb.storage.btree.BTreeChecker;
import org.minidb.storage.btree.BTreeScan;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.heap.ItemPointer;
import org.minidb.storage.tx.Snapshot;

/**
 * amcheck's {@code bt_index_check(index, heapallindexed)} for MiniDB: the index's own structure
 * ({@link BTreeChecker}) and, with {@code heapAllIndexed}, that every heap tuple the snapshot sees has an entry
 * with its tid and exactly the key computed from it. PostgreSQL fingerprints the index into a Bloom filter;
 * MiniDB keeps the entries in a map (exact, and memory in the index's size, which is what tests check).
 *
 * <p>The caller holds a lock that keeps writers of the table out (SHARE), so the index and the heap are read in
 * one consistent state; the B-tree is still read page by page under shared latches.
 */
public final class IndexCheck {
  private IndexCheck() {}

  /** What was checked: the structure's figures and how many heap tuples were matched to entries. */
  public record Result(BTreeChecker.Result structure, long heapTuplesMatched) {}

  public static Result check(TableDef table, IndexDef index, BTree tree, HeapRelation heap, Snapshot snapshot,
      boolean heapAllIndexed, org.minidb.storage.toast.Detoaster detoaster) {
    return check(table, index, tree, heap, snapshot, heapAllIndexed, detoaster, IndexExpressions.NONE);
  }

  /**
   * With the index's expressions: a tuple a partial index's predicate rejects must have no entry, every other one
   * the entry computed from it (its expression keys evaluated again).
   */
  public static Result check(TableDef table, IndexDef index, BTree tree, HeapRelation heap, Snapshot snapshot,
      boolean heapAllIndexed, org.minidb.storage.toast.Detoaster detoaster, IndexExpressions.Compiler expressions) {
    BTreeChecker.Result structure = BTreeChecker.check(tree);
    if (!heapAllIndexed) return new Result(structure, 0);
    Map<Long, byte[]> keyOfTid = new HashMap<>();
    BTreeScan entries = tree.scan(null, true, null, true);
    while (entries.next()) {
      if (keyOfTid.put(entries.tid(), entries.key()) != null) {
        throw corrupted("index \"" + index.name() + "\" has two entries for heap tuple "
            + ItemPointer.toString(entries.tid()));
      }
    }
    IndexKeys keys = new IndexKeys(table, index, index.needsExpressions() ? expressions.compile(table, index) : null);
    List<DataType> types = table.columns().stream().map(ColumnDef::type).toList();
    long matched = 0;
    try (HeapScan scan = heap.scan(snapshot)) {
      while (scan.next()) {
        Object[] row = keys.detoastKey(RowCodec.decode(types, scan.tuple()), detoaster);
        byte[] found = keyOfTid.get(scan.tid());
        if (!keys.indexes(row)) {
          if (found != null) {
            throw corrupted("heap tuple " + ItemPointer.toString(scan.tid()) + " from table \"" + table.name()
                + "\" has an entry in partial index \"" + index.name() + "\" whose predicate it does not satisfy");
          }
          continue;
        }
        byte[] expected = keys.encode(row);
        if (found == null || !java.util.Arrays.equals(found, expected)) {
          throw corrupted("heap tuple " + ItemPointer.toString(scan.tid()) + " from table \"" + table.name()
              + "\" lacks matching index tuple within index \"" + index.name() + "\"");
        }
        matched++;
      }
    }
    return new Result(structure, matched);
  }

  private static DbException corrupted(String message) {
    return DbException.of(SqlState.INDEX_CORRUPTED, message);
  }
}
