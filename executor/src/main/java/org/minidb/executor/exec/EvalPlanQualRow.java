package org.minidb.executor.exec;

import org.minidb.storage.heap.TupleVersion;

/**
 * The newer version of a row that a concurrent transaction updated, substituted for the target table's scan
 * when READ COMMITTED re-checks an UPDATE or DELETE on it (PostgreSQL's EvalPlanQual).
 */
public record EvalPlanQualRow(long relOid, TupleVersion version) {}
