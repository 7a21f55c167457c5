package org.minidb.storage.tx.ssi;

import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/** The 40001 errors of serializable snapshot isolation, in PostgreSQL's words (predicate.c). */
final class SerializationFailure {
  private SerializationFailure() {}

  static final String DURING_COMMIT = "Canceled on identification as a pivot, during commit attempt.";
  static final String DURING_WRITE = "Canceled on identification as a pivot, during write.";
  static final String DURING_CONFLICT_OUT = "Canceled on identification as a pivot, during conflict out checking.";
  static final String DURING_CONFLICT_IN = "Canceled on identification as a pivot, during conflict in checking.";
  static final String PREPARED_PIVOT = "Canceled on commit attempt with conflict in from prepared pivot.";

  static String conflictOutToPivot(long pivotXid) {
    return "Canceled on conflict out to pivot " + pivotXid + ", during read.";
  }

  static DbException of(String reasonCode) {
    return DbException.of(SqlState.SERIALIZATION_FAILURE,
            "could not serialize access due to read/write dependencies among transactions")
        .withDetail("Reason code: " + reasonCode)
        .withHint("The transaction might succeed if retried.");
  }
}
