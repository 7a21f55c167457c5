package org.minidb.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;

class UtilityParserTest {
  @Test
  void transactionControl() {
    assertInstanceOf(UtilityCommand.Begin.class, UtilityParser.parse("BEGIN"));
    assertInstanceOf(UtilityCommand.Begin.class, UtilityParser.parse("  /* why */ -- now\n begin"));
    assertInstanceOf(UtilityCommand.Begin.class, UtilityParser.parse("start transaction"));
    assertInstanceOf(UtilityCommand.Commit.class, UtilityParser.parse("END"));
    assertInstanceOf(UtilityCommand.Commit.class, UtilityParser.parse("commit work"));
    assertInstanceOf(UtilityCommand.Rollback.class, UtilityParser.parse("abort"));
    UtilityCommand.Begin b = (UtilityCommand.Begin) UtilityParser.parse(
        "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    assertEquals(new TransactionModes("repeatable read", true, null), b.modes());
    assertEquals(new UtilityCommand.Savepoint("a"), UtilityParser.parse("SAVEPOINT a"));
    assertEquals(new UtilityCommand.RollbackToSavepoint("a"), UtilityParser.parse("ROLLBACK TO SAVEPOINT a"));
    assertEquals(new UtilityCommand.RollbackToSavepoint("Mixed"), UtilityParser.parse("rollback work to \"Mixed\""));
    assertEquals(new UtilityCommand.ReleaseSavepoint("b"), UtilityParser.parse("RELEASE b"));
    assertEquals(new UtilityCommand.LockTable(List.of(List.of("s", "t"), List.of("u")), "share row exclusive", true),
        UtilityParser.parse("LOCK TABLE s.t, ONLY u IN SHARE ROW EXCLUSIVE MODE NOWAIT"));
  }

  @Test
  void settings() {
    assertEquals(new UtilityCommand.Set("application_name", List.of("x y"), false),
        UtilityParser.parse("SET application_name = 'x y'"));
    assertEquals(new UtilityCommand.Set("search_path", List.of("a", "public"), false),
        UtilityParser.parse("set search_path to a, public"));
    assertEquals(new UtilityCommand.Set("timezone", List.of("UTC"), false),
        UtilityParser.parse("SET TIME ZONE 'UTC'"));
    assertEquals(new UtilityCommand.Set("extra_float_digits", List.of("-3"), false),
        UtilityParser.parse("SET extra_float_digits = -3"));
    assertEquals(new UtilityCommand.Set("work_mem", List.of(), true),
        UtilityParser.parse("SET LOCAL work_mem TO DEFAULT"));
    assertEquals(new UtilityCommand.Show("transaction_isolation"),
        UtilityParser.parse("SHOW TRANSACTION ISOLATION LEVEL"));
    assertEquals(new UtilityCommand.Show(null), UtilityParser.parse("show all"));
    assertEquals(new UtilityCommand.Reset("datestyle"), UtilityParser.parse("RESET DateStyle"));
    assertInstanceOf(UtilityCommand.SetTransaction.class,
        UtilityParser.parse("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED"));
  }

  @Test
  void theFirstWordFastPathLetsEveryUtilityThrough() {
    assertInstanceOf(UtilityCommand.class, UtilityParser.parse("CHECKPOINT"));
    assertInstanceOf(UtilityCommand.ReleaseSavepoint.class, UtilityParser.parse("release savepoint a"));
    assertInstanceOf(UtilityCommand.LockTable.class, UtilityParser.parse("lock t"));
    assertEquals(new UtilityCommand.Vacuum(List.of("verbose"), List.of(
        new UtilityCommand.TableColumns(List.of("t"), List.of()), new UtilityCommand.TableColumns(List.of("s", "u"), List.of()))),
        UtilityParser.parse("VACUUM (VERBOSE) t, s.u"));
    assertEquals(new UtilityCommand.Analyze(List.of("verbose"), List.of(
        new UtilityCommand.TableColumns(List.of("t"), List.of("a", "b")), new UtilityCommand.TableColumns(List.of("u"), List.of()))),
        UtilityParser.parse("ANALYZE VERBOSE t (a, b), u"));
    assertEquals(new UtilityCommand.Analyze(List.of(), List.of()), UtilityParser.parse("analyse"));
    assertEquals(new UtilityCommand.Vacuum(List.of("analyze", "verbose"), List.of(
        new UtilityCommand.TableColumns(List.of("t"), List.of("a")))), UtilityParser.parse("vacuum (analyze, verbose) t (a)"));
    assertEquals(new UtilityCommand.Vacuum(List.of("full", "analyze"), List.of()), UtilityParser.parse("vacuum full analyze"));
    assertInstanceOf(UtilityCommand.Unsupported.class, UtilityParser.parse("PREPARE TRANSACTION 'x'"));
  }

  @Test
  void otherStatementsGoToThePlanner() {
    assertNull(UtilityParser.parse("select 1"));
    assertNull(UtilityParser.parse("insert into t values (1)"));
    assertNull(UtilityParser.parse("(select 1)"));
    assertNull(UtilityParser.parse("settle"));
    assertNull(UtilityParser.parse("\"begin\""));
    assertThrows(DbException.class, () -> UtilityParser.parse("SET x"));
  }
}
