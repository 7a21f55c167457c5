package org.minidb.storage.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.error.DbException;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.catalog.CheckConstraint;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.SystemCatalogs;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.tx.Transaction;

class PagedStorageEngineTest {
  @TempDir Path dir;

  static final List<DataType> TYPES = List.of(DataType.INT4, DataType.TEXT);

  private StorageConfig config(long buffers) { return new StorageConfig(dir.resolve("data"), buffers * 8192, null, false); }

  static List<ColumnDef> columns() {
    return List.of(new ColumnDef("id", 0, DataType.INT4, true, null),
        new ColumnDef("name", 0, DataType.varchar(40), false, "'none'"));
  }

  static List<String> rows(PagedStorageEngine e, TableDef t, Transaction tx) {
    List<String> out = new ArrayList<>();
    try (HeapScan s = e.heap(t).scan(tx.snapshot())) {
      while (s.next()) {
        Object[] r = RowCodec.decode(TYPES, s.tuple());
        out.add(r[0] + ":" + r[1]);
      }
    }
    out.sort(null);
    return out;
  }

  static void insert(PagedStorageEngine e, TableDef t, Transaction tx, int id, String name) {
    e.heap(t).insert(tx, RowCodec.encode(TYPES, new Object[] {id, name}));
  }

  @Test
  void bootstrapCreatesTheCatalog() {
    try (PagedStorageEngine e = PagedStorageEngine.open(config(64))) {
      assertTrue(Files.exists(dir.resolve("data/global/pg_control")));
      assertTrue(Files.exists(dir.resolve("data/global/1262")));
      assertTrue(Files.exists(dir.resolve("data/base/5/1259")));
      assertEquals(5, e.catalog().database("postgres").orElseThrow().oid());
      var role = e.catalog().role("postgres").orElseThrow();
      assertEquals(10, role.oid());
      assertTrue(role.superuser());
      assertTrue(e.catalog().database("nope").isEmpty());
      Transaction tx = e.transactions().begin();
      List<TableDef> tables = e.catalog().tables(tx);
      assertEquals(SystemCatalogs.ALL.size(), tables.size());
      TableDef pgClass = e.catalog().table(tx, "pg_catalog", "pg_class").orElseThrow();
      assertEquals(1259, pgClass.oid());
      assertEquals("relname", pgClass.columns().get(1).name());
      assertEquals(PgType.NAME, pgClass.column("relname").type().type());
      // The catalog tables are readable as tables: pg_type has a row per PgType.
      TableDef pgType = e.catalog().table(tx, "pg_catalog", "pg_type").orElseThrow();
      List<DataType> types = pgType.columns().stream().map(ColumnDef::type).toList();
      List<String> names = new ArrayList<>();
      try (HeapScan s = e.heap(pgType).scan(tx.snapshot())) {
        while (s.next()) names.add((String) RowCodec.decode(types, s.tuple())[1]);
      }
      assertEquals(PgType.values().length, names.size());
      assertTrue(names.contains("int4"));
      TableDef pgDatabase = e.catalog().table(tx, "pg_catalog", "pg_database").orElseThrow();
      assertEquals(1, e.heap(pgDatabase).pageCount());
      e.transactions().commit(tx);
    }
  }

  @Test
  void createInsertScanAndRestart() {
    long oid;
    try (PagedStorageEngine e = PagedStorageEngine.open(config(64))) {
      Transaction tx = e.transactions().begin();
      tx.nextCommand();
      TableDef t = e.catalog().createTable(tx, "public", "t", columns(), List.of(new CheckConstraint(null, "id > 0")));
      oid = t.oid();
      assertEquals(16384, oid);
      assertEquals(List.of(1, 2), t.columns().stream().map(ColumnDef::attnum).toList());
      tx.nextCommand();
      insert(e, t, tx, 1, "one");
      insert(e, t, tx, 2, "two");
      e.transactions().commit(tx);

      Transaction aborted = e.transactions().begin();
      insert(e, t, aborted, 3, "aborted");
      e.transactions().abort(aborted);
      Transaction open = e.transactions().begin();
      insert(e, t, open, 4, "never committed");
      Transaction ghost = e.transactions().begin();
      e.catalog().createTable(ghost, "public", "ghost", columns(), List.of());
      // `open` and `ghost` are still running at close: their row and table must not survive.
    }
    try (PagedStorageEngine e = PagedStorageEngine.open(config(64))) {
      Transaction tx = e.transactions().begin();
      TableDef t = e.catalog().table(tx, "public", "t").orElseThrow();
      assertEquals(oid, t.oid());
      assertEquals("'none'", t.column("name").defaultExpr());
      assertTrue(t.column("id").notNull());
      assertEquals(DataType.varchar(40), t.column("name").type());
      assertEquals(List.of(new CheckConstraint("t_check", "id > 0")), t.checks());
      assertEquals(List.of("1:one", "2:two"), rows(e, t, tx));
      assertTrue(e.catalog().table(tx, "public", "ghost").isEmpty());
      // New OIDs and xids continue above the old ones.
      TableDef u = e.catalog().createTable(tx, "public", "u", columns(), List.of());
      assertTrue(u.oid() > oid);
      e.transactions().commit(tx);
    }
  }

  @Test
  void ddlIsTransactional() {
    try (PagedStorageEngine e = PagedStorageEngine.open(config(64))) {
      long v0 = e.catalog().version();
      Transaction a = e.transactions().begin();
      a.nextCommand();
      TableDef t = e.catalog().createTable(a, "public", "t", columns(), List.of());
      Path file = dir.resolve("data/base/5/" + t.relfilenode());
      assertTrue(Files.exists(file));
      assertTrue(e.catalog().table(a, "public", "t").isPresent(), "visible to its creator");
      Transaction b = e.transactions().begin();
      assertTrue(e.catalog().table(b, "public", "t").isEmpty(), "invisible to others before commit");
      assertEquals(v0, e.catalog().version());
      DbException dup = assertThrows(DbException.class, () -> e.catalog().createTable(a, "public", "t", columns(), List.of()));
      assertEquals("42P07", dup.sqlState());
      assertEquals("relation \"t\" already exists", dup.getMessage());
      DbException noSchema = assertThrows(DbException.class, () -> e.catalog().createTable(a, "x", "t", columns(), List.of()));
      assertEquals("3F000", noSchema.sqlState());
      assertEquals("schema \"x\" does not exist", noSchema.getMessage());
      e.transactions().abort(a);
      assertFalse(Files.exists(file), "the created file goes with the abort");
      assertTrue(e.catalog().table(b, "public", "t").isEmpty());
      e.transactions().commit(b);

      Transaction c = e.transactions().begin();
      c.nextCommand();
      TableDef t2 = e.catalog().createTable(c, "public", "t", columns(), List.of());
      c.nextCommand();
      insert(e, t2, c, 1, "x");
      e.transactions().commit(c);
      assertTrue(e.catalog().version() > v0, "committed DDL moves the version");
      long v1 = e.catalog().version();

      Transaction d = e.transactions().begin();
      Transaction reader = e.transactions().begin();
      assertTrue(e.catalog().table(reader, "public", "t").isPresent());
      e.catalog().dropTable(d, t2);
      assertTrue(e.catalog().table(d, "public", "t").isEmpty(), "gone for the dropper");
      assertTrue(e.catalog().table(reader, "public", "t").isPresent(), "still there for others");
      Path file2 = dir.resolve("data/base/5/" + t2.relfilenode());
      e.transactions().commit(d);
      assertFalse(Files.exists(file2), "the dropped file goes after commit");
      assertTrue(e.catalog().version() > v1);
      assertTrue(e.catalog().table(reader, "public", "t").isEmpty());
      assertEquals(SystemCatalogs.ALL.size(), e.catalog().tables(reader).size());
      DbException sys = assertThrows(DbException.class,
          () -> e.catalog().dropTable(reader, e.catalog().table(reader, "pg_catalog", "pg_class").orElseThrow()));
      assertEquals("42501", sys.sqlState());
      e.transactions().commit(reader);
    }
  }

  @Test
  void aTableTenTimesTheBufferPool() {
    int buffers = 16;
    try (PagedStorageEngine e = PagedStorageEngine.open(config(buffers))) {
      Transaction tx = e.transactions().begin();
      TableDef t = e.catalog().createTable(tx, "public", "big", columns(), List.of());
      tx.nextCommand();
      HeapRelation heap = e.heap(t);
      String pad = "x".repeat(30);
      int n = 0;
      while (heap.pageCount() < buffers * 10L) insert(e, t, tx, ++n, pad + n);
      e.transactions().commit(tx);
      assertEquals(0, e.bufferPool().pinnedBuffers());
      Transaction r = e.transactions().begin();
      assertEquals(n, rows(e, t, r).size());
      e.transactions().commit(r);
    }
    try (PagedStorageEngine e = PagedStorageEngine.open(config(buffers))) {
      Transaction r = e.transactions().begin();
      TableDef t = e.catalog().table(r, "public", "big").orElseThrow();
      assertTrue(e.heap(t).pageCount() >= buffers * 10L);
      long sum = 0;
      try (HeapScan s = e.heap(t).scan(r.snapshot())) {
        while (s.next()) sum += (Integer) RowCodec.decode(TYPES, s.tuple())[0];
      }
      long count = rows(e, t, r).size();
      assertEquals(count * (count + 1) / 2, sum);
      e.transactions().commit(r);
    }
  }

  @Test
  void aCorruptPageIsReportedWhenRead() throws Exception {
    TableDef t;
    try (PagedStorageEngine e = PagedStorageEngine.open(config(16))) {
      Transaction tx = e.transactions().begin();
      t = e.catalog().createTable(tx, "public", "t", columns(), List.of());
      tx.nextCommand();
      insert(e, t, tx, 1, "one");
      e.transactions().commit(tx);
    }
    Path file = dir.resolve("data/base/5/" + t.relfilenode());
    try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
        java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
      ch.read(b, 8100);
      b.put(0, (byte) (b.get(0) ^ 1));
      b.rewind();
      ch.write(b, 8100);
    }
    try (PagedStorageEngine e = PagedStorageEngine.open(config(16))) {
      Transaction tx = e.transactions().begin();
      DbException ex = assertThrows(DbException.class, () -> rows(e, t, tx));
      assertEquals("XX001", ex.sqlState());
      assertEquals("invalid page in block 0 of relation base/5/" + t.relfilenode(), ex.getMessage());
      assertEquals(0, e.bufferPool().pinnedBuffers());
      e.transactions().abort(tx);
    }
  }

  @Test
  void sharedMemoryMappedFromAFile() throws Exception {
    Path base = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : dir;
    Path shmFile = base.resolve("minidb-engine-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    try {
      StorageConfig c = new StorageConfig(dir.resolve("data"), 32 * 8192, shmFile, false);
      try (PagedStorageEngine e = PagedStorageEngine.open(c)) {
        assertTrue(Files.exists(shmFile));
        Transaction tx = e.transactions().begin();
        TableDef t = e.catalog().createTable(tx, "public", "t", columns(), List.of());
        tx.nextCommand();
        insert(e, t, tx, 7, "seven");
        tx.nextCommand();
        assertEquals(List.of("7:seven"), rows(e, t, tx));
        e.transactions().commit(tx);
      }
    } finally {
      Files.deleteIfExists(shmFile);
    }
  }
}
