package org.minidb.storage.catalog;

import org.minidb.storage.heap.HeapRelation;

/** What the catalog needs from the layers below: heaps of catalog tables and relation files. */
public interface RelationStore {
  /** The heap of a system catalog table. */
  HeapRelation systemHeap(SystemTable table);

  /** Creates the (empty) file of a new relation in the current database. */
  void createRelationFile(long relfilenode);

  /** Forgets the relation's buffers and removes its file. */
  void removeRelationFile(long relfilenode);
}
