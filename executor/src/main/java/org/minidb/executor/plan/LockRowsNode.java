package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.tx.RowLockMode;

/**
 * SELECT ... FOR UPDATE (PostgreSQL's LockRows node): locks the row of {@code table} behind each input row, whose
 * last column is its tid, and passes the row on without that column, in one of PostgreSQL's four row lock modes
 * (FOR UPDATE, NO KEY UPDATE, SHARE, KEY SHARE: {@link RowLockMode}, with its conflict table).
 *
 * @param waitPolicy what to do about a row another transaction holds
 * @param mode the row lock strength
 */
public record LockRowsNode(PlanNode input, TableDef table, WaitPolicy waitPolicy, RowLockMode mode)
    implements PlanNode {
  /** FOR UPDATE. */
  public LockRowsNode(PlanNode input, TableDef table, WaitPolicy waitPolicy) {
    this(input, table, waitPolicy, RowLockMode.UPDATE);
  }

  /** PostgreSQL's LockWaitPolicy. */
  public enum WaitPolicy {
    /** Wait for the other transaction. */
    BLOCK,
    /** SKIP LOCKED: leave the row out. */
    SKIP,
    /** NOWAIT: fail with 55P03. */
    ERROR
  }

  @Override
  public List<DataType> outputTypes() {
    List<DataType> in = input.outputTypes();
    return in.subList(0, in.size() - 1);
  }

  @Override
  public List<PlanNode> inputs() { return List.of(input); }
}
