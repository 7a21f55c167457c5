package org.minidb.executor.exec.instrument;

import org.minidb.storage.buffer.BufferUsage;

/**
 * PostgreSQL's Instrumentation for one plan node in one EXPLAIN ANALYZE: calls into the node's operator are
 * bracketed by {@link #start()} and {@link #stop}; a loop (one open of the operator to its last call) adds its
 * time to the first row ("startup"), its total time and its rows; {@link #endLoop()} closes a loop. As in
 * PostgreSQL, times include the node's inputs, and a loop's startup ends with the first {@code next()} call,
 * whether it returned a row or not. Used by one thread.
 */
public final class NodeInstrumentation {
  private final boolean timing;
  private final boolean buffers;

  // the loop under way
  private boolean running;
  private long startedAt;
  private long loopNanos;
  private long firstRowNanos;
  private long loopRows;
  private BufferUsage usage;
  private long hit0, read0, dirtied0, written0;

  // all loops ended so far
  private long loops;
  private long rows;
  private long startupNanos;
  private long totalNanos;
  private long sharedHit, sharedRead, sharedDirtied, sharedWritten;

  /** Rows a node's Filter rejected, and pairs its Join Filter rejected (counted by {@link CountingPredicate}). */
  long removedByFilter;
  long removedByJoinFilter;
  /** What a Sort or Hash Join reported of its memory and disk use (null for other nodes). */
  OperatorUsage operatorUsage;

  NodeInstrumentation(boolean timing, boolean buffers) {
    this.timing = timing;
    this.buffers = buffers;
  }

  void start() {
    if (timing) startedAt = System.nanoTime();
    if (buffers) {
      if (usage == null) usage = BufferUsage.current();
      hit0 = usage.sharedHit;
      read0 = usage.sharedRead;
      dirtied0 = usage.sharedDirtied;
      written0 = usage.sharedWritten;
    }
  }

  /**
   * Ends a call. {@code opening}: the call was {@code open()}, whose time counts but which does not end the
   * loop's startup; {@code row}: a {@code next()} returned a row.
   */
  void stop(boolean opening, boolean row) {
    if (timing) loopNanos += System.nanoTime() - startedAt;
    if (buffers) {
      sharedHit += usage.sharedHit - hit0;
      sharedRead += usage.sharedRead - read0;
      sharedDirtied += usage.sharedDirtied - dirtied0;
      sharedWritten += usage.sharedWritten - written0;
    }
    if (opening) return;
    if (!running) {
      running = true;
      firstRowNanos = loopNanos;
    }
    if (row) loopRows++;
  }

  /** Closes the loop under way, if a {@code next()} was called in it (PostgreSQL's InstrEndLoop). */
  void endLoop() {
    if (!running) {
      loopNanos = 0;
      return;
    }
    loops++;
    rows += loopRows;
    startupNanos += firstRowNanos;
    totalNanos += loopNanos;
    running = false;
    loopNanos = 0;
    loopRows = 0;
  }

  public long loops() { return loops; }
  public long rows() { return rows; }
  public long startupNanos() { return startupNanos; }
  public long totalNanos() { return totalNanos; }
  public boolean timing() { return timing; }
  public boolean buffers() { return buffers; }
  public long sharedHit() { return sharedHit; }
  public long sharedRead() { return sharedRead; }
  public long sharedDirtied() { return sharedDirtied; }
  public long sharedWritten() { return sharedWritten; }
  public long removedByFilter() { return removedByFilter; }
  public long removedByJoinFilter() { return removedByJoinFilter; }
  /** A Sort's or Hash Join's memory and disk use, or null. */
  public OperatorUsage operatorUsage() { return operatorUsage; }
}
