package org.minidb.executor.spill;

/** A stream of rows: {@link #next} until it returns null. What spilling code reads from (a file, an operator). */
@FunctionalInterface
public interface RowSource {
  /** The next row, or null at the end. */
  Object[] next();
}
