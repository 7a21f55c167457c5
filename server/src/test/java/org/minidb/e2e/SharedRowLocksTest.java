package org.minidb.e2e;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's four row lock modes over pgjdbc: FOR SHARE and FOR KEY SHARE lockers hold a row together (a
 * multixact), FOR UPDATE waits for all of them, an UPDATE that changes no key column takes FOR NO KEY UPDATE and
 * so passes FOR KEY SHARE, a key change or DELETE does not. Hermitage's table with a unique index on id (its key).
 * Every expectation is PostgreSQL 15's, recorded by running this class against it ({@link IsolationTarget}).
 */
class SharedRowLocksTest extends HermitageTableTest {
  private static final String ROW_BUSY = "ERROR 55P03 could not obtain lock on row in relation \"test\"";

  @BeforeEach
  void keyIndex() throws SQLException {
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      s.execute("create unique index test_id_key on test (id)");
    }
  }

  @Test
  void twoForShareLockersAndAForUpdateThatWaitsForBoth() throws SQLException {
    try (SteppedClient t1 = begun("T1", TxLevel.READ_COMMITTED); SteppedClient t2 = begun("T2", TxLevel.READ_COMMITTED);
        SteppedClient t3 = begun("T3", TxLevel.READ_COMMITTED)) {
      t1.run("select * from test where id = 1 for share", "{1=>10}");
      t2.run("select * from test where id = 1 for share", "{1=>10}");
      t3.run("select * from test where id = 1 for key share", "{1=>10}");
      t3.run("select * from test where id = 1 for update nowait", ROW_BUSY);
      t3.run("rollback", "ok");
      t3.run("begin", "ok");
      t3.blocks("select * from test where id = 1 for update");
      t1.run("commit", "ok");
      t3.stillBlocked(); // T2 still holds FOR SHARE
      t2.run("commit", "ok");
      t3.unblocks("{1=>10}");
      t3.run("commit", "ok");
    }
  }

  @Test
  void forShareBlocksUpdatesButNotOtherSharers() throws SQLException {
    try (SteppedClient t1 = begun("T1", TxLevel.READ_COMMITTED); SteppedClient t2 = begun("T2", TxLevel.READ_COMMITTED)) {
      t1.run("select * from test where id = 1 for share", "{1=>10}");
      t2.run("select * from test where id = 1 for no key update nowait", ROW_BUSY);
      t2.run("rollback", "ok");
      t2.run("begin", "ok");
      t2.run("select * from test where id = 1 for share", "{1=>10}");
      t1.blocks("update test set value = 11 where id = 1");
      t2.run("commit", "ok");
      t1.unblocks("1 row");
      t1.run("commit", "ok");
      t2.run("select * from test where id = 1", "{1=>11}");
    }
  }

  @Test
  void forKeyShareLetsANonKeyUpdateThroughButNotAKeyUpdateOrDelete() throws SQLException {
    try (SteppedClient t1 = begun("T1", TxLevel.READ_COMMITTED); SteppedClient t2 = begun("T2", TxLevel.READ_COMMITTED);
        SteppedClient t3 = begun("T3", TxLevel.READ_COMMITTED)) {
      t1.run("select * from test where id = 1 for key share", "{1=>10}");
      t2.run("select * from test where id = 1 for no key update", "{1=>10}");
      t2.run("update test set value = 11 where id = 1", "1 row");
      t2.run("commit", "ok");
      // The key share lock moved to the new version with the update: a delete or key change still waits.
      t3.blocks("delete from test where id = 1");
      t1.run("commit", "ok");
      t3.unblocks("1 row");
      t3.run("rollback", "ok");
      t1.run("begin", "ok");
      t1.run("select * from test where id = 2 for key share", "{2=>20}");
      t2.run("begin", "ok");
      t2.blocks("update test set id = 3 where id = 2");
      t1.run("rollback", "ok");
      t2.unblocks("1 row");
      t2.run("commit", "ok");
      t3.run("select * from test order by id", "{1=>11, 3=>20}");
    }
  }

  @Test
  void forKeyShareSurvivesANonKeyUpdateThatAborts() throws SQLException {
    try (SteppedClient t1 = begun("T1", TxLevel.READ_COMMITTED); SteppedClient t2 = begun("T2", TxLevel.READ_COMMITTED);
        SteppedClient t3 = begun("T3", TxLevel.READ_COMMITTED)) {
      t1.run("select * from test where id = 1 for key share", "{1=>10}");
      t2.run("update test set value = 11 where id = 1", "1 row");
      t2.run("rollback", "ok");
      t2.run("begin", "ok");
      t2.run("savepoint s", "ok");
      t2.run("update test set value = 12 where id = 1", "1 row");
      t2.run("rollback to savepoint s", "ok");
      t2.run("commit", "ok");
      t3.blocks("delete from test where id = 1");
      t1.run("commit", "ok");
      t3.unblocks("1 row");
      t3.run("commit", "ok");
      t1.run("select * from test", "{2=>20}");
    }
  }

  @Test
  void forUpdateBlocksForKeyShareAndSkipLockedSkipsSharedRowsOnlyForConflicts() throws SQLException {
    try (SteppedClient t1 = begun("T1", TxLevel.READ_COMMITTED); SteppedClient t2 = begun("T2", TxLevel.READ_COMMITTED)) {
      t1.run("select * from test where id = 1 for update", "{1=>10}");
      t1.run("select * from test where id = 2 for key share", "{2=>20}");
      t2.run("select * from test order by id for key share skip locked", "{2=>20}");
      t2.run("select * from test order by id for update skip locked", "{}");
      t2.blocks("select * from test where id = 1 for key share");
      t1.run("commit", "ok");
      t2.unblocks("{1=>10}");
      t2.run("commit", "ok");
    }
  }

  @Test
  void savepointLockersAndUpgrades() throws SQLException {
    try (SteppedClient t1 = begun("T1", TxLevel.READ_COMMITTED); SteppedClient t2 = begun("T2", TxLevel.READ_COMMITTED)) {
      t1.run("select * from test where id = 1 for key share", "{1=>10}");
      t1.run("savepoint s", "ok");
      t1.run("select * from test where id = 1 for update", "{1=>10}");
      t2.run("select * from test where id = 1 for key share nowait", ROW_BUSY);
      t2.run("rollback", "ok");
      t1.run("rollback to savepoint s", "ok");
      t2.run("begin", "ok");
      t2.run("select * from test where id = 1 for share nowait", "{1=>10}");
      t2.run("update test set value = 12 where id = 1", "1 row"); // its own FOR SHARE and T1's FOR KEY SHARE
      t2.run("rollback", "ok");
      t1.run("commit", "ok");
    }
  }
}
