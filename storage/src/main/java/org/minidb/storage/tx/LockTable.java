package org.minidb.storage.tx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * Heavyweight locks held until the end of the owning transaction (PostgreSQL's lock manager): a tag (relation or
 * xid) is granted in a mode when that mode conflicts with no mode another transaction holds on it; otherwise the
 * requester waits. Waits form a graph (waiter → each holder whose mode conflicts with the request); a request
 * that would close a cycle is refused with 40P01, so the transaction that completes a deadlock is the victim
 * (PostgreSQL runs the same check after deadlock_timeout; checking at once costs one graph walk per wait).
 *
 * <p>Invariants: every field is guarded by this object's monitor; a waiter is in {@code waiting} exactly while
 * it waits; no page latch is ever held by a caller (a latch held while waiting could deadlock invisibly).
 * Waiters are not queued in order: a weak request may pass a waiting strong one (PostgreSQL queues them).
 *
 * <p>ON-HEAP (a Java monitor): it serves thread mode. Process mode needs it in the shared region.
 */
final class LockTable {
  /** Modes granted on one tag, per holder (a bit per {@link LockMode}). */
  private final Map<LockTag, Map<TransactionState, Integer>> granted = new HashMap<>();
  private final Map<TransactionState, Request> waiting = new HashMap<>();

  private record Request(LockTag tag, LockMode mode) {}

  /** How a request ended without being granted. */
  enum Refusal { NONE, NOT_AVAILABLE, TIMED_OUT }

  /**
   * Grants {@code mode} on {@code tag} to {@code tx}, waiting while others hold a conflicting mode.
   *
   * @param timeoutMillis 0 to wait without limit, negative not to wait at all (NOWAIT)
   * @return {@link Refusal#NONE} once granted; NOT_AVAILABLE (NOWAIT) or TIMED_OUT otherwise
   * @throws DbException 40P01 if waiting would close a cycle of waits; 57014 if the thread is interrupted
   */
  synchronized Refusal acquire(TransactionState tx, LockTag tag, LockMode mode, long timeoutMillis) {
    long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
    Map<TransactionState, Integer> holders = granted.computeIfAbsent(tag, t -> new HashMap<>(4));
    for (;;) {
      if (!mode.conflictsWithAny(modesOfOthers(holders, tx))) {
        holders.merge(tx, mode.bit(), (a, b) -> a | b);
        return Refusal.NONE;
      }
      if (timeoutMillis < 0) return refuse(tag, holders, Refusal.NOT_AVAILABLE);
      long waitMillis = 0;
      if (deadline != 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return refuse(tag, holders, Refusal.TIMED_OUT);
        waitMillis = Math.max(1, left / 1_000_000L);
      }
      waiting.put(tx, new Request(tag, mode));
      try {
        List<String> cycle = cycleThrough(tx);
        if (cycle != null) {
          throw DbException.of(SqlState.DEADLOCK_DETECTED, "deadlock detected")
              .withDetail(String.join("\n", cycle))
              .withHint("See server log for query details.");
        }
        wait(waitMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw DbException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request", e);
      } finally {
        waiting.remove(tx);
      }
      holders = granted.computeIfAbsent(tag, t -> new HashMap<>(4));
    }
  }

  private Refusal refuse(LockTag tag, Map<TransactionState, Integer> holders, Refusal why) {
    if (holders.isEmpty()) granted.remove(tag);
    return why;
  }

  private static int modesOfOthers(Map<TransactionState, Integer> holders, TransactionState tx) {
    int modes = 0;
    for (Map.Entry<TransactionState, Integer> h : holders.entrySet()) {
      if (h.getKey() != tx) modes |= h.getValue();
    }
    return modes;
  }

  /**
   * The waits of a cycle that leads from {@code start}'s request back to {@code start}, one line each in
   * PostgreSQL's wording, or null if there is none. Depth-first over the wait graph, each node once.
   */
  private List<String> cycleThrough(TransactionState start) {
    List<String> path = new ArrayList<>();
    return dfs(start, start, path, new HashSet<>()) ? path : null;
  }

  private boolean dfs(TransactionState node, TransactionState start, List<String> path, Set<TransactionState> seen) {
    Request r = waiting.get(node);
    if (r == null || !seen.add(node)) return false;
    Map<TransactionState, Integer> holders = granted.get(r.tag());
    if (holders == null) return false;
    for (Map.Entry<TransactionState, Integer> h : holders.entrySet()) {
      TransactionState holder = h.getKey();
      if (holder == node || !r.mode().conflictsWithAny(h.getValue())) continue;
      path.add("Process " + node.backendPid() + " waits for " + r.mode().pgName() + " on " + r.tag().describe()
          + "; blocked by process " + holder.backendPid() + ".");
      if (holder == start || dfs(holder, start, path, seen)) return true;
      path.remove(path.size() - 1);
    }
    return false;
  }

  /** Releases one mode of one lock before the end of the transaction (a wait for an xid is over). */
  synchronized void release(TransactionState tx, LockTag tag, LockMode mode) {
    Map<TransactionState, Integer> holders = granted.get(tag);
    if (holders == null) return;
    Integer modes = holders.get(tx);
    if (modes == null) return;
    int left = modes & ~mode.bit();
    if (left == 0) holders.remove(tx);
    else holders.put(tx, left);
    if (holders.isEmpty()) granted.remove(tag);
    if (!waiting.isEmpty()) notifyAll();
  }

  /** Releases every lock {@code tx} holds on {@code tags} (the end of the transaction). */
  synchronized void releaseAll(TransactionState tx, Iterable<LockTag> tags) {
    for (LockTag tag : tags) {
      Map<TransactionState, Integer> holders = granted.get(tag);
      if (holders == null) continue;
      holders.remove(tx);
      if (holders.isEmpty()) granted.remove(tag);
    }
    if (!waiting.isEmpty()) notifyAll();
  }

  /** True while {@code tx} waits for a lock (tests, pg_locks). */
  synchronized boolean isWaiting(TransactionState tx) { return waiting.containsKey(tx); }

  /** The modes {@code tx} holds on {@code tag} (bits), for tests and pg_locks. */
  synchronized int heldModes(TransactionState tx, LockTag tag) {
    Map<TransactionState, Integer> holders = granted.get(tag);
    return holders == null ? 0 : holders.getOrDefault(tx, 0);
  }
}
