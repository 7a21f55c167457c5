package org.minidb.storage.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.storage.btree.BTree;
import org.minidb.storage.btree.BTreeScan;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.heap.PagedHeap;
import org.minidb.storage.heap.TupleChange;
import org.minidb.storage.heap.TupleVersion;
import org.minidb.storage.heap.VacuumStats;
import org.minidb.storage.toast.Detoaster;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.Transaction;

/**
 * A heap with its indexes kept up to date (PostgreSQL's ExecInsertIndexTuples): every new version, from INSERT or
 * UPDATE, gets an entry in each index, after the heap tuple is in place. A unique index checks the key first,
 * under the B-tree's latch ({@link BTree#insertUnique}): a live duplicate is 23505, a duplicate being inserted or
 * deleted by a running transaction makes this one wait for it and check again, a dead one is no conflict. A key
 * with a NULL never conflicts. DELETE adds nothing: entries of dead versions stay until VACUUM removes them (index
 * scans check visibility in the heap meanwhile).
 */
public final class IndexedHeap implements HeapRelation {
  /** A bound on waits for one key: each wait ends a transaction, so reaching it means a bug. */
  private static final int MAX_WAITS = 1_000_000;

  private final PagedHeap heap;
  private final List<DataType> types;
  private final List<IndexKeys> keys;
  private final List<BTree> trees;
  private final Detoaster detoaster;

  /** @param detoaster fetches key values stored out of line (a key above ~2.7 KB is refused with 54000 anyway) */
  public IndexedHeap(PagedHeap heap, TableDef table, List<BTree> trees, Detoaster detoaster) {
    this(heap, table, trees, detoaster, IndexExpressions.NONE);
  }

  /** @param expressions compiles the expressions and predicates of the table's indexes that have some */
  public IndexedHeap(PagedHeap heap, TableDef table, List<BTree> trees, Detoaster detoaster,
      IndexExpressions.Compiler expressions) {
    this.heap = heap;
    this.detoaster = detoaster;
    this.types = table.columns().stream().map(ColumnDef::type).toList();
    this.keys = table.indexes().stream().map(i -> new IndexKeys(table, i,
        i.needsExpressions() ? IndexExpressions.lazy(expressions, table, i) : null)).toList();
    this.trees = List.copyOf(trees);
  }

  /**
   * The tuples visible to {@code snapshot} whose key in the {@code i}-th index (of the table's list) is between
   * the bounds: key prefixes as {@link BTree#scan} takes them, null for unbounded.
   */
  public HeapScan indexScan(int i, byte[] lower, boolean lowerInclusive, byte[] upper, boolean upperInclusive,
      Snapshot snapshot) {
    return indexScan(i, lower, lowerInclusive, upper, upperInclusive, snapshot, false);
  }

  /** As {@link #indexScan}, in descending key order when {@code backward}. */
  public HeapScan indexScan(int i, byte[] lower, boolean lowerInclusive, byte[] upper, boolean upperInclusive,
      Snapshot snapshot, boolean backward) {
    return new IndexHeapScan(entries(i, lower, lowerInclusive, upper, upperInclusive, backward), heap, snapshot);
  }

  /** An index-only scan of the {@code i}-th index over the same range as {@link #indexScan}. */
  public IndexOnlyScan indexOnlyScan(int i, byte[] lower, boolean lowerInclusive, byte[] upper,
      boolean upperInclusive, Snapshot snapshot, boolean backward) {
    return new IndexOnlyScan(entries(i, lower, lowerInclusive, upper, upperInclusive, backward), heap,
        keys.get(i).codec(), snapshot);
  }

  private BTreeScan entries(int i, byte[] lower, boolean lowerInclusive, byte[] upper, boolean upperInclusive,
      boolean backward) {
    BTree tree = trees.get(i);
    return backward ? tree.scanBackward(lower, lowerInclusive, upper, upperInclusive)
        : tree.scan(lower, lowerInclusive, upper, upperInclusive);
  }

  @Override
  public long insert(Transaction tx, byte[] tuple) {
    long tid = heap.insert(tx, tuple);
    insertEntries(tx, tuple, tid);
    return tid;
  }

  /** COPY's batches: the heap's page-at-a-time insert, then the entries of each tuple in order. */
  @Override
  public long[] insertBatch(Transaction tx, List<byte[]> tuples) {
    long[] tids = heap.insertBatch(tx, tuples);
    for (int i = 0; i < tids.length; i++) insertEntries(tx, tuples.get(i), tids[i]);
    return tids;
  }

  @Override
  public TupleChange update(Transaction tx, long tid, byte[] newTuple) {
    TupleChange r = heap.update(tx, tid, newTuple, this::keysChanged);
    if (r.status() == TupleChange.Status.OK) insertEntries(tx, newTuple, r.tid());
    return r;
  }

  /**
   * Whether an update from {@code oldTuple} to {@code newTuple} changes a key: the columns of a unique index
   * without expressions or predicate (PostgreSQL's key columns for FOR KEY SHARE). Only asked when FOR KEY SHARE lockers hold the row.
   */
  private boolean keysChanged(byte[] oldTuple, byte[] newTuple) {
    Object[] before = RowCodec.decode(types, oldTuple);
    Object[] after = RowCodec.decode(types, newTuple);
    for (IndexKeys k : keys) {
      // As PostgreSQL's INDEX_ATTR_BITMAP_KEY: only unique indexes without expressions or a predicate count.
      if (k.index().unique() && !k.index().needsExpressions()
          && !java.util.Arrays.equals(k.encodeKey(before), k.encodeKey(after))) {
        return true;
      }
    }
    return false;
  }

  private void insertEntries(Transaction tx, byte[] tuple, long tid) {
    Object[] row = RowCodec.decode(types, tuple);
    for (int i = 0; i < keys.size(); i++) {
      IndexKeys k = keys.get(i);
      k.detoastKey(row, detoaster);
      if (!k.indexes(row)) continue; // a partial index holds only the rows its predicate accepts
      byte[] key = k.encode(row);
      if (!k.index().unique() || k.hasNull(row)) {
        trees.get(i).insert(key, tid);
        continue;
      }
      insertUnique(tx, trees.get(i), k, key, row, tid);
    }
  }

  private void insertUnique(Transaction tx, BTree tree, IndexKeys k, byte[] key, Object[] row, long tid) {
    for (int attempt = 0; attempt < MAX_WAITS; attempt++) {
      PagedHeap.HorizonCache horizon = heap.horizonCache();
      long verdict = tree.insertUnique(k.encodeKey(row), key, tid, other -> heap.uniqueVerdict(tx, other, horizon));
      if (verdict == BTree.NO_CONFLICT) return;
      if (verdict == BTree.CONFLICT) {
        throw DbException.of(SqlState.UNIQUE_VIOLATION,
            "duplicate key value violates unique constraint \"" + k.index().name() + "\"")
            .withDetail(k.describe(row) + " already exists.");
      }
      tx.waitForTransaction(verdict); // no latch is held here
    }
    throw DbException.internal("unique check of index \"" + k.index().name() + "\" never ended", null);
  }

  @Override
  public TupleChange delete(Transaction tx, long tid) { return heap.delete(tx, tid); }

  @Override
  public TupleChange lock(Transaction tx, long tid, boolean wait) { return heap.lock(tx, tid, wait); }

  @Override
  public TupleChange lock(Transaction tx, long tid, org.minidb.storage.tx.RowLockMode mode, boolean wait) {
    return heap.lock(tx, tid, mode, wait);
  }

  @Override
  public TupleVersion fetchLatest(long tid, long creator) { return heap.fetchLatest(tid, creator); }

  /** VACUUM: the heap is pruned, then every index loses its entries of the dead items, then those are freed. */
  @Override
  public VacuumStats vacuum(Transaction tx) {
    return heap.vacuum(tx, dead -> {
      for (BTree tree : trees) bulkDelete(tree, dead);
    });
  }

  /**
   * Deletes the entries pointing at dead tids (PostgreSQL's btbulkdelete, by a full scan of the index; the entries
   * are collected first, so the scan never runs over pages it is changing).
   */
  private static void bulkDelete(BTree tree, Set<Long> dead) {
    List<byte[]> keys = new ArrayList<>();
    List<Long> tids = new ArrayList<>();
    BTreeScan scan = tree.scanAllIncludingDead();
    while (scan.next()) {
      if (dead.contains(scan.tid())) {
        keys.add(scan.key());
        tids.add(scan.tid());
      }
    }
    for (int i = 0; i < keys.size(); i++) tree.delete(keys.get(i), tids.get(i));
  }

  @Override
  public HeapScan scan(Snapshot snapshot) { return heap.scan(snapshot); }

  @Override
  public long pageCount() { return heap.pageCount(); }
}
