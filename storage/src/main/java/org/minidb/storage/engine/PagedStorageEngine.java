package org.minidb.storage.engine;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.StorageEngine;
import org.minidb.storage.buffer.BufferPool;
import org.minidb.storage.buffer.SharedMemory;
import org.minidb.storage.catalog.HeapCatalog;
import org.minidb.storage.catalog.Oids;
import org.minidb.storage.catalog.RelationStore;
import org.minidb.storage.catalog.SystemCatalogs;
import org.minidb.storage.catalog.SystemTable;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.file.FileManager;
import org.minidb.storage.file.FileSync;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.heap.FreeSpaceMap;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.PagedHeap;
import org.minidb.storage.tx.ControlFile;
import org.minidb.storage.tx.MvccTransactionManager;
import org.minidb.storage.tx.Transaction;
import org.minidb.storage.tx.TransactionIds;
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
 * </pre>
 *
 * Shared region layout (reservation order): buffer pool, then transaction state.
 */
public final class PagedStorageEngine implements StorageEngine, RelationStore {
  private static final Logger log = LoggerFactory.getLogger(PagedStorageEngine.class);
  /** MiniDB serves one database for now: its files live in {@code base/5}. */
  private static final int DATABASE_OID = (int) Oids.POSTGRES_DATABASE;

  private final StorageConfig config;
  private final FileManager files;
  private final SharedMemory shm;
  private final BufferPool pool;
  private final MvccTransactionManager tm;
  private final HeapCatalog catalog;
  private final ConcurrentHashMap<RelFileLocator, FreeSpaceMap> freeSpace = new ConcurrentHashMap<>();
  private boolean closed;

  private PagedStorageEngine(StorageConfig config, FileManager files, SharedMemory shm, int nbuffers) {
    this.config = config;
    this.files = files;
    this.shm = shm;
    this.pool = new BufferPool(shm, nbuffers, files);
    this.tm = new MvccTransactionManager(shm, config.dataDirectory(), config.fsync());
    this.catalog = new HeapCatalog(this, tm);
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
    long[] poolSizes = BufferPool.sharedSizes(Math.max(nbuffers, 4));
    long[] txSizes = MvccTransactionManager.sharedSizes();
    long[] all = new long[poolSizes.length + txSizes.length];
    System.arraycopy(poolSizes, 0, all, 0, poolSizes.length);
    System.arraycopy(txSizes, 0, all, poolSizes.length, txSizes.length);
    long size = SharedMemory.sizeFor(all);
    SharedMemory shm = config.sharedMemoryFile() != null
        ? SharedMemory.createMapped(config.sharedMemoryFile(), size) : SharedMemory.allocate(size);
    FileManager files = new FileManager(dir, config.fsync());
    PagedStorageEngine engine;
    try {
      engine = new PagedStorageEngine(config, files, shm, nbuffers);
      engine.tm.startup(control);
      if (fresh) engine.bootstrap();
    } catch (RuntimeException e) {
      shm.close();
      files.close();
      throw e;
    }
    return engine;
  }

  private void bootstrap() {
    log.info("creating the catalog in data directory \"{}\"", config.dataDirectory());
    for (SystemTable t : SystemCatalogs.ALL) files.create(locatorOf(t.oid(), t.oid()));
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

  private static RelFileLocator locatorOf(long relOid, long relfilenode) {
    return new RelFileLocator(SystemCatalogs.isShared(relOid) ? RelFileLocator.GLOBAL : DATABASE_OID, relfilenode);
  }

  @Override
  public HeapCatalog catalog() { return catalog; }

  @Override
  public MvccTransactionManager transactions() { return tm; }

  @Override
  public HeapRelation heap(TableDef table) { return heap(table.oid(), table.relfilenode()); }

  private PagedHeap heap(long relOid, long relfilenode) {
    RelFileLocator loc = locatorOf(relOid, relfilenode);
    return new PagedHeap(pool, files, tm, relOid, loc, freeSpace.computeIfAbsent(loc, l -> new FreeSpaceMap()));
  }

  @Override
  public HeapRelation systemHeap(SystemTable table) { return heap(table.oid(), table.oid()); }

  @Override
  public void createRelationFile(long relfilenode) { files.create(new RelFileLocator(DATABASE_OID, relfilenode)); }

  @Override
  public void removeRelationFile(long relfilenode) {
    RelFileLocator loc = new RelFileLocator(DATABASE_OID, relfilenode);
    pool.dropRelation(loc, 0);
    freeSpace.remove(loc);
    files.unlink(loc);
  }

  /** The buffer pool (tests and, later, the checkpointer). */
  public BufferPool bufferPool() { return pool; }

  @Override
  public synchronized void flush() {
    pool.flushAll();
    tm.flush();
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      pool.flushAll();
      tm.shutdown();
    } finally {
      shm.close();
      files.close();
    }
  }
}
