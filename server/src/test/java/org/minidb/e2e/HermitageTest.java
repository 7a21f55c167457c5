package org.minidb.e2e;


import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hermitage's anomaly tests (https://github.com/ept/hermitage, PostgreSQL's scripts) at each isolation level:
 * two or three clients step through a fixed order, and every step's outcome is the one PostgreSQL 15 gives.
 * The expectations were recorded by running this class against PostgreSQL 15
 * ({@code -Dminidb.e2e.postgres=jdbc:postgresql://HOST:PORT/postgres}, see {@link IsolationTarget}).
 *
 * <p>Differences from Hermitage's setup: the table has no primary key (MiniDB has no PRIMARY KEY yet), so
 * PostgreSQL's SERIALIZABLE cells were recorded with sequential scans (relation-level predicate locks).
 * Hermitage's PostgreSQL file has no {@code SELECT ... FOR UPDATE} variant; the one added here (lost update
 * prevented by a row lock, as Hermitage runs it on other databases) is skipped on MiniDB, which lacks
 * {@code FOR UPDATE} yet. MiniDB's SERIALIZABLE (serializable snapshot isolation with relation-level SIREAD
 * locks, {@code storage/tx/ssi}) gives PostgreSQL's outcomes in every cell.
 */
class HermitageTest extends HermitageTableTest {
  static final String CONCURRENT_UPDATE = "ERROR 40001 could not serialize access due to concurrent update";
  static final String RW_DEPENDENCIES =
      "ERROR 40001 could not serialize access due to read/write dependencies among transactions";
  static final String ABORTED =
      "ERROR 25P02 current transaction is aborted, commands ignored until end of transaction block";

  /** True (and the test is over, see {@link IsolationTarget#refuses}) when the target refuses this level. */
  private static boolean refused(TxLevel level) throws SQLException { return target.refuses(level); }

  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void g0WriteCycles(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("update test set value = 11 where id = 1", "1 row");
      t2.blocks("update test set value = 12 where id = 1");
      t1.run("update test set value = 21 where id = 2", "1 row");
      t1.run("commit", "ok");
      t1.run("select * from test", "{1=>11, 2=>21}");
      t2.unblocks(level.pick("1 row", CONCURRENT_UPDATE, CONCURRENT_UPDATE));
      t2.run("update test set value = 22 where id = 2", level.pick("1 row", ABORTED, ABORTED));
      t2.run("commit", "ok");
      t1.run("select * from test", level.pick("{1=>12, 2=>22}", "{1=>11, 2=>21}", "{1=>11, 2=>21}"));
    }
  }

  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void g1aAbortedReads(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("update test set value = 101 where id = 1", "1 row");
      t2.run("select * from test", "{1=>10, 2=>20}");
      t1.run("abort", "ok");
      t2.run("select * from test", "{1=>10, 2=>20}");
      t2.run("commit", "ok");
    }
  }

  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void g1bIntermediateReads(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("update test set value = 101 where id = 1", "1 row");
      t2.run("select * from test", "{1=>10, 2=>20}");
      t1.run("update test set value = 11 where id = 1", "1 row");
      t1.run("commit", "ok");
      t2.run("select * from test", level.pick("{1=>11, 2=>20}", "{1=>10, 2=>20}", "{1=>10, 2=>20}"));
      t2.run("commit", "ok");
    }
  }

  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void g1cCircularInformationFlow(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("update test set value = 11 where id = 1", "1 row");
      t2.run("update test set value = 22 where id = 2", "1 row");
      t1.run("select * from test where id = 2", "{2=>20}");
      t2.run("select * from test where id = 1", "{1=>10}");
      t1.run("commit", "ok");
      t2.run("commit", level.pick("ok", "ok", RW_DEPENDENCIES));
    }
  }

  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void otvObservedTransactionVanishes(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level);
        SteppedClient t3 = begun("T3", level)) {
      t1.run("update test set value = 11 where id = 1", "1 row");
      t1.run("update test set value = 19 where id = 2", "1 row");
      t2.blocks("update test set value = 12 where id = 1");
      t1.run("commit", "ok");
      t3.run("select * from test where id = 1", "{1=>11}");
      t2.unblocks(level.pick("1 row", CONCURRENT_UPDATE, CONCURRENT_UPDATE));
      t2.run("update test set value = 18 where id = 2", level.pick("1 row", ABORTED, ABORTED));
      t3.run("select * from test where id = 2", "{2=>19}");
      t2.run("commit", "ok");
      t3.run("select * from test where id = 2", level.pick("{2=>18}", "{2=>19}", "{2=>19}"));
      t3.run("select * from test where id = 1", level.pick("{1=>12}", "{1=>11}", "{1=>11}"));
      t3.run("commit", "ok");
    }
  }

  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void pmpPredicateManyPreceders(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("select * from test where value = 30", "{}");
      t2.run("insert into test (id, value) values(3, 30)", "1 row");
      t2.run("commit", "ok");
      t1.run("select * from test where value % 3 = 0", level.pick("{3=>30}", "{}", "{}"));
      t1.run("commit", "ok");
    }
  }

  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void pmpWritePredicates(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("update test set value = value + 10", "2 rows");
      t2.blocks("delete from test where value = 20");
      t1.run("commit", "ok");
      t2.unblocks(level.pick("0 rows", CONCURRENT_UPDATE, CONCURRENT_UPDATE));
      t2.run("select * from test where value = 20", level.pick("{1=>20}", ABORTED, ABORTED));
      t2.run("commit", "ok");
    }
  }

  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void p4LostUpdate(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("select * from test where id = 1", "{1=>10}");
      t2.run("select * from test where id = 1", "{1=>10}");
      t1.run("update test set value = 11 where id = 1", "1 row");
      t2.blocks("update test set value = 11 where id = 1");
      t1.run("commit", "ok");
      t2.unblocks(level.pick("1 row", CONCURRENT_UPDATE, CONCURRENT_UPDATE));
      t2.run("commit", "ok");
    }
  }

  /**
   * Lost update prevented by locking the row as it is read (the {@code FOR UPDATE} variant Hermitage runs on
   * other databases).
   */
  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void p4LostUpdateWithSelectForUpdate(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("select * from test where id = 1 for update", "{1=>10}");
      t2.blocks("select * from test where id = 1 for update");
      t1.run("update test set value = 11 where id = 1", "1 row");
      t1.run("commit", "ok");
      t2.unblocks(level.pick("{1=>11}", CONCURRENT_UPDATE, CONCURRENT_UPDATE));
      t2.run("update test set value = 12 where id = 1", level.pick("1 row", ABORTED, ABORTED));
      t2.run("commit", "ok");
      t1.run("select * from test", level.pick("{1=>12, 2=>20}", "{1=>11, 2=>20}", "{1=>11, 2=>20}"));
    }
  }

  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void gSingleReadSkew(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("select * from test where id = 1", "{1=>10}");
      t2.run("select * from test where id = 1", "{1=>10}");
      t2.run("select * from test where id = 2", "{2=>20}");
      t2.run("update test set value = 12 where id = 1", "1 row");
      t2.run("update test set value = 18 where id = 2", "1 row");
      t2.run("commit", "ok");
      t1.run("select * from test where id = 2", level.pick("{2=>18}", "{2=>20}", "{2=>20}"));
      t1.run("commit", "ok");
    }
  }

  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void gSingleReadSkewWithPredicateDependencies(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("select * from test where value % 5 = 0", "{1=>10, 2=>20}");
      t2.run("update test set value = 12 where value = 10", "1 row");
      t2.run("commit", "ok");
      t1.run("select * from test where value % 3 = 0", level.pick("{1=>12}", "{}", "{}"));
      t1.run("commit", "ok");
    }
  }

  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void gSingleReadSkewWithWritePredicate(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("select * from test where id = 1", "{1=>10}");
      t2.run("select * from test", "{1=>10, 2=>20}");
      t2.run("update test set value = 12 where id = 1", "1 row");
      t2.run("update test set value = 18 where id = 2", "1 row");
      t2.run("commit", "ok");
      t1.run("delete from test where value = 20", level.pick("0 rows", CONCURRENT_UPDATE, CONCURRENT_UPDATE));
      t1.run("abort", "ok");
    }
  }

  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void g2ItemWriteSkew(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("select * from test where id in (1,2)", "{1=>10, 2=>20}");
      t2.run("select * from test where id in (1,2)", "{1=>10, 2=>20}");
      t1.run("update test set value = 11 where id = 1", "1 row");
      t2.run("update test set value = 21 where id = 2", "1 row");
      t1.run("commit", "ok");
      t2.run("commit", level.pick("ok", "ok", RW_DEPENDENCIES));
      t1.run("select * from test", level.pick("{1=>11, 2=>21}", "{1=>11, 2=>21}", "{1=>11, 2=>20}"));
    }
  }

  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void g2AntiDependencyCycles(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("select * from test where value % 3 = 0", "{}");
      t2.run("select * from test where value % 3 = 0", "{}");
      t1.run("insert into test (id, value) values(3, 30)", "1 row");
      t2.run("insert into test (id, value) values(4, 42)", "1 row");
      t1.run("commit", "ok");
      t2.run("commit", level.pick("ok", "ok", RW_DEPENDENCIES));
      t1.run("select * from test where value % 3 = 0", level.pick("{3=>30, 4=>42}", "{3=>30, 4=>42}", "{3=>30}"));
    }
  }

  /** Fekete et al.'s read-only anomaly: two anti-dependency edges, T3 only reads. */
  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void g2TwoAntiDependencyEdges(TxLevel level) throws SQLException {
    if (refused(level)) return;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = client("T2"); SteppedClient t3 = client("T3")) {
      t1.run("select * from test", "{1=>10, 2=>20}");
      t2.begin(level.sqlName);
      t2.run("update test set value = value + 5 where id = 2", "1 row");
      t2.run("commit", "ok");
      t3.begin(level.sqlName);
      t3.run("select * from test", "{1=>10, 2=>25}");
      t3.run("commit", "ok");
      t1.run("update test set value = 0 where id = 1", level.pick("1 row", "1 row", RW_DEPENDENCIES));
      t1.run("abort", "ok");
    }
  }
}
