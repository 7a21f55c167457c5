package org.minidb.planner.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;
import org.minidb.common.types.DataType;
import org.minidb.planner.CreateTableStatement;
import org.minidb.planner.parse.PgParser;
import org.minidb.storage.catalog.CheckConstraint;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.IndexSpec;

/** Expected names, messages and positions are what PostgreSQL 15 gives for the same statements. */
class CreateTableConverterTest {
  private static CreateTableStatement create(String sql) {
    return (CreateTableStatement) DdlConverter.convert(PgParser.parse(sql));
  }

  private static DbException error(String sql) {
    return assertThrows(DbException.class, () -> create(sql), sql);
  }

  @Test
  void pgbenchTables() {
    CreateTableStatement history = create(
        "create table pgbench_history(tid int,bid int,aid    int,delta int,mtime timestamp,filler char(22))");
    assertEquals(null, history.schema());
    assertEquals("pgbench_history", history.name());
    assertEquals(List.of(
        new ColumnDef("tid", 1, DataType.INT4, false, null),
        new ColumnDef("bid", 2, DataType.INT4, false, null),
        new ColumnDef("aid", 3, DataType.INT4, false, null),
        new ColumnDef("delta", 4, DataType.INT4, false, null),
        new ColumnDef("mtime", 5, DataType.TIMESTAMP, false, null),
        new ColumnDef("filler", 6, DataType.bpchar(22), false, null)), history.columns());
    CreateTableStatement tellers = create("create table pgbench_tellers(tid int not null,bid int,tbalance int,"
        + "filler char(84)) with (fillfactor=100)");
    assertEquals(new ColumnDef("tid", 1, DataType.INT4, true, null), tellers.columns().get(0));
    assertEquals(4, tellers.columns().size());
    assertEquals(List.of(), tellers.checks());
  }

  @Test
  void checkConstraintsAreNamedAsPostgresNamesThem() {
    CreateTableStatement t = create("create table t (a int check (a > 0), b int check (b > a), c int,"
        + " check (c > 0), check (a < c), check (1 > 0), check (a+b+c > 0))");
    assertEquals(List.of(
        new CheckConstraint("t_a_check", "a > 0"),
        new CheckConstraint("t_check", "b > a"),
        new CheckConstraint("t_c_check", "c > 0"),
        new CheckConstraint("t_check1", "a < c"),
        new CheckConstraint("t_check2", "1 > 0"),
        new CheckConstraint("t_check3", "a+b+c > 0")), t.checks());
    assertEquals(List.of(new CheckConstraint("t2_a_check", "a > 1"), new CheckConstraint("t2_a_check1", "a > 0")),
        create("create table t2 (a int, constraint t2_a_check check (a > 1), check (a > 0))").checks());
    DbException dup = error("create table t3 (a int check (a > 0), constraint t3_a_check check (a > 1))");
    assertEquals("42710", dup.sqlState());
    assertEquals("check constraint \"t3_a_check\" already exists", dup.getMessage());
  }

  @Test
  void longNamesAreShortenedToFit() {
    String table = "t".repeat(40);
    String column = "c".repeat(40);
    CreateTableStatement t = create("create table " + table + " (" + column + " int check (" + column + " > 0))");
    String name = t.checks().get(0).name();
    assertEquals("t".repeat(28) + "_" + "c".repeat(28) + "_check", name);
    // Names are cut in bytes at character boundaries: 40 two-byte characters keep 31 (62 bytes).
    CreateTableStatement accents = create("create table " + "é".repeat(40) + " (a int check (a > 0))");
    assertEquals("é".repeat(31), accents.name());
    assertEquals("é".repeat(27) + "_a_check", accents.checks().get(0).name());
  }

  @Test
  void defaultsAndNotNull() {
    CreateTableStatement t = create("create table w (a int default 'it''s' not null, b text default $$x$$ || E'\\t',"
        + " c int NULL default -1::int check (c between 0 and 10), d timestamptz default current_timestamp)");
    assertEquals(new ColumnDef("a", 1, DataType.INT4, true, "'it''s'"), t.columns().get(0));
    assertEquals(new ColumnDef("b", 2, DataType.TEXT, false, "'x' || '\t'"), t.columns().get(1));
    assertEquals(new ColumnDef("c", 3, DataType.INT4, false, "-1::int"), t.columns().get(2));
    assertEquals("current_timestamp", t.columns().get(3).defaultExpr());
    assertEquals(List.of(new CheckConstraint("w_c_check", "c between 0 and 10")), t.checks());
  }

  @Test
  void columnErrors() {
    DbException conflict = error("create table w (a int null not null)");
    assertEquals("42601", conflict.sqlState());
    assertEquals("conflicting NULL/NOT NULL declarations for column \"a\" of table \"w\"", conflict.getMessage());
    assertEquals(28, conflict.position());
    DbException defaults = error("create table w (a int default 1 default 2)");
    assertEquals("multiple default values specified for column \"a\" of table \"w\"", defaults.getMessage());
    assertEquals(33, defaults.position());
    DbException duplicate = error("create table w (a int, b text, a int)");
    assertEquals("42701", duplicate.sqlState());
    assertEquals("column \"a\" specified more than once", duplicate.getMessage());
  }

  @Test
  void keysBecomeNamedIndexesAndForeignKeysAreNotSupportedYet() {
    CreateTableStatement t = create("create table w (a int primary key, b int unique, c text, unique (b, c),"
        + " constraint w_c check (c <> ''), constraint named unique (c))");
    assertEquals(List.of("w_pkey|p|a", "w_b_key|u|b", "w_b_c_key|u|b,c", "named|u|c"), t.indexes().stream()
        .map(i -> i.name() + "|" + i.constraint() + "|"
            + String.join(",", i.columns().stream().map(IndexSpec.Column::name).toList())).toList());
    DbException twoKeys = error("create table w (a int primary key, b int, primary key (b))");
    assertEquals("42P16", twoKeys.sqlState());
    assertEquals("multiple primary keys for table \"w\" are not allowed", twoKeys.getMessage());
    assertEquals("FOREIGN KEY constraints are not supported yet",
        error("create table w (a int references x(a))").getMessage());
    assertEquals("FOREIGN KEY constraints are not supported yet",
        error("create table w (a int, foreign key (a) references x)").getMessage());
  }

  @Test
  void namesAndStorageParameters() {
    CreateTableStatement t = create("create table if not exists S.\"W\" ()");
    assertEquals("s", t.schema());
    assertEquals("W", t.name());
    assertEquals(true, t.ifNotExists());
    assertEquals(List.of(), t.columns());
    DbException db = error("create table a.b.c (a int)");
    assertEquals("0A000", db.sqlState());
    assertEquals("cross-database references are not implemented: \"a.b.c\"", db.getMessage());
    assertEquals(14, db.position());
    assertEquals("improper qualified name (too many dotted names): a.b.c.d",
        error("create table a.b.c.d (a int)").getMessage());
    DbException fill = error("create table w (a int) with (fillfactor=5)");
    assertEquals("22023", fill.sqlState());
    assertEquals("value 5 out of bounds for option \"fillfactor\"", fill.getMessage());
    assertEquals("unrecognized parameter \"foo\"", error("create table w (a int) with (foo=5)").getMessage());
    assertEquals("invalid value for integer option \"fillfactor\": true",
        error("create table w (a int) with (fillfactor)").getMessage());
    assertEquals(1, create("create table w (a int) with (fillfactor='50', autovacuum_enabled=false)")
        .columns().size());
  }

  @Test
  void createOrReplaceIsASyntaxError() {
    DbException e = assertThrows(DbException.class, () -> PgParser.parse("create or replace table t (a int)"));
    assertEquals("syntax error at or near \"table\"", e.getMessage());
    assertEquals(19, e.position());
  }
}
