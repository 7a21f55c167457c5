package org.minidb.sql;

/**
 * The client's side of COPY FROM STDIN, read by the session while the statement runs: the CopyData messages
 * in arrival order, as they arrive (nothing is buffered beyond the connection's input queue, so a copy of any
 * size streams).
 */
public interface CopyInStream {
  /**
   * The next CopyData message's bytes, or null at CopyDone. A CopyFail throws 57014 ({@code COPY from stdin
   * failed: ...}), another message type 08P01, a lost connection a FATAL error, as PostgreSQL does.
   */
  byte[] next();
}
