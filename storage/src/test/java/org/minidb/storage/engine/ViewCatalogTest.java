package org.minidb.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.error.DbException;
import org.minidb.common.types.DataType;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.catalog.ViewDef;
import org.minidb.storage.tx.Transaction;

/** Views in the storage catalog: rows, dependencies, DROP ... CASCADE order, restart, older data directories. */
class ViewCatalogTest {
  @TempDir Path dir;

  private StorageConfig config() { return new StorageConfig(dir.resolve("data"), 64 * 8192, null, false); }

  private static List<ColumnDef> columns(String name) {
    return List.of(new ColumnDef(name, 0, DataType.INT4, false, null));
  }

  @Test
  void viewsDependOnWhatTheyReadAndDropInPostgresOrder() {
    try (PagedStorageEngine e = PagedStorageEngine.open(config())) {
      Transaction tx = e.transactions().begin();
      TableDef t = e.catalog().createTable(tx, "public", "t", columns("a"), List.of());
      TableDef u = e.catalog().createTable(tx, "public", "u", columns("b"), List.of());
      ViewDef a = e.catalog().createView(tx, "public", "a", columns("a"), "SELECT a FROM t", List.of(t.oid()), false);
      ViewDef b = e.catalog().createView(tx, "public", "b", columns("b"), "SELECT b FROM u", List.of(u.oid()), false);
      e.catalog().createView(tx, "public", "ab", columns("a"), "SELECT a FROM a, b", List.of(a.oid(), b.oid()), false);
      e.transactions().commit(tx);
    }
    try (PagedStorageEngine e = PagedStorageEngine.open(config())) {
      Transaction tx = e.transactions().begin();
      ViewDef ab = e.catalog().view(tx, "public", "ab").orElseThrow();
      assertEquals("SELECT a FROM a, b", ab.definition());
      assertEquals(2, ab.references().size());
      long t = e.catalog().table(tx, "public", "t").orElseThrow().oid();
      long u = e.catalog().table(tx, "public", "u").orElseThrow().oid();
      DbException restrict = assertThrows(DbException.class, () -> e.catalog().dropRelations(tx, List.of(t), false));
      assertEquals("2BP01", restrict.sqlState());
      assertEquals("view a depends on table t\nview ab depends on view a", restrict.detail());
      tx.nextCommand();
      assertEquals(List.of("drop cascades to view a", "drop cascades to view b", "drop cascades to view ab"),
          e.catalog().dropRelations(tx, List.of(u, t), true));
      tx.nextCommand();
      assertEquals(List.of(), e.catalog().views(tx).stream()
          .filter(v -> v.oid() >= org.minidb.storage.catalog.Oids.FIRST_NORMAL_OBJECT_ID).toList());
      e.transactions().commit(tx);
    }
  }

  @Test
  void aDataDirectoryWithoutTheViewCatalogsStillOpens() throws Exception {
    try (PagedStorageEngine e = PagedStorageEngine.open(config())) {
      assertTrue(Files.exists(dir.resolve("data/base/5/2618")));
    }
    Files.delete(dir.resolve("data/base/5/2618"));
    Files.delete(dir.resolve("data/base/5/2608"));
    try (PagedStorageEngine e = PagedStorageEngine.open(config())) {
      Transaction tx = e.transactions().begin();
      TableDef t = e.catalog().createTable(tx, "public", "t", columns("a"), List.of());
      e.catalog().createView(tx, "public", "v", columns("a"), "SELECT a FROM t", List.of(t.oid()), false);
      e.transactions().commit(tx);
    }
    try (PagedStorageEngine e = PagedStorageEngine.open(config())) {
      assertTrue(e.catalog().view(e.transactions().begin(), "public", "v").isPresent());
    }
  }
}
