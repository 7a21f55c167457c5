package org.minidb.planner.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.planner.CreateTableStatement;
import org.minidb.planner.parse.PgParser;

/** Type names resolved through CREATE TABLE, compared with PostgreSQL's format_type of the same columns. */
class PgTypeResolverTest {
  private static DataType type(String name) {
    CreateTableStatement t = (CreateTableStatement) DdlConverter.convert(
        PgParser.parse("create table t (c " + name + ")"));
    return t.columns().get(0).type();
  }

  private static DbException error(String name) {
    return assertThrows(DbException.class, () -> type(name), name);
  }

  @Test
  void postgresSpellings() {
    for (String name : new String[] {"int", "integer", "int4", "pg_catalog.int4", "INT4"}) {
      assertEquals(DataType.INT4, type(name), name);
    }
    assertEquals(DataType.INT2, type("smallint"));
    assertEquals(DataType.INT2, type("int2"));
    assertEquals(DataType.INT8, type("bigint"));
    assertEquals(DataType.INT8, type("int8"));
    assertEquals(DataType.FLOAT4, type("real"));
    assertEquals(DataType.FLOAT4, type("float4"));
    assertEquals(DataType.FLOAT8, type("double precision"));
    assertEquals(DataType.FLOAT8, type("float8"));
    assertEquals(DataType.FLOAT8, type("float"));
    assertEquals(DataType.NUMERIC, type("numeric"));
    assertEquals(DataType.NUMERIC, type("decimal"));
    assertEquals(DataType.numeric(10, 2), type("numeric(10,2)"));
    assertEquals(DataType.numeric(5, 0), type("numeric(5)"));
    assertEquals(DataType.numeric(3, 1), type("dec(3, 1)"));
    assertEquals(DataType.BOOL, type("boolean"));
    assertEquals(DataType.BOOL, type("bool"));
    assertEquals(DataType.TEXT, type("text"));
    assertEquals(DataType.varchar(10), type("varchar(10)"));
    assertEquals(DataType.varchar(5), type("character varying(5)"));
    assertEquals(DataType.of(PgType.VARCHAR), type("varchar"));
    assertEquals(DataType.bpchar(1), type("char"));
    assertEquals(DataType.bpchar(1), type("character"));
    assertEquals(DataType.bpchar(84), type("char(84)"));
    assertEquals(DataType.bpchar(3), type("character(3)"));
    assertEquals(DataType.BYTEA, type("bytea"));
    assertEquals(DataType.DATE, type("date"));
    assertEquals(DataType.TIMESTAMP, type("timestamp"));
    assertEquals(DataType.TIMESTAMP, type("timestamp without time zone"));
    assertEquals(new DataType(PgType.TIMESTAMP, 3), type("timestamp(3)"));
    assertEquals(new DataType(PgType.TIMESTAMP, 6), type("timestamp(9)"));
    assertEquals(DataType.TIMESTAMPTZ, type("timestamptz"));
    assertEquals(DataType.TIMESTAMPTZ, type("timestamp with time zone"));
    assertEquals("timestamp(3) with time zone", type("timestamp(3) with time zone").formatType());
  }

  @Test
  void unknownAndInvalidTypes() {
    DbException foo = error("foo");
    assertEquals("42704", foo.sqlState());
    assertEquals("type \"foo\" does not exist", foo.getMessage());
    assertEquals(19, foo.position());
    assertEquals("type \"public.int4\" does not exist", error("public.int4").getMessage());
    assertEquals("type \"tinyint\" does not exist", error("tinyint").getMessage());
    assertEquals("type \"Text\" does not exist", error("\"Text\"").getMessage());
    assertEquals("0A000", error("time").sqlState());
    assertEquals("0A000", error("serial").sqlState());
    DbException varchar = error("varchar(0)");
    assertEquals("22023", varchar.sqlState());
    assertEquals("length for type varchar must be at least 1", varchar.getMessage());
    assertEquals("length for type char must be at least 1", error("char(0)").getMessage());
    assertEquals("length for type varchar cannot exceed 10485760", error("varchar(10485761)").getMessage());
    assertEquals("NUMERIC precision 0 must be between 1 and 1000", error("numeric(0)").getMessage());
    assertEquals("NUMERIC precision 1001 must be between 1 and 1000", error("numeric(1001)").getMessage());
    assertEquals("NUMERIC scale 1001 must be between -1000 and 1000", error("numeric(5, 1001)").getMessage());
  }
}
