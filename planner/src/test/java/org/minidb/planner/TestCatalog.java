package org.minidb.planner;

import java.util.List;
import java.util.Optional;
import org.minidb.common.types.DataType;
import org.minidb.storage.catalog.CheckConstraint;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/** An in-memory catalog view with a few tables for planning tests. */
final class TestCatalog implements CatalogView {
  static final TableDef T = new TableDef(16384, 2200, "public", "t", 16384, List.of(
      new ColumnDef("a", 1, DataType.INT4, true, null),
      new ColumnDef("b", 2, DataType.TEXT, false, null),
      new ColumnDef("c", 3, DataType.numeric(10, 2), false, "1.5")),
      List.of(new CheckConstraint("t_a_check", "a > 0")));
  static final TableDef U = new TableDef(16390, 2200, "public", "u", 16390, List.of(
      new ColumnDef("a", 1, DataType.INT4, false, null),
      new ColumnDef("d", 2, DataType.INT8, false, null)),
      List.of());
  static final TableDef ACCOUNTS = new TableDef(16400, 2200, "public", "pgbench_accounts", 16400, List.of(
      new ColumnDef("aid", 1, DataType.INT4, true, null),
      new ColumnDef("bid", 2, DataType.INT4, false, null),
      new ColumnDef("abalance", 3, DataType.INT4, false, null),
      new ColumnDef("filler", 4, DataType.bpchar(84), false, null)),
      List.of());
  static final TableDef BRANCHES = new TableDef(16410, 2200, "public", "pgbench_branches", 16410, List.of(
      new ColumnDef("bid", 1, DataType.INT4, true, null),
      new ColumnDef("bbalance", 2, DataType.INT4, false, null),
      new ColumnDef("filler", 3, DataType.bpchar(88), false, null)),
      List.of());
  static final TableDef MIXED = new TableDef(16420, 2200, "public", "Mixed", 16420, List.of(
      new ColumnDef("Id", 1, DataType.INT8, false, null),
      new ColumnDef("v", 2, DataType.varchar(5), false, "'x'"),
      new ColumnDef("ts", 3, DataType.TIMESTAMPTZ, false, "now()")),
      List.of());

  static final TestCatalog INSTANCE = new TestCatalog();

  private final List<TableDef> tables = List.of(T, U, ACCOUNTS, BRANCHES, MIXED);

  @Override public long version() { return 1; }

  @Override
  public Optional<TableDef> table(String schema, String name) {
    return tables.stream().filter(t -> t.name().equals(name) && (schema == null || schema.equals(t.schemaName())))
        .findFirst();
  }

  @Override public List<TableDef> tables() { return tables; }
}
