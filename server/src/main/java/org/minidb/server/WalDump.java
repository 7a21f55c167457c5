package org.minidb.server;

import java.nio.file.Path;
import org.minidb.common.error.DbException;
import org.minidb.storage.wal.WalSegmentDump;

/**
 * {@code ./minidb waldump SEGMENT...}: prints the records of WAL segment files, one line per record (LSN,
 * length, xid, resource manager/type, description), as PostgreSQL's pg_waldump does. For debugging recovery;
 * it reads the files only, so it works on the WAL of a stopped or crashed server.
 */
public final class WalDump {
  private WalDump() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: minidb waldump SEGMENT_FILE... (e.g. data/pg_wal/000000010000000000000001)");
      System.exit(2);
    }
    for (String a : args) {
      try {
        WalSegmentDump.dump(Path.of(a), System.out);
      } catch (DbException e) {
        System.err.println("waldump: " + e.getMessage());
        System.exit(1);
      }
    }
  }
}
