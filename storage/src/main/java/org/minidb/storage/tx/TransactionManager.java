package org.minidb.storage.tx;

/** Starts and ends transactions; owns xid assignment, the commit log and the set of running transactions. */
public interface TransactionManager {
  /** Starts a transaction of the backend with this process id (named in deadlock reports). */
  Transaction begin(int backendPid);

  /** Starts a transaction of no particular backend (startup, tests). */
  default Transaction begin() { return begin(0); }

  /** Commits: records the outcome in the commit log, releases locks, runs on-commit actions. */
  void commit(Transaction tx);

  /** Aborts: records the outcome, releases locks, runs on-abort actions. Safe to call twice. */
  void abort(Transaction tx);
}
