package org.minidb.storage.tx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.file.FileSync;

/**
 * {@code global/pg_control}: the few facts that must survive a restart before anything else can be read.
 * Written atomically (temp file, fsync, rename, directory fsync) and protected by a CRC32C.
 *
 * @param systemIdentifier random id of this data directory
 * @param state {@link #BOOTSTRAPPING}, {@link #SHUT_DOWN} or {@link #IN_PRODUCTION}
 * @param nextXid no xid at or above it has been handed out (the end of the reserved batch while running)
 * @param nextOid no OID at or above it has been handed out (likewise)
 * @param oldestXidToCheck xids below it are known to have finished; from it up to nextXid, a crash may have
 *     left transactions marked in progress in the commit log (they are aborted at startup)
 * @param checkpointLsn start of the last checkpoint record (0: none yet)
 * @param redoLsn the redo point of that checkpoint: recovery replays the WAL from here (0: no WAL yet)
 */
public record ControlFile(long systemIdentifier, int state, long nextXid, long nextOid, long oldestXidToCheck,
    long checkpointLsn, long redoLsn) {
  public static final int BOOTSTRAPPING = 0;
  public static final int SHUT_DOWN = 1;
  public static final int IN_PRODUCTION = 2;

  private static final int MAGIC = 0x4d444243; // "MDBC"
  /** Version 2 added the checkpoint fields; version 1 files (no WAL yet) are read with zeros there. */
  private static final int VERSION = 2;

  public ControlFile(long systemIdentifier, int state, long nextXid, long nextOid, long oldestXidToCheck) {
    this(systemIdentifier, state, nextXid, nextOid, oldestXidToCheck, 0, 0);
  }
  private static final int SIZE = 8192;

  public static Path path(Path dataDirectory) { return dataDirectory.resolve("global").resolve("pg_control"); }

  public static boolean exists(Path dataDirectory) { return Files.exists(path(dataDirectory)); }

  public ControlFile withState(int s) {
    return new ControlFile(systemIdentifier, s, nextXid, nextOid, oldestXidToCheck, checkpointLsn, redoLsn);
  }

  public void write(Path dataDirectory, boolean fsync) {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC).putInt(VERSION).putLong(systemIdentifier).putInt(state).putLong(nextXid).putLong(nextOid)
        .putLong(oldestXidToCheck).putLong(checkpointLsn).putLong(redoLsn);
    int len = b.position();
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, len);
    b.putInt((int) crc.getValue());
    FileSync.writeAtomically(path(dataDirectory), b.array(), fsync);
  }

  public static ControlFile read(Path dataDirectory) {
    Path p = path(dataDirectory);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(p);
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not read file \"" + p + "\": " + e.getMessage(), e);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length != SIZE || b.getInt() != MAGIC) {
      throw DbException.of(SqlState.DATA_CORRUPTED, "\"" + p + "\" is not a MiniDB control file");
    }
    int version = b.getInt();
    if (version != VERSION && version != 1) {
      throw DbException.of(SqlState.DATA_CORRUPTED, "control file \"" + p + "\" has an unsupported version");
    }
    ControlFile c = new ControlFile(b.getLong(), b.getInt(), b.getLong(), b.getLong(), b.getLong(),
        version == 1 ? 0 : b.getLong(), version == 1 ? 0 : b.getLong());
    int len = b.position();
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, len);
    if (b.getInt() != (int) crc.getValue()) {
      throw DbException.of(SqlState.DATA_CORRUPTED, "incorrect checksum in control file");
    }
    return c;
  }
}
