package org.minidb.storage.btree;

import static org.minidb.storage.page.PageBytes.INT;

import java.lang.foreign.MemorySegment;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.page.Page;

/**
 * The metapage, block 0 of every index (PostgreSQL's BTMetaPageData): a B-tree page flagged META whose one
 * item holds {@code magic u32 | version u32 | root u32 | level u32}. The root and its level change together,
 * under the metapage's exclusive latch, when a new root is made; readers take them under the shared latch.
 */
final class BTreeMeta {
  private BTreeMeta() {}

  static final int MAGIC = 0x053162; // nbtree's BTREE_MAGIC
  static final int VERSION = 1;
  static final long BLOCK = 0;
  private static final int SIZE = 16;

  /** The root block and its level, as read under the metapage latch. */
  record Root(long block, int level) {}

  static void init(MemorySegment page, long root, int level) {
    BTreePage.init(page, 0, BTreePage.META, BTreePage.NONE, BTreePage.NONE);
    Page.addItem(page, new byte[SIZE]);
    int at = Page.itemOffset(page, 1);
    page.set(INT, at, MAGIC);
    page.set(INT, at + 4, VERSION);
    setRoot(page, root, level);
  }

  static void setRoot(MemorySegment page, long root, int level) {
    int at = Page.itemOffset(page, 1);
    page.set(INT, at + 8, (int) root);
    page.set(INT, at + 12, level);
  }

  static Root root(MemorySegment page, String index) {
    if (Page.isNew(page) || (BTreePage.flags(page) & BTreePage.META) == 0 || Page.itemCount(page) < 1
        || page.get(INT, Page.itemOffset(page, 1)) != MAGIC) {
      throw DbException.of(SqlState.INDEX_CORRUPTED, "index \"" + index + "\" is not a btree");
    }
    int at = Page.itemOffset(page, 1);
    if (page.get(INT, at + 4) != VERSION) {
      throw DbException.of(SqlState.INDEX_CORRUPTED, "version mismatch in index \"" + index + "\": file version "
          + page.get(INT, at + 4) + ", current version " + VERSION);
    }
    return new Root(Integer.toUnsignedLong(page.get(INT, at + 8)), page.get(INT, at + 12));
  }
}
