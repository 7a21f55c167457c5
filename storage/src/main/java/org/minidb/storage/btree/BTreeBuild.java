package org.minidb.storage.btree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.buffer.BufferPool;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.page.Page;
import org.minidb.storage.wal.ResourceManagers;

/**
 * Builds an index bottom-up from entries in ascending order (nbtree's nbtsort.c): leaf pages are filled to
 * 90% in order, each finished page gives its successor's first entry as its high key and as a separator to
 * the level above, which is filled the same way (to 70%, as nbtree's internal pages), and so on up; the last
 * level with a single page is the root, and the metapage is written last. One page per level is open at a
 * time, so memory does not grow with the index.
 *
 * <p>The index must be new (its file empty) and unseen by others while it is built. Its pages are WAL-logged
 * as they are written (each new page is an INIT record, about its size). A crash during the build leaves a
 * half-built file that nothing references: the relation was created by a transaction that did not commit.
 *
 * <pre>
 * BTreeBuild b = BTreeBuild.begin(pool, rel, "t_pkey");
 * for (each entry in ascending order) b.add(key, tid);
 * BTree index = b.finish();
 * </pre>
 */
public final class BTreeBuild {
  private static final double LEAF_FILL = 0.90;
  private static final double INTERNAL_FILL = 0.70;

  private final BTree tree;
  private final BufferPool pool;
  private final List<Level> levels = new ArrayList<>();
  private byte[] lastKey;
  private long lastTid;
  private long entries;

  /** The open (last) page of one level: its block, left sibling and the items gathered for it. */
  private static final class Level {
    final int level;
    long block;
    long prev = BTreePage.NONE;
    final List<byte[]> items = new ArrayList<>();
    int used;

    Level(int level, long block) {
      this.level = level;
      this.block = block;
    }
  }

  private BTreeBuild(BufferPool pool, RelFileLocator rel, String name) {
    this.tree = BTree.open(pool, rel, name);
    this.pool = pool;
  }

  /** Starts a build into the (existing, empty) file of {@code rel}: reserves the metapage's block. */
  public static BTreeBuild begin(BufferPool pool, RelFileLocator rel, String name) {
    BTreeBuild b = new BTreeBuild(pool, rel, name);
    long meta = b.allocate();
    if (meta != BTreeMeta.BLOCK) throw DbException.internal("index \"" + name + "\" already has pages", null);
    return b;
  }

  /** Adds the next entry; entries must come in strictly ascending (key, tid) order. */
  public void add(byte[] key, long tid) {
    byte[] tuple = BTreePage.leafTuple(key, tid);
    if (tuple.length > BTreePage.MAX_LEAF_TUPLE) {
      throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "index row size " + tuple.length
          + " exceeds btree version 4 maximum " + BTreePage.MAX_LEAF_TUPLE + " for index \"" + tree.name + "\"");
    }
    if (lastKey != null) {
      int c = Arrays.compareUnsigned(lastKey, key);
      if (c > 0 || (c == 0 && Long.compareUnsigned(lastTid, tid) >= 0)) {
        throw new IllegalArgumentException("entries out of order in the build of index \"" + tree.name + "\"");
      }
    }
    lastKey = key;
    lastTid = tid;
    entries++;
    add(0, tuple);
  }

  /** Entries added so far. */
  public long entries() { return entries; }

  /**
   * Adds a tuple to the open page of {@code level}. When it would pass the fill factor, the page's last item
   * moves to a new page and becomes the old page's high key (it takes the very space it leaves, so the page
   * always fits), the old page is written, and the level above gets the separator (and, the first time, the
   * minus-infinity downlink to this level's first page), as nbtsort.c's _bt_buildadd does.
   */
  private void add(int levelNo, byte[] tuple) {
    if (levels.size() == levelNo) levels.add(new Level(levelNo, allocate()));
    Level lv = levels.get(levelNo);
    boolean leaf = levelNo == 0;
    double target = (leaf ? LEAF_FILL : INTERNAL_FILL) * BTreePage.USABLE;
    if (lv.items.size() >= 2 && lv.used + BTreePage.itemSpace(tuple.length) > target) {
      byte[] moved = lv.items.removeLast();
      long next = allocate();
      write(lv, next, moved);
      if (lv.prev == BTreePage.NONE) add(levelNo + 1, BTreePage.minusInfinity(lv.block));
      add(levelNo + 1, leaf ? BTreePage.separatorOf(moved, next) : BTreePage.withDownlink(moved, next));
      lv.prev = lv.block;
      lv.block = next;
      lv.items.clear();
      lv.used = 0;
      byte[] first = leaf ? moved : BTreePage.minusInfinity(BTreePage.downlinkOf(moved));
      lv.items.add(first);
      lv.used += BTreePage.itemSpace(first.length);
    }
    lv.items.add(tuple);
    lv.used += BTreePage.itemSpace(tuple.length);
  }

  /**
   * Writes the last page of every level (each is the rightmost of its level), then the metapage pointing to
   * the top level's page. An empty build gives an empty root leaf.
   */
  public BTree finish() {
    if (levels.isEmpty()) levels.add(new Level(0, allocate()));
    for (Level lv : levels) write(lv, BTreePage.NONE, null);
    Level top = levels.getLast();
    return tree.guarded(() -> {
      int mbuf = tree.pinAndLatch(BTreeMeta.BLOCK, true);
      tree.writePage(mbuf, ResourceManagers.BTREE_BUILD, p -> BTreeMeta.init(p, top.block, top.level));
      tree.release(mbuf);
      return tree;
    });
  }

  /** Writes the open page of {@code lv}: right link {@code next}, high key from {@code highTuple} (if any). */
  private void write(Level lv, long next, byte[] highTuple) {
    boolean leaf = lv.level == 0;
    boolean root = next == BTreePage.NONE && lv.level == levels.size() - 1;
    int flags = (leaf ? BTreePage.LEAF : 0) | (root ? BTreePage.ROOT : 0);
    int buf = tree.pinAndLatch(lv.block, true);
    try {
      tree.writePage(buf, ResourceManagers.BTREE_BUILD, p -> {
        BTreePage.init(p, lv.level, flags, lv.prev, next);
        if (highTuple != null) Page.addItem(p, highTuple);
        for (byte[] item : lv.items) {
          if (Page.addItem(p, item) == 0) throw new IllegalStateException("build page overflow");
        }
      });
    } finally {
      tree.release(buf);
    }
  }

  /** A new zero block of the index (pinned only for the extension). */
  private long allocate() {
    int buf = pool.extend(tree.rel);
    long block = pool.blockNumber(buf);
    pool.unpin(buf);
    return block;
  }
}
