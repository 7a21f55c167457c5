package org.minidb.storage.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.encoding.ToastPointer;
import org.minidb.common.error.DbException;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.storage.toast.ToastRelation;
import org.minidb.storage.toast.ToastedHeap;
import org.minidb.storage.toast.Toaster;
import org.minidb.storage.tx.Transaction;

/** TOAST over a bare heap: chunks, compression, deletion with the row, VACUUM, corruption detection. */
class ToastRelationTest {
  private static final List<DataType> TYPES = List.of(DataType.INT4, DataType.TEXT,
      new DataType(PgType.BYTEA, DataType.NO_TYPMOD));
  private static final PgType[] PG = {PgType.INT4, PgType.TEXT, PgType.BYTEA};

  @Test
  void valuesRoundTripCompressedOrNot(@TempDir Path dir) {
    try (HeapFixture f = new HeapFixture(dir, 64)) {
      AtomicLong oids = new AtomicLong(20000);
      ToastRelation toast = new ToastRelation(9000, f.createHeap(9000), oids::incrementAndGet);
      byte[] random = new byte[100_000];
      new Random(1).nextBytes(random);
      String repetitive = "abc".repeat(50_000);
      Transaction tx = f.tm.begin();
      Object[] row = {1, repetitive, random};
      Object[] out = Toaster.toast(toast, tx, PG, row);
      assertNotSame(row, out);
      ToastPointer text = (ToastPointer) out[1];
      ToastPointer bytes = (ToastPointer) out[2];
      assertTrue(text.compressed() && text.storedSize() < 10_000, text.toString());
      assertFalse(bytes.compressed(), "random bytes are not worth compressing");
      assertEquals(100_000, bytes.storedSize());
      assertEquals(repetitive, RowCodec.fromPayload(PgType.TEXT, toast.fetch(text)));
      assertArrayEquals(random, toast.fetch(bytes));
      // The pointer round-trips through the row encoding, and the row is small now.
      byte[] tuple = RowCodec.encode(TYPES, out);
      assertTrue(tuple.length < 100, "tuple of " + tuple.length + " bytes");
      assertEquals(List.of(text, bytes), RowCodec.externalValues(PG, tuple));
      assertEquals(text, RowCodec.decode(TYPES, tuple)[1]);
      // A small row is left alone.
      Object[] small = {2, "x", new byte[10]};
      assertSame(small, Toaster.toast(toast, tx, PG, small));
      f.tm.commit(tx);
    }
  }

  /**
   * HEAP_HASEXTERNAL: a version without values out of line is replaced or deleted without reading it again (no
   * buffer access beyond the heap's own), one with them still has its chunks deleted.
   */
  @Test
  void onlyVersionsWithExternalValuesAreReadAgain(@TempDir Path dir) {
    try (HeapFixture f = new HeapFixture(dir, 64)) {
      AtomicLong oids = new AtomicLong(20000);
      PagedHeap table = f.createToastableHeap(8000, TYPES);
      ToastRelation toast = new ToastRelation(9000, f.createHeap(9000), oids::incrementAndGet);
      ToastedHeap heap = new ToastedHeap(table, table, toast, TYPES);
      byte[] big = new byte[30_000];
      new Random(3).nextBytes(big);
      Transaction w = f.tm.begin();
      long small = heap.insert(w, heap.formTuple(w, TYPES, new Object[] {1, "small", new byte[] {1}}));
      long large = heap.insert(w, heap.formTuple(w, TYPES, new Object[] {2, "large", big}));
      f.tm.commit(w);

      Transaction u = f.tm.begin();
      var usage = org.minidb.storage.buffer.BufferUsage.current();
      long before = usage.sharedHit + usage.sharedRead;
      TupleChange r = heap.update(u, small, heap.formTuple(u, TYPES, new Object[] {1, "small2", new byte[] {2}}));
      assertTrue(r.ok());
      assertFalse(r.oldHadExternal());
      long smallUpdate = usage.sharedHit + usage.sharedRead - before;
      before = usage.sharedHit + usage.sharedRead;
      TupleChange rl = heap.update(u, large, heap.formTuple(u, TYPES, new Object[] {2, "small now", new byte[] {3}}));
      assertTrue(rl.oldHadExternal());
      long largeUpdate = usage.sharedHit + usage.sharedRead - before;
      assertTrue(largeUpdate > smallUpdate, "only the version with chunks is read again: " + largeUpdate + " vs "
          + smallUpdate);
      assertFalse(heap.delete(u, r.tid()).oldHadExternal());
      f.tm.commit(u);
      Transaction v = f.tm.begin();
      heap.vacuum(v);
      f.tm.commit(v);
      assertEquals(0, toast.pageCount(), "the large value's chunks died with its version");
    }
  }

  @Test
  void deletedRowsTakeTheirChunksAndVacuumFreesThem(@TempDir Path dir) {
    try (HeapFixture f = new HeapFixture(dir, 64)) {
      AtomicLong oids = new AtomicLong(20000);
      PagedHeap table = f.createToastableHeap(8000, TYPES);
      ToastRelation toast = new ToastRelation(9000, f.createHeap(9000), oids::incrementAndGet);
      ToastedHeap heap = new ToastedHeap(table, table, toast, TYPES);
      assertThrows(IllegalArgumentException.class, () -> new ToastedHeap(f.createHeap(8500), f.createHeap(8501), toast, TYPES),
          "a table heap that does not set HEAP_HASEXTERNAL would leak the chunks of replaced versions");
      byte[] big = new byte[50_000];
      new Random(2).nextBytes(big);
      Transaction w = f.tm.begin();
      long tid = heap.insert(w, heap.formTuple(w, TYPES, new Object[] {1, "small", big}));
      f.tm.commit(w);
      long pages = toast.pageCount();
      assertEquals((50_000 + ToastRelation.CHUNK_SIZE - 1) / ToastRelation.CHUNK_SIZE, 26);
      assertEquals(7, pages, "26 chunks, four a page");

      Transaction rolledBack = f.tm.begin();
      heap.insert(rolledBack, heap.formTuple(rolledBack, TYPES, new Object[] {2, "gone", big}));
      f.tm.abort(rolledBack);

      Transaction u = f.tm.begin();
      TupleChange r = heap.update(u, tid, heap.formTuple(u, TYPES, new Object[] {1, "changed", big}));
      assertTrue(r.ok());
      f.tm.commit(u);
      byte[] now = table.fetchItem(r.tid());
      ToastPointer p = (ToastPointer) RowCodec.decode(TYPES, now)[2];
      assertArrayEquals(big, toast.fetch(p));

      Transaction d = f.tm.begin();
      assertTrue(heap.delete(d, r.tid()).ok());
      f.tm.commit(d);
      Transaction v = f.tm.begin();
      heap.vacuum(v);
      f.tm.commit(v);
      assertEquals(0, toast.pageCount(), "every chunk dead: the TOAST relation is truncated to nothing");
      DbException e = assertThrows(DbException.class, () -> toast.fetch(p));
      assertEquals("XX001", e.sqlState());
    }
  }
}
