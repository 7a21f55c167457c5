package org.minidb.storage.catalog;

import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.tx.Transaction;

/** What the catalog needs from the layers below: heaps of catalog tables and relation files. */
public interface RelationStore {
  /** The heap of a system catalog table. */
  HeapRelation systemHeap(SystemTable table);

  /** Creates the (empty) file of a new relation in the current database. */
  void createRelationFile(long relfilenode);

  /** Creates the file of a new, empty B-tree index. */
  void createIndexFile(long relfilenode, String name);

  /**
   * Creates the file of a new B-tree index and fills it from the table's rows visible to {@code tx} (CREATE INDEX);
   * 23505 for duplicates in a unique index.
   */
  void buildIndexFile(Transaction tx, TableDef table, IndexDef index);

  /** Forgets the relation's buffers and removes its file. */
  void removeRelationFile(long relfilenode);
}
