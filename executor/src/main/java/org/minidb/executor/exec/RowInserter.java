package org.minidb.executor.exec;

import java.util.ArrayList;
import java.util.List;
import org.minidb.executor.plan.InsertNode;
import org.minidb.storage.heap.HeapRelation;

/**
 * INSERT fed one row at a time by its caller (COPY FROM, PostgreSQL's CopyFrom): the plan is an INSERT whose
 * source computes the table's full row from the parameters {@code $1..$n} (the copied columns; defaults fill
 * the others), so each {@link #insert} binds the row's values as the parameters, evaluates the source once and
 * applies {@link InsertOperator}'s constraints at once (an error names the row being read). The checked tuples
 * are buffered and written {@link #BATCH_ROWS} at a time with {@link HeapRelation#insertBatch}, which fills a
 * page per latch and WAL record (PostgreSQL's heap_multi_insert) instead of logging a change per row.
 *
 * <p>Index entries: the heap of a table with indexes is storage's {@code IndexedHeap}, whose {@code insertBatch}
 * adds the entries of every tuple it writes, as its {@code insert} does for {@link InsertOperator#modify}.
 */
public final class RowInserter implements AutoCloseable {
  /** Rows per heap batch: PostgreSQL's MAX_BUFFERED_TUPLES. */
  static final int BATCH_ROWS = 1000;
  /** Bytes per heap batch: PostgreSQL's MAX_BUFFERED_BYTES. */
  static final int BATCH_BYTES = 65535;

  private final ExecContext ctx;
  private final Operator source;
  private final InsertOperator insert;
  private final HeapRelation heap;
  private final List<byte[]> batch = new ArrayList<>(BATCH_ROWS);
  private int batchBytes;

  /** Opens the insert (ROW EXCLUSIVE on the table); {@code ctx}'s parameter array receives each row. */
  public RowInserter(InsertNode node, ExecContext ctx) {
    this.ctx = ctx;
    this.source = Executor.build(node.source(), ctx);
    this.insert = new InsertOperator(source, node, ctx);
    insert.open();
    this.heap = ctx.storage().heap(node.table());
  }

  /** Checks and buffers the row whose copied columns are {@code values} (in the parameters' order and types). */
  public void insert(Object[] values) {
    System.arraycopy(values, 0, ctx.parameters(), 0, values.length);
    source.open();
    byte[] tuple = insert.tuple(heap, source.next());
    batch.add(tuple);
    batchBytes += tuple.length;
    if (batch.size() >= BATCH_ROWS || batchBytes >= BATCH_BYTES) flush();
  }

  /** Writes the buffered rows; returns how many rows were inserted in all. */
  public long finish() {
    flush();
    return ctx.processed();
  }

  private void flush() {
    if (batch.isEmpty()) return;
    heap.insertBatch(ctx.transaction(), batch);
    ctx.addProcessed(batch.size());
    batch.clear();
    batchBytes = 0;
  }

  /** Ends the insert; rows still buffered are dropped (only an error ends it without {@link #finish}). */
  @Override
  public void close() { insert.close(); }
}
