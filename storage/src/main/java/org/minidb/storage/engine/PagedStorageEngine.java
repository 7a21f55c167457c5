package org.minidb.storage.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.minidb.common.types.DataType;
import java.util.concurrent.ConcurrentHashMap;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.StorageEngine;
import org.minidb.storage.btree.BTree;
import org.minidb.storage.btree.BTreeBuild;
import org.minidb.storage.buffer.BufferPool;
import org.minidb.storage.shmem.SharedMemory;
import org.minidb.storage.catalog.HeapCatalog;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.index.IndexBuild;
import org.minidb.storage.index.IndexCheck;
import org.minidb.storage.index.IndexOnlyScan;
import org.minidb.storage.index.IndexedHeap;
import org.minidb.storage.catalog.Oids;
import org.minidb.storage.catalog.RelationStore;
import org.minidb.storage.catalog.SystemCatalogs;
import org.minidb.storage.catalog.SystemTable;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.file.FileManager;
import org.minidb.storage.file.FileSync;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.heap.FreeSpaceMap;
import org.minidb.storage.heap.HeapStatistics;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.heap.PagedHeap;
import org.minidb.storage.toast.ToastRelation;
import org.minidb.storage.toast.ToastedHeap;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.encoding.ToastPointer;
import org.minidb.common.types.PgType;
import org.minidb.storage.tx.ControlFile;
import org.minidb.storage.tx.MvccTransactionManager;
import org.minidb.storage.tx.Transaction;
import org.minidb.storage.tx.TransactionIds;
import org.minidb.storage.wal.Lsn;
import org.minidb.storage.wal.ResourceManagers;
import org.minidb.storage.wal.Wal;
import org.minidb.storage.wal.WalWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage engine of one data directory: relation files, the shared region (buffer pool, transaction
 * state), heaps and the catalog. Layout of the data directory:
 *
 * <pre>
 * global/pg_control      control file (counters, clean-shutdown state)
 * global/&lt;oid&gt;          shared catalogs (pg_database, pg_authid)
 * base/5/&lt;relfilenode&gt;   relations of database postgres (catalogs and user tables)
 * pg_xact/XXXX           commit log segments
 * pg_wal/000000010000000000000001   WAL segments (16 MiB)
 * </pre>
 *
 * Shared region layout (reservation order): WAL (control words, insertion ring), buffer pool, transaction
 * state. Opening replays the WAL from the last checkpoint ({@link Recovery}); after a crash it ends with a
 * checkpoint; {@link #flush}, {@link #checkpoint} and {@link #close} are immediate checkpoints ({@link Checkpointer}); a
 * {@link BackgroundCheckpointer} runs spread ones on checkpoint_timeout and max_wal_size.
 */
public final class PagedStorageEngine implements StorageEngine, RelationStore {
  private static final Logger log = LoggerFactory.getLogger(PagedStorageEngine.class);
  /** MiniDB serves one database for now: its files live in {@code base/5}. */
  private static final int DATABASE_OID = (int) Oids.POSTGRES_DATABASE;

  private final StorageConfig config;
  private final FileManager files;
  private final SharedMemory shm;
  private final Wal wal;
  private final BufferPool pool;
  private final MvccTransactionManager tm;
  private final HeapCatalog catalog;
  private final Checkpointer checkpointer;
  private final BackgroundCheckpointer backgroundCheckpointer;
  private final WalWriter walWriter;
  private final ConcurrentHashMap<RelFileLocator, FreeSpaceMap> freeSpace = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, HeapStatistics> statistics = new ConcurrentHashMap<>();
  private final Autovacuum autovacuum;
  /** Evaluates index expressions and predicates; installed by the SQL layer (see IndexExpressions). */
  private volatile org.minidb.storage.index.IndexExpressions.Compiler indexExpressions =
      org.minidb.storage.index.IndexExpressions.NONE;
  private boolean closed;

  private PagedStorageEngine(StorageConfig config, FileManager files, SharedMemory shm, int nbuffers) {
    this.config = config;
    this.files = files;
    this.shm = shm;
    this.wal = new Wal(shm, config.dataDirectory(), config.fsync());
    this.pool = new BufferPool(shm, nbuffers, files, wal);
    this.tm = new MvccTransactionManager(shm, config.dataDirectory(), config.fsync(), wal);
    this.catalog = new HeapCatalog(this, tm);
    this.checkpointer = new Checkpointer(shm, wal, pool, tm, config.minWalSizeBytes(), config.maxWalSizeBytes());
    this.backgroundCheckpointer = new BackgroundCheckpointer(checkpointer, wal, config.checkpointTimeoutMillis(),
        config.maxWalSizeBytes());
    this.autovacuum = new Autovacuum(this, config.autovacuum());
    this.walWriter = new WalWriter(wal, config.walWriterDelayMillis(), config.walWriterFlushAfterBytes());
  }

  /** Opens the data directory, creating and bootstrapping it when it holds no control file yet. */
  public static PagedStorageEngine open(StorageConfig config) {
    Path dir = config.dataDirectory();
    if (config.sharedBuffersBytes() % 8192 != 0) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "shared_buffers must be a multiple of 8kB");
    }
    int nbuffers = (int) Math.min(Integer.MAX_VALUE, config.sharedBuffersBytes() / 8192);
    boolean fresh = !ControlFile.exists(dir);
    ControlFile control;
    if (fresh) {
      FileSync.createDirectories(dir.resolve("global"), config.fsync());
      FileSync.createDirectories(dir.resolve("base").resolve(String.valueOf(DATABASE_OID)), config.fsync());
      FileSync.createDirectories(dir.resolve("pg_xact"), config.fsync());
      FileSync.createDirectories(dir.resolve("pg_wal"), config.fsync());
      control = new ControlFile(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE,
          ControlFile.BOOTSTRAPPING, TransactionIds.FIRST_NORMAL, Oids.FIRST_NORMAL_OBJECT_ID, TransactionIds.FIRST_NORMAL);
      control.write(dir, config.fsync());
    } else {
      control = ControlFile.read(dir);
      if (control.state() == ControlFile.BOOTSTRAPPING) {
        throw DbException.of(SqlState.DATA_CORRUPTED, "data directory \"" + dir
            + "\" was not completely initialized; remove it and start again");
      }
    }
    long size = SharedMemory.sizeFor(java.util.stream.Stream.of(Wal.sharedSizes(),
        BufferPool.sharedSizes(Math.max(nbuffers, 4)), MvccTransactionManager.sharedSizes(),
        Checkpointer.sharedSizes())
        .flatMapToLong(java.util.Arrays::stream).toArray());
    SharedMemory shm = config.sharedMemoryFile() != null
        ? SharedMemory.createMapped(config.sharedMemoryFile(), size) : SharedMemory.allocate(size);
    FileManager files = new FileManager(dir, config.fsync());
    if (!config.fsync()) log.warn("fsync is off: committed data is not crash-safe (for tests only)");
    PagedStorageEngine engine = null;
    try {
      engine = new PagedStorageEngine(config, files, shm, nbuffers);
      new Recovery(engine.wal, engine.pool, files, engine.tm).run(control);
      engine.tm.startup(control);
      if (fresh) {
        engine.bootstrap();
      } else {
        engine.createMissingCatalogFiles();
      }
      if (!fresh && control.state() != ControlFile.SHUT_DOWN) {
        engine.checkpointer.checkpoint(false); // end of recovery: its work is on disk before anything new
      }
      engine.backgroundCheckpointer.start();
      engine.autovacuum.start();
      engine.walWriter.start();
    } catch (RuntimeException e) {
      if (engine != null) {
        engine.walWriter.close();
        engine.wal.close();
      }
      shm.close();
      files.close();
      throw e;
    }
    return engine;
  }

  private void bootstrap() {
    log.info("creating the catalog in data directory \"{}\"", config.dataDirectory());
    for (SystemTable t : SystemCatalogs.ALL) createFile(locatorOf(t.oid(), t.oid()));
    Transaction tx = tm.begin();
    try {
      catalog.bootstrap(tx);
      tm.commit(tx);
    } catch (RuntimeException e) {
      tm.abort(tx);
      throw e;
    }
    flush();
    tm.bootstrapDone();
  }

  /**
   * A data directory made before a system catalog existed (pg_rewrite and pg_depend came with views) gets
   * that catalog as an empty file, so that it opens; pg_class has no row for it there.
   */
  private void createMissingCatalogFiles() {
    for (SystemTable t : SystemCatalogs.ALL) {
      RelFileLocator loc = locatorOf(t.oid(), t.oid());
      if (!files.exists(loc)) {
        log.info("creating the empty system catalog {} missing from the data directory", t.name());
        createFile(loc);
      }
    }
  }

  private static RelFileLocator locatorOf(long relOid, long relfilenode) {
    return new RelFileLocator(SystemCatalogs.isShared(relOid) ? RelFileLocator.GLOBAL : DATABASE_OID, relfilenode);
  }

  @Override
  public HeapCatalog catalog() { return catalog; }

  @Override
  public MvccTransactionManager transactions() { return tm; }

  /** A table's heap: with its indexes kept up to date, and its large values in its TOAST relation. */
  @Override
  public HeapRelation heap(TableDef table) {
    List<DataType> types = table.columns().stream().map(c -> c.type()).toList();
    RelFileLocator loc = locatorOf(table.oid(), table.relfilenode());
    PagedHeap own = new PagedHeap(pool, files, tm, table.oid(), loc,
        freeSpace.computeIfAbsent(loc, l -> new FreeSpaceMap()), statistics(table.oid()), !table.indexes().isEmpty(),
        table.toastRelid() == 0 ? null : ToastedHeap.hasExternalValues(types), true); // HEAP_HASEXTERNAL, prune on read
    HeapRelation heap = table.indexes().isEmpty() ? own : indexedHeap(table, own);
    if (table.toastRelid() == 0) return heap;
    return new ToastedHeap(heap, own, toastRelation(table.toastRelid()), types);
  }

  private IndexedHeap indexedHeap(TableDef table, PagedHeap own) {
    List<BTree> trees = new ArrayList<>();
    for (IndexDef index : table.indexes()) trees.add(index(index.relfilenode(), index.name()));
    return new IndexedHeap(own, table, trees, this::detoast, indexExpressions);
  }

  /** The TOAST relation of this oid (its relfilenode is its oid: TOAST relations are never rewritten). */
  private ToastRelation toastRelation(long toastOid) {
    return new ToastRelation(toastOid, heap(toastOid, toastOid, false), tm::newOid);
  }

  @Override
  public Object detoast(PgType type, ToastPointer pointer) {
    return RowCodec.fromPayload(type, toastRelation(pointer.toastRelid()).fetch(pointer));
  }

  @Override
  public HeapScan indexScan(TableDef table, IndexDef index, byte[] lower, boolean lowerInclusive, byte[] upper,
      boolean upperInclusive, Snapshot snapshot) {
    return indexScan(table, index, lower, lowerInclusive, upper, upperInclusive, snapshot, false);
  }

  @Override
  public HeapScan indexScan(TableDef table, IndexDef index, byte[] lower, boolean lowerInclusive, byte[] upper,
      boolean upperInclusive, Snapshot snapshot, boolean backward) {
    return indexedHeap(table, heap(table.oid(), table.relfilenode(), true)).indexScan(indexNumber(table, index),
        lower, lowerInclusive, upper, upperInclusive, snapshot, backward);
  }

  private static int indexNumber(TableDef table, IndexDef index) {
    int i = table.indexes().indexOf(index);
    if (i < 0) throw new IllegalArgumentException("index " + index.name() + " is not one of " + table.name() + "'s");
    return i;
  }

  @Override
  public IndexOnlyScan indexOnlyScan(TableDef table, IndexDef index, byte[] lower, boolean lowerInclusive,
      byte[] upper, boolean upperInclusive, Snapshot snapshot, boolean backward) {
    return indexedHeap(table, heap(table.oid(), table.relfilenode(), true)).indexOnlyScan(indexNumber(table, index),
        lower, lowerInclusive, upper, upperInclusive, snapshot, backward);
  }

  /** The visibility map of a table's heap (pg_class.relallvisible, tests). */
  public org.minidb.storage.heap.VisibilityMap visibilityMap(TableDef table) {
    return heap(table.oid(), table.relfilenode(), !table.indexes().isEmpty()).visibilityMap();
  }

  @Override
  public IndexCheck.Result checkIndex(TableDef table, IndexDef index, boolean heapAllIndexed, Snapshot snapshot) {
    return IndexCheck.check(table, index, index(index.relfilenode(), index.name()),
        heap(table.oid(), table.relfilenode(), false), snapshot, heapAllIndexed, this::detoast, indexExpressions);
  }

  private PagedHeap heap(long relOid, long relfilenode, boolean indexed) {
    RelFileLocator loc = locatorOf(relOid, relfilenode);
    return new PagedHeap(pool, files, tm, relOid, loc, freeSpace.computeIfAbsent(loc, l -> new FreeSpaceMap()),
        statistics(relOid), indexed);
  }

  @Override
  public HeapStatistics statistics(long relOid) { return statistics.computeIfAbsent(relOid, o -> new HeapStatistics()); }

  @Override
  public HeapRelation systemHeap(SystemTable table) { return heap(table.oid(), table.oid(), false); }

  @Override
  public void createRelationFile(long relfilenode) { createFile(new RelFileLocator(DATABASE_OID, relfilenode)); }

  /** Logs the creation, then creates the file (a page of it can reach disk only after the record does). */
  private void createFile(RelFileLocator loc) {
    wal.insert(0, ResourceManagers.SMGR, ResourceManagers.SMGR_CREATE, Recovery.relationData(loc));
    files.create(loc);
  }

  /**
   * Logs the removal and flushes the record before unlinking, so that recovery never recreates a removed file
   * from its creation record without also seeing its removal.
   */
  @Override
  public void removeRelationFile(long relfilenode) {
    RelFileLocator main = new RelFileLocator(DATABASE_OID, relfilenode);
    for (RelFileLocator loc : List.of(main, main.visibilityMap())) { // a heap's map fork, when it has one
      if (loc != main && !files.exists(loc)) continue;
      wal.flush(wal.insert(0, ResourceManagers.SMGR, ResourceManagers.SMGR_UNLINK, Recovery.relationData(loc)));
      pool.dropRelation(loc, 0);
      freeSpace.remove(loc);
      files.unlink(loc);
    }
  }

  /**
   * Creates the file of a new B-tree index in the current database and initializes it empty (metapage, empty
   * root leaf), all WAL-logged. Like a table's file, it is the caller's to remove if the creating transaction
   * aborts ({@link #dropIndex}).
   */
  public BTree createIndex(long relfilenode, String name) {
    RelFileLocator loc = new RelFileLocator(DATABASE_OID, relfilenode);
    createFile(loc);
    return BTree.create(pool, loc, name);
  }

  /**
   * Creates the file of a new B-tree index to be loaded bottom-up from entries in ascending order (CREATE INDEX
   * on a filled table: sort, then {@link BTreeBuild#add} each entry and {@link BTreeBuild#finish}).
   */
  public BTreeBuild buildIndex(long relfilenode, String name) {
    RelFileLocator loc = new RelFileLocator(DATABASE_OID, relfilenode);
    createFile(loc);
    return BTreeBuild.begin(pool, loc, name);
  }

  /** An existing B-tree index of the current database ({@code name} is for messages). */
  public BTree index(long relfilenode, String name) {
    return BTree.open(pool, new RelFileLocator(DATABASE_OID, relfilenode), name);
  }

  @Override
  public long indexPageCount(IndexDef index) {
    return files.file(new RelFileLocator(DATABASE_OID, index.relfilenode())).nblocks();
  }

  @Override
  public void createIndexFile(long relfilenode, String name) { createIndex(relfilenode, name); }

  @Override
  public void buildIndexFile(Transaction tx, TableDef table, IndexDef index) {
    IndexBuild.build(tx, table, index, heap(table.oid(), table.relfilenode(), false),
        buildIndex(index.relfilenode(), index.name()), this::detoast, indexExpressions);
  }

  @Override
  public void setIndexExpressions(org.minidb.storage.index.IndexExpressions.Compiler compiler) {
    this.indexExpressions = compiler;
  }

  /** Removes an index's file (DROP INDEX at commit, an aborted CREATE INDEX): the same as a table's file. */
  public void dropIndex(long relfilenode) { removeRelationFile(relfilenode); }

  /** The buffer pool (tests and, later, the checkpointer). */
  public BufferPool bufferPool() { return pool; }

  /** The write-ahead log (pg_current_wal_lsn and friends, tests). */
  public Wal wal() { return wal; }

  /** A checkpoint: every dirty page written, the commit log written, the WAL before the redo point removed. */
  @Override
  public void flush() { checkpointer.checkpoint(false); }

  /** CHECKPOINT: immediate (a spread checkpoint in progress is hurried and finished first, then this one). */
  @Override
  public void checkpoint() { checkpointer.checkpoint(false); }

  @Override
  public long currentWalLsn() { return wal.insertPosition(); }

  @Override
  public long currentWalFlushLsn() { return wal.flushedPosition(); }

  /** The WAL writer (tests). */
  public WalWriter walWriter() { return walWriter; }

  /** Checkpoints completed since start (tests). */
  public long checkpointsDone() { return checkpointer.checkpointsDone(); }

  /** Checkpoints started because the WAL grew towards max_wal_size (tests). */
  public long checkpointsByWalSize() { return checkpointer.checkpointsByWalSize(); }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      autovacuum.close();
      walWriter.close(); // the shutdown checkpoint flushes what async commits it left
      backgroundCheckpointer.close();
      checkpointer.checkpoint(true);
      log.info("shutdown checkpoint complete; WAL ends at {} ({} WAL flush requests served by {} flushes)",
          Lsn.format(wal.insertPosition()), wal.flushRequests(), wal.flushes());
    } finally {
      wal.close();
      shm.close();
      files.close();
    }
  }
}
