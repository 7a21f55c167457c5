package org.minidb.storage.wal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * The records of one WAL segment file, one line each (PostgreSQL's pg_waldump): LSN, length, xid, resource
 * manager/type and a description (the block a page record changes, the redo point of a checkpoint). Reading
 * stops at the end of the valid WAL in the file (zeros, a torn or CRC-failing record), which is reported.
 */
public final class WalSegmentDump {
  private WalSegmentDump() {}

  /** Prints the records of {@code file} to {@code out}; returns how many were valid. */
  public static int dump(Path file, PrintStream out) {
    long segno = Lsn.parseFileName(file.getFileName().toString());
    if (segno < 0) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "\"" + file.getFileName() + "\" is not a WAL segment name");
    }
    byte[] seg;
    try {
      seg = Files.readAllBytes(file);
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not read file \"" + file + "\": " + e.getMessage(), e);
    }
    long base = Lsn.segmentStart(segno);
    int off = 0, n = 0;
    long prev = Lsn.INVALID;
    String[] why = new String[1];
    while (off + WalRecord.HEADER <= seg.length) {
      if ((seg[off] | seg[off + 1] | seg[off + 2] | seg[off + 3]) == 0) {
        why[0] = "end of WAL at " + Lsn.format(base + off) + " (zeros)";
        break;
      }
      WalRecord r = WalRecord.decode(seg, off, base, prev, why);
      if (r == null) break;
      out.printf("lsn: %s, prev: %s, len: %d, xid: %d, rmgr: %s, desc: %s%n", Lsn.format(r.lsn()),
          Lsn.format(r.prev()), WalRecord.HEADER + r.data().length, r.xid(),
          ResourceManagers.describe(r.rmgr(), r.info()), describe(r));
      prev = r.lsn();
      off = (int) (r.end() - base);
      n++;
    }
    if (off + WalRecord.HEADER > seg.length) why[0] = "end of segment";
    out.printf("%d records; %s%n", n, why[0]);
    return n;
  }

  private static String describe(WalRecord r) {
    ByteBuffer b = ByteBuffer.wrap(r.data()).order(ByteOrder.LITTLE_ENDIAN);
    return switch (r.rmgr()) {
      case ResourceManagers.HEAP, ResourceManagers.BTREE -> page(r);
      case ResourceManagers.XLOG -> (r.info() & 0xf0) == ResourceManagers.XLOG_FPI_FOR_HINT ? page(r)
          : r.data().length >= 24 ? "redo " + Lsn.format(b.getLong()) + "; next xid " + b.getLong() + "; next oid "
              + b.getLong() : "";
      case ResourceManagers.SMGR -> r.data().length >= 12 ? "rel " + b.getInt() + "/" + b.getLong() : "";
      default -> "";
    };
  }

  private static String page(WalRecord r) {
    PageRecord.Decoded d = PageRecord.decode(r.data());
    return "rel " + d.rel().dbOid() + "/" + d.rel().relNumber() + " blk " + d.block()
        + (d.image() ? " FPW" : d.init() ? " INIT" : "");
  }
}
