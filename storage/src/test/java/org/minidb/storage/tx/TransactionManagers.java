package org.minidb.storage.tx;

import java.nio.file.Path;
import java.util.List;
import org.minidb.storage.file.FileSync;
import org.minidb.storage.shmem.SharedMemory;

/** Starts a transaction manager without WAL over a data directory (for tests of this package). */
final class TransactionManagers {
  private TransactionManagers() {}

  /** A started manager; its shared region is added to {@code regions} for the test to close. */
  static MvccTransactionManager start(Path dir, List<SharedMemory> regions) {
    SharedMemory shm = SharedMemory.allocate(SharedMemory.sizeFor(MvccTransactionManager.sharedSizes()));
    regions.add(shm);
    MvccTransactionManager tm = new MvccTransactionManager(shm, dir, false);
    if (!ControlFile.exists(dir)) {
      FileSync.createDirectories(dir.resolve("global"), false);
      new ControlFile(42, ControlFile.BOOTSTRAPPING, TransactionIds.FIRST_NORMAL, VariableCache.FIRST_NORMAL_OID,
          TransactionIds.FIRST_NORMAL).write(dir, false);
    }
    tm.startup(ControlFile.read(dir));
    return tm;
  }
}
