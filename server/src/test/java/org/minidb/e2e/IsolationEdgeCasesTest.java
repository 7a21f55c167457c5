package org.minidb.e2e;

import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Row-conflict cases next to Hermitage's, stepped the same way ({@link SteppedClient}) on Hermitage's table:
 * when a REPEATABLE READ snapshot starts, how READ COMMITTED's re-check follows update chains and deletes,
 * savepoints releasing row locks, waits that chain through three clients. Expectations are PostgreSQL 15's,
 * recorded by running this class against it (see {@link IsolationTarget}); SERIALIZABLE is left to
 * {@link HermitageTest}.
 */
class IsolationEdgeCasesTest extends HermitageTableTest {
  /** A REPEATABLE READ snapshot is taken by the first statement, not by BEGIN or SET TRANSACTION. */
  @ParameterizedTest
  @EnumSource(value = TxLevel.class, names = {"READ_COMMITTED", "REPEATABLE_READ"})
  void snapshotStartsAtTheFirstStatement(TxLevel level) throws SQLException {
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = client("T2")) {
      t2.run("update test set value = 11 where id = 1", "1 row");
      t1.run("select * from test where id = 1", "{1=>11}");
      t2.run("update test set value = 21 where id = 2", "1 row");
      t1.run("select * from test where id = 2", level.pick("{2=>21}", "{2=>20}", null));
      t1.run("update test set value = 12 where id = 1", "1 row");
      t1.run("update test set value = 22 where id = 2", level.pick("1 row", HermitageTest.CONCURRENT_UPDATE, null));
      t1.run("commit", "ok");
      t2.run("select * from test", level.pick("{1=>12, 2=>22}", "{1=>11, 2=>21}", null));
    }
  }

  /** The re-check follows two versions made by one transaction and applies the SET to the newest. */
  @ParameterizedTest
  @EnumSource(value = TxLevel.class, names = {"READ_COMMITTED", "REPEATABLE_READ"})
  void waiterFollowsAChainOfVersions(TxLevel level) throws SQLException {
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t2.run("select * from test where id = 1", "{1=>10}");
      t1.run("update test set value = 11 where id = 1", "1 row");
      t1.run("update test set value = 12 where id = 1", "1 row");
      t2.blocks("update test set value = value + 1 where id = 1");
      t1.run("commit", "ok");
      t2.unblocks(level.pick("1 row", HermitageTest.CONCURRENT_UPDATE, null));
      t2.run("commit", "ok");
      t1.run("select * from test", level.pick("{1=>13, 2=>20}", "{1=>12, 2=>20}", null));
    }
  }

  /** A waiter whose row was deleted updates nothing (READ COMMITTED) or fails (REPEATABLE READ). */
  @ParameterizedTest
  @EnumSource(value = TxLevel.class, names = {"READ_COMMITTED", "REPEATABLE_READ"})
  void waiterOnADeletedRow(TxLevel level) throws SQLException {
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t2.run("select * from test", "{1=>10, 2=>20}");
      t1.run("delete from test where id = 1", "1 row");
      t2.blocks("update test set value = 0 where value < 15");
      t1.run("commit", "ok");
      t2.unblocks(level.pick("0 rows",
          "ERROR 40001 could not serialize access due to concurrent delete", null));
      t2.run("commit", "ok");
      t1.run("select * from test", "{2=>20}");
    }
  }

  /** An UPDATE that moves a row into the waiter's condition: only rows the waiter's snapshot matched count. */
  @ParameterizedTest
  @EnumSource(value = TxLevel.class, names = {"READ_COMMITTED", "REPEATABLE_READ"})
  void recheckOnlyConsidersRowsTheSnapshotMatched(TxLevel level) throws SQLException {
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t2.run("select * from test", "{1=>10, 2=>20}");
      t1.run("update test set value = value + 10", "2 rows");
      t2.blocks("update test set value = value * 2 where value >= 20");
      t1.run("commit", "ok");
      t2.unblocks(level.pick("1 row", HermitageTest.CONCURRENT_UPDATE, null));
      t2.run("commit", "ok");
      t1.run("select * from test", level.pick("{1=>20, 2=>60}", "{1=>20, 2=>30}", null));
    }
  }

  /** A waiter on a row changed by a transaction that then aborts changes the original version. */
  @ParameterizedTest
  @EnumSource(value = TxLevel.class, names = {"READ_COMMITTED", "REPEATABLE_READ"})
  void waiterProceedsWhenTheOtherAborts(TxLevel level) throws SQLException {
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t2.run("select * from test", "{1=>10, 2=>20}");
      t1.run("update test set value = 11 where id = 1", "1 row");
      t2.blocks("update test set value = value + 5 where id = 1");
      t1.run("abort", "ok");
      t2.unblocks("1 row");
      t2.run("commit", "ok");
      t1.run("select * from test", "{1=>15, 2=>20}");
    }
  }

  /** Rows inserted by a running transaction are invisible to others' UPDATEs, which do not wait for them. */
  @ParameterizedTest
  @EnumSource(value = TxLevel.class, names = {"READ_COMMITTED", "REPEATABLE_READ"})
  void uncommittedInsertsAreNotWaitedFor(TxLevel level) throws SQLException {
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("insert into test (id, value) values (3, 30)", "1 row");
      t2.run("update test set value = 0 where value = 30", "0 rows");
      t2.run("delete from test where id = 3", "0 rows");
      t1.run("commit", "ok");
      t2.run("update test set value = 0 where value = 30", level.pick("1 row", "0 rows", null));
      t2.run("commit", "ok");
    }
  }

  /** ROLLBACK TO SAVEPOINT releases the row locks taken since the savepoint; RELEASE keeps them. */
  @ParameterizedTest
  @EnumSource(value = TxLevel.class, names = {"READ_COMMITTED", "REPEATABLE_READ"})
  void savepointsAndRowLocks(TxLevel level) throws SQLException {
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = client("T2")) {
      t1.run("savepoint a", "ok");
      t1.run("update test set value = 11 where id = 1", "1 row");
      t1.run("rollback to savepoint a", "ok");
      t2.run("update test set value = 12 where id = 1", "1 row");
      t1.run("savepoint b", "ok");
      t1.run("update test set value = 21 where id = 2", "1 row");
      t1.run("release savepoint b", "ok");
      t2.blocks("update test set value = 22 where id = 2");
      t1.run("commit", "ok");
      t2.unblocks("1 row");
      t2.run("select * from test", "{1=>12, 2=>22}");
    }
  }

  /**
   * Three writers of one row: when the first commits, one of the two waiters goes on and the other now waits
   * for it, and no update is lost. Which waiter goes first is not fixed, in PostgreSQL either (its tuple lock
   * queues the second waiter behind the first, but the first drops it before re-checking the newest version:
   * a third writer overtook the second in 3 of 60 runs against PostgreSQL 15, in 5 of 25 against MiniDB).
   */
  @ParameterizedTest
  @EnumSource(value = TxLevel.class, names = {"READ_COMMITTED", "REPEATABLE_READ"})
  void threeWritersQueueOnOneRow(TxLevel level) throws SQLException {
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level);
        SteppedClient t3 = begun("T3", level)) {
      t1.run("update test set value = value + 1 where id = 1", "1 row");
      t2.blocks("update test set value = value + 2 where id = 1");
      t3.blocks("update test set value = value + 4 where id = 1");
      t1.run("commit", "ok");
      if (level == TxLevel.READ_COMMITTED) {
        SteppedClient first = SteppedClient.firstUnblocked(t2, t3);
        SteppedClient second = first == t2 ? t3 : t2;
        second.stillBlocked();
        first.unblocks("1 row");
        first.run("commit", "ok");
        second.unblocks("1 row");
        second.run("commit", "ok");
      } else {
        t2.unblocks(HermitageTest.CONCURRENT_UPDATE);
        t3.unblocks(HermitageTest.CONCURRENT_UPDATE);
        t2.run("abort", "ok");
        t3.run("abort", "ok");
      }
      t1.run("select * from test where id = 1", level.pick("{1=>17}", "{1=>11}", null));
    }
  }
}
