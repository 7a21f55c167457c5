package org.minidb.storage.page;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.error.DbException;
import org.minidb.storage.file.FileManager;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.file.RelationFile;

class PageTest {
  @TempDir Path dir;

  @Test
  void slottedLayout() {
    MemorySegment page = MemorySegment.ofArray(new byte[Page.SIZE]);
    assertTrue(Page.isNew(page));
    Page.init(page, 0);
    assertFalse(Page.isNew(page));
    assertEquals(Page.HEADER_SIZE, Page.lower(page));
    assertEquals(Page.SIZE, Page.upper(page));
    assertEquals(Page.SIZE, Page.special(page));
    byte[] a = {1, 2, 3};
    byte[] b = new byte[100];
    b[99] = 42;
    assertEquals(1, Page.addItem(page, a));
    assertEquals(2, Page.addItem(page, b));
    assertEquals(2, Page.itemCount(page));
    assertEquals(3, Page.itemLength(page, 1));
    assertEquals(Page.LP_NORMAL, Page.itemFlags(page, 2));
    assertEquals(0, Page.itemOffset(page, 2) % 8, "items are 8-byte aligned");
    assertArrayEquals(a, Page.itemBytes(page, 1, 0));
    assertEquals(42, Page.itemBytes(page, 2, 0)[99]);
    assertTrue(Page.headerIsSane(page));
    // Fill the page: items keep fitting until free space runs out, then addItem refuses.
    int added = 0;
    while (Page.addItem(page, new byte[200]) != 0) added++;
    assertTrue(added > 30 && added < 40, "added " + added);
    assertTrue(Page.freeSpace(page) < 200);
    assertEquals(0, Page.addItem(page, new byte[Page.MAX_ITEM_SIZE + 1]));
  }

  @Test
  void lsnAndTupleHeader() {
    MemorySegment page = MemorySegment.ofArray(new byte[Page.SIZE]);
    Page.init(page, 0);
    Page.setLsn(page, 0x1234_5678_9abcL);
    assertEquals(0x1234_5678_9abcL, Page.lsn(page));
    byte[] t = HeapTupleHeader.build(77, 3, 0, new byte[] {9, 8});
    int n = Page.addItem(page, t);
    int off = Page.itemOffset(page, n);
    assertEquals(77, HeapTupleHeader.xmin(page, off));
    assertEquals(0, HeapTupleHeader.xmax(page, off));
    assertEquals(3, HeapTupleHeader.cmin(page, off));
    assertTrue((HeapTupleHeader.infomask(page, off) & HeapTupleHeader.XMAX_INVALID) != 0);
    HeapTupleHeader.setXmax(page, off, 99, 4);
    assertEquals(99, HeapTupleHeader.xmax(page, off));
    assertEquals(4, HeapTupleHeader.cmax(page, off));
    assertArrayEquals(new byte[] {9, 8}, Page.itemBytes(page, n, HeapTupleHeader.SIZE));
  }

  @Test
  void checksumDetectsAFlippedBit() {
    FileManager files = new FileManager(dir, false);
    RelFileLocator loc = new RelFileLocator(5, 16384);
    RelationFile file = files.create(loc);
    MemorySegment page = MemorySegment.ofArray(new byte[Page.SIZE]);
    Page.init(page, 0);
    Page.addItem(page, HeapTupleHeader.build(5, 0, 0, new byte[] {1, 2, 3, 4}));
    PageChecksum.set(page, 0);
    file.extend(null);
    file.write(0, page);
    file.extend(null); // an all-zero block is valid

    MemorySegment in = MemorySegment.ofArray(new byte[Page.SIZE]);
    file.read(0, in);
    PageChecksum.verify(in, 0, loc.path());
    file.read(1, in);
    PageChecksum.verify(in, 1, loc.path());

    // The same page presented as another block fails: the block number is part of the checksum.
    file.read(0, in);
    assertThrows(DbException.class, () -> PageChecksum.verify(in, 1, loc.path()));

    in.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 8000, (byte) (in.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 8000) ^ 0x10));
    file.write(0, in);
    MemorySegment again = MemorySegment.ofArray(new byte[Page.SIZE]);
    file.read(0, again);
    DbException e = assertThrows(DbException.class, () -> PageChecksum.verify(again, 0, loc.path()));
    assertEquals("XX001", e.sqlState());
    assertEquals("invalid page in block 0 of relation base/5/16384", e.getMessage());
    files.close();
  }

  @Test
  void fileCreateExtendTruncateUnlink() {
    FileManager files = new FileManager(dir, true);
    RelFileLocator loc = new RelFileLocator(0, 1262);
    RelationFile f = files.create(loc);
    assertEquals(0, f.nblocks());
    assertEquals(0, f.extend(null));
    assertEquals(1, f.extend(null));
    assertEquals(2, f.nblocks());
    f.truncate(1);
    assertEquals(1, f.nblocks());
    files.syncAll();
    assertTrue(dir.resolve("global/1262").toFile().exists());
    files.unlink(loc);
    assertFalse(dir.resolve("global/1262").toFile().exists());
    assertFalse(files.exists(loc));
    files.close();
  }

  @Test
  void itemsInsertedAtAnOffsetAndDeletedKeepTheirOrderAndSpace() {
    MemorySegment page = MemorySegment.ofArray(new byte[Page.SIZE]);
    Page.init(page, 16);
    int emptyFree = Page.freeSpace(page);
    java.util.Random rnd = new java.util.Random(4);
    java.util.List<byte[]> model = new java.util.ArrayList<>();
    for (int step = 0; step < 5000; step++) {
      if (model.isEmpty() || rnd.nextInt(3) > 0) {
        byte[] item = new byte[1 + rnd.nextInt(60)];
        rnd.nextBytes(item);
        int at = 1 + rnd.nextInt(model.size() + 1);
        if (Page.addItemAt(page, at, item)) {
          model.add(at - 1, item);
        } else {
          assertTrue(Page.freeSpace(page) < item.length + 8, "refused only when full");
        }
      } else {
        int at = 1 + rnd.nextInt(model.size());
        Page.deleteItem(page, at);
        model.remove(at - 1);
      }
      assertEquals(model.size(), Page.itemCount(page));
      assertTrue(Page.headerIsSane(page));
    }
    for (int i = 0; i < model.size(); i++) assertArrayEquals(model.get(i), Page.itemBytes(page, i + 1, 0));
    while (Page.itemCount(page) > 0) Page.deleteItem(page, 1);
    assertEquals(emptyFree, Page.freeSpace(page), "all space back");
    assertEquals(Page.special(page), Page.upper(page));
  }
}
