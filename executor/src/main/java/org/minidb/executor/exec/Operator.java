package org.minidb.executor.exec;

/**
 * A Volcano iterator. Protocol: {@code open()} once, then {@code next()} until it returns null, then
 * {@code close()} (also after an error, and possibly before the end: a LIMIT or a suspended portal that is
 * closed). Scans, filters and projections may also be opened again before close() (a rescan: the inner side of a
 * parameterized Nested Loop, once per outer row), which restarts them. Rows returned by {@code next()} may be reused by the operator after the following call; a caller
 * that keeps a row copies it.
 */
public interface Operator extends AutoCloseable {
  void open();

  /** The next row, or null at the end. */
  Object[] next();

  @Override
  void close();

  /**
   * The operator doing the work: this one, or the one an EXPLAIN ANALYZE wrapper instruments (for the
   * operators that look at their input's kind, as LIMIT does for a sort below it).
   */
  default Operator unwrapped() { return this; }
}
