package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.minidb.e2e.SqlErrors.expectError;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

/**
 * SAVEPOINT, RELEASE and ROLLBACK TO as psql and pgjdbc use them (setSavepoint, autosave). Messages and
 * SQLSTATEs as PostgreSQL 15 gives them.
 */
class SavepointTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception { server = TestServer.start(); }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  private static List<Integer> ids(Statement s, String table) throws SQLException {
    List<Integer> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
      while (rs.next()) out.add(rs.getInt(1));
    }
    return out;
  }

  @Test
  void rollbackToUndoesOnlyTheWorkSinceTheSavepoint() throws Exception {
    try (Connection c = server.connect(); Connection other = server.connect();
        Statement s = c.createStatement(); Statement o = other.createStatement()) {
      s.execute("CREATE TABLE sp1 (id int, v text)");
      s.execute("BEGIN");
      s.execute("INSERT INTO sp1 VALUES (1, 'a')");
      s.execute("SAVEPOINT one");
      s.execute("INSERT INTO sp1 VALUES (2, 'b')");
      s.execute("UPDATE sp1 SET v = 'changed' WHERE id = 1");
      s.execute("SAVEPOINT two");
      s.execute("DELETE FROM sp1");
      assertEquals(List.of(), ids(s, "sp1"));
      s.execute("ROLLBACK TO SAVEPOINT two");
      assertEquals(List.of(1, 2), ids(s, "sp1"));
      s.execute("ROLLBACK TO one");
      assertEquals(List.of(1), ids(s, "sp1"));
      try (ResultSet rs = s.executeQuery("SELECT v FROM sp1")) {
        rs.next();
        assertEquals("a", rs.getString(1), "the update after the savepoint is undone");
      }
      s.execute("INSERT INTO sp1 VALUES (3, 'c')");
      s.execute("RELEASE SAVEPOINT one");
      assertEquals(List.of(), ids(o, "sp1"), "nothing visible to others before COMMIT");
      s.execute("COMMIT");
      assertEquals(List.of(1, 3), ids(o, "sp1"));
    }
  }

  @Test
  void aFailedBlockIsUsableAgainAfterRollbackTo() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE sp2 (id int NOT NULL)");
      s.execute("BEGIN");
      s.execute("INSERT INTO sp2 VALUES (1)");
      s.execute("SAVEPOINT before_bad");
      s.execute("INSERT INTO sp2 VALUES (2)");
      expectError(s, "INSERT INTO sp2 VALUES (3), (NULL)", "23502");
      expectError(s, "SELECT 1", "25P02");
      expectError(s, "RELEASE before_bad", "25P02");
      ServerErrorMessage e = expectError(s, "ROLLBACK TO nosuch", "3B001");
      assertEquals("savepoint \"nosuch\" does not exist", e.getMessage());
      expectError(s, "SELECT 1", "25P02"); // still failed
      s.execute("ROLLBACK TO before_bad");
      s.execute("INSERT INTO sp2 VALUES (4)");
      s.execute("ROLLBACK TO before_bad"); // the savepoint stays after ROLLBACK TO
      s.execute("COMMIT");
      assertEquals(List.of(1), ids(s, "sp2"));
      e = expectError(s, "SAVEPOINT x", "25P01");
      assertEquals("SAVEPOINT can only be used in transaction blocks", e.getMessage());
      expectError(s, "ROLLBACK TO x", "25P01");
      s.execute("BEGIN");
      expectError(s, "RELEASE SAVEPOINT x", "3B001");
      s.execute("ROLLBACK");
    }
  }

  @Test
  void ddlInsideARolledBackSavepointLeavesNothing() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE sp3_keep (id int)");
      s.execute("BEGIN");
      s.execute("SAVEPOINT a");
      s.execute("CREATE TABLE sp3_gone (id int)");
      s.execute("DROP TABLE sp3_keep");
      s.execute("ROLLBACK TO a");
      s.execute("CREATE TABLE sp3_new (id int)");
      s.execute("COMMIT");
      expectError(s, "SELECT * FROM sp3_gone", "42P01");
      assertEquals(List.of(), ids(s, "sp3_keep"), "the DROP was rolled back: the table and its file are there");
      s.execute("INSERT INTO sp3_keep VALUES (1)");
      assertEquals(List.of(1), ids(s, "sp3_keep"));
      assertEquals(List.of(), ids(s, "sp3_new"));
    }
  }

  @Test
  void pgjdbcSavepointsAndAutosave() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE sp4 (id int)");
      c.setAutoCommit(false);
      s.execute("INSERT INTO sp4 VALUES (1)");
      Savepoint named = c.setSavepoint("named");
      s.execute("INSERT INTO sp4 VALUES (2)");
      Savepoint unnamed = c.setSavepoint();
      s.execute("INSERT INTO sp4 VALUES (3)");
      c.rollback(unnamed);
      assertEquals(List.of(1, 2), ids(s, "sp4"));
      c.rollback(named);
      assertEquals(List.of(1), ids(s, "sp4"));
      c.releaseSavepoint(named);
      c.commit();
      assertEquals(List.of(1), ids(s, "sp4"));
    }
    Properties autosave = new Properties();
    autosave.setProperty("autosave", "always");
    try (Connection c = server.connect(autosave); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("INSERT INTO sp4 VALUES (5)");
      assertThrows(SQLException.class, () -> s.execute("INSERT INTO sp4 VALUES (1/0)"));
      s.execute("INSERT INTO sp4 VALUES (6)"); // autosave rolled back to before the failed statement
      c.commit();
      assertEquals(List.of(1, 5, 6), ids(s, "sp4"));
    }
  }

  @Test
  void committedSavepointWorkSurvivesARestart() throws Exception {
    try (TestServer own = TestServer.start()) {
      try (Connection c = own.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE sp5 (id int)");
        s.execute("BEGIN");
        s.execute("INSERT INTO sp5 VALUES (1)");
        s.execute("SAVEPOINT a");
        s.execute("INSERT INTO sp5 VALUES (2)");
        s.execute("SAVEPOINT b");
        s.execute("INSERT INTO sp5 VALUES (3)");
        s.execute("ROLLBACK TO a");
        s.execute("SAVEPOINT c");
        s.execute("INSERT INTO sp5 VALUES (4)");
        s.execute("COMMIT"); // c is released by the commit
      }
      own.stop();
      own.startAgain();
      try (Connection c = own.connect(); Statement s = c.createStatement()) {
        assertEquals(List.of(1, 4), ids(s, "sp5"), "the committed subtransactions stay committed");
      }
    }
  }
}
