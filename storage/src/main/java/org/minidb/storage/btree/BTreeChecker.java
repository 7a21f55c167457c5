package org.minidb.storage.btree;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.page.Page;

/**
 * Verifies the structure of an index, like amcheck's {@code bt_index_check}: every level is walked left to
 * right from the root down; it checks that entries are in strictly ascending order within and across the
 * pages of a level, that each high key bounds its page from above and its right sibling from below, that the
 * left links agree with the right links, that the downlinks of each level point, in order, to the pages of
 * the level below and that each separator equals the high key of the page left of its child (so every child's
 * entries lie within its parent's bounds), and that every page is reachable from the root.
 *
 * <p>What a crash may leave is accepted, because it is valid (README): a page without a downlink whose left
 * sibling is flagged INCOMPLETE_SPLIT, and the stale left link of the page right of such a pair. Pages no
 * level reaches (the right half or new root of a split whose next record was lost) are counted as leaked.
 * Reads one page at a time under its shared latch; the result is exact when no one changes the index meanwhile.
 */
public final class BTreeChecker {
  private BTreeChecker() {}

  /** What the check found: the levels (root level + 1), pages per level, entries, and the tolerated leftovers. */
  public record Result(int levels, List<Integer> pagesPerLevel, long entries, int incompleteSplits, long leakedPages,
      long deadEntries) {
    /** Entries not flagged LP_DEAD: what scans return (before visibility). */
    public long liveEntries() { return entries - deadEntries; }
  }

  private record Entry(byte[] key, long tid) {
    int compareTo(Entry o) {
      int c = Arrays.compareUnsigned(key, o.key);
      return c != 0 ? c : Long.compareUnsigned(tid, o.tid);
    }

    @Override
    public String toString() { return "(" + Arrays.toString(key) + ", " + tid + ")"; }
  }

  /** One page as read: its links, flags, high key (null on a rightmost page), items and downlinks. */
  private record PageImage(long block, int level, int flags, long prev, long next, Entry high, List<Entry> items,
      List<Long> downlinks, int dead) {
    boolean incomplete() { return (flags & BTreePage.INCOMPLETE_SPLIT) != 0; }
  }

  public static Result check(BTree tree) {
    long nblocks = nblocks(tree);
    BTreeMeta.Root root = tree.readRoot();
    Map<Long, PageImage> seen = new HashMap<>();
    List<Integer> pagesPerLevel = new ArrayList<>();
    long entries = 0;
    long dead = 0;
    int incomplete = 0;
    List<PageImage> above = null;
    long leftmost = root.block();
    for (int level = root.level(); level >= 0; level--) {
      List<PageImage> walk = walkLevel(tree, leftmost, level, nblocks, seen);
      for (PageImage p : walk) if (p.incomplete()) incomplete++;
      if (above == null) {
        for (int i = 1; i < walk.size(); i++) {
          if (!walk.get(i - 1).incomplete()) throw fail(tree, "block " + walk.get(i).block() + " on the root level has no parent and its left sibling did not split");
        }
      } else {
        checkDownlinks(tree, above, walk);
      }
      pagesPerLevel.add(0, walk.size());
      if (level == 0) {
        for (PageImage p : walk) {
          entries += p.items().size();
          dead += p.dead();
        }
      } else {
        leftmost = walk.getFirst().downlinks().getFirst();
      }
      above = walk;
    }
    long leaked = nblocks - 1 - seen.size();
    return new Result(root.level() + 1, pagesPerLevel, entries, incomplete, leaked, dead);
  }

  /** Walks one level by right links, checking the order of everything on it and the sibling links. */
  private static List<PageImage> walkLevel(BTree tree, long leftmost, int level, long nblocks, Map<Long, PageImage> seen) {
    List<PageImage> walk = new ArrayList<>();
    Entry lowerBound = null; // the previous page's high key: every entry from here on is >= it
    long block = leftmost;
    PageImage previous = null;
    while (block != BTreePage.NONE) {
      if (block >= nblocks || seen.containsKey(block)) throw fail(tree, "right link to block " + block + " is invalid or forms a cycle");
      PageImage p = read(tree, block);
      seen.put(block, p);
      if (p.level() != level) throw fail(tree, "block " + block + " is at level " + p.level() + ", expected " + level);
      if (((p.flags() & BTreePage.LEAF) != 0) != (level == 0) || (p.flags() & BTreePage.META) != 0) {
        throw fail(tree, "block " + block + " has flags " + p.flags() + " at level " + level);
      }
      long expectedPrev = previous == null ? BTreePage.NONE : previous.block();
      if (p.prev() != expectedPrev && !staleLeftLinkAfterCrash(p, walk)) {
        throw fail(tree, "left link/right link pair in index not in agreement: block " + block + " links left to "
            + p.prev() + ", but " + expectedPrev + " links right to it");
      }
      Entry last = null;
      for (Entry e : p.items()) {
        if (e == null) continue; // minus infinity
        // The first entry may equal the lower bound (a separator is a copy of the first entry right of it).
        boolean ordered = last != null ? e.compareTo(last) > 0 : lowerBound == null || e.compareTo(lowerBound) >= 0;
        if (!ordered) {
          throw fail(tree, "item order invariant violated: block " + block + " item " + e + " after "
              + (last != null ? last : lowerBound));
        }
        last = e;
      }
      if (p.high() != null) {
        if ((last != null && p.high().compareTo(last) <= 0) || (lowerBound != null && p.high().compareTo(lowerBound) <= 0)) {
          throw fail(tree, "high key invariant violated: block " + block + " high key " + p.high() + " does not bound its page");
        }
        lowerBound = p.high();
      }
      walk.add(p);
      previous = p;
      block = p.next();
    }
    return walk;
  }

  /**
   * A crash between a split's left page record and the left-link record leaves the page right of the pair
   * linking back to the split page: accepted when that page is two steps back and flagged INCOMPLETE_SPLIT.
   */
  private static boolean staleLeftLinkAfterCrash(PageImage p, List<PageImage> walk) {
    if (walk.size() < 2) return false;
    PageImage splitPage = walk.get(walk.size() - 2);
    return splitPage.incomplete() && p.prev() == splitPage.block();
  }

  /**
   * The downlinks of the level above, in order, must be the pages of this level, skipping only right halves
   * of incomplete splits; the separator of each child must equal the high key of the page before it.
   */
  private static void checkDownlinks(BTree tree, List<PageImage> parents, List<PageImage> children) {
    Map<Long, Integer> position = new HashMap<>();
    for (int i = 0; i < children.size(); i++) position.put(children.get(i).block(), i);
    Set<Long> linked = new HashSet<>();
    int expected = 0;
    Entry parentLower = null;
    for (PageImage parent : parents) {
      for (int i = 0; i < parent.downlinks().size(); i++) {
        long child = parent.downlinks().get(i);
        Integer at = position.get(child);
        if (at == null) throw fail(tree, "downlink in block " + parent.block() + " to block " + child + " is not on the level below");
        // Pages between the previous child and this one must be right halves of incomplete splits.
        for (int j = expected; j < at; j++) {
          if (j == 0 || !children.get(j - 1).incomplete()) {
            throw fail(tree, "block " + children.get(j).block() + " has no downlink and its left sibling did not split");
          }
        }
        if (at < expected || !linked.add(child)) throw fail(tree, "downlinks out of order at block " + parent.block());
        Entry separator = i == 0 ? parentLower : parent.items().get(i);
        Entry leftHigh = at == 0 ? null : children.get(at - 1).high();
        if (!(separator == null ? leftHigh == null : leftHigh != null && separator.compareTo(leftHigh) == 0)) {
          throw fail(tree, "separator " + separator + " for block " + child + " in block " + parent.block()
              + " is not the high key " + leftHigh + " of its left sibling");
        }
        expected = at + 1;
      }
      parentLower = parent.high();
    }
    for (int j = expected; j < children.size(); j++) {
      if (j == 0 || !children.get(j - 1).incomplete()) {
        throw fail(tree, "block " + children.get(j).block() + " has no downlink and its left sibling did not split");
      }
    }
  }

  private static PageImage read(BTree tree, long block) {
    int buf = tree.pinAndLatch(block, false);
    MemorySegment page = MemorySegment.ofArray(new byte[Page.SIZE]);
    try {
      MemorySegment.copy(tree.pool.page(buf), 0, page, 0, Page.SIZE);
    } finally {
      tree.release(buf);
    }
    if (Page.isNew(page) || !Page.headerIsSane(page)) throw fail(tree, "block " + block + " is not an initialized page");
    boolean leaf = BTreePage.isLeaf(page);
    Entry high = null;
    List<Entry> items = new ArrayList<>();
    List<Long> downlinks = new ArrayList<>();
    int first = BTreePage.firstDataKey(page);
    if (first == 2) high = new Entry(BTreePage.key(page, 1, leaf), BTreePage.tid(page, 1, leaf));
    int dead = 0;
    for (int o = 1; o <= BTreePage.maxOffset(page); o++) {
      // LP_DEAD is a hint scans leave on leaf entries (kill_prior_tuple); never on a high key or internal item.
      int lp = Page.itemFlags(page, o);
      if (lp == Page.LP_DEAD && leaf && o >= first) {
        dead++;
      } else if (lp != Page.LP_NORMAL) {
        throw fail(tree, "block " + block + " item " + o + " has line pointer flags " + lp);
      }
    }
    for (int o = first; o <= BTreePage.maxOffset(page); o++) {
      boolean minusInfinity = !leaf && o == first;
      items.add(minusInfinity ? null : new Entry(BTreePage.key(page, o, leaf), BTreePage.tid(page, o, leaf)));
      if (!leaf) downlinks.add(BTreePage.downlink(page, o));
    }
    if (!leaf && downlinks.isEmpty()) throw fail(tree, "internal block " + block + " has no downlinks");
    return new PageImage(block, BTreePage.level(page), BTreePage.flags(page), BTreePage.prev(page), BTreePage.next(page),
        high, items, downlinks, dead);
  }

  private static long nblocks(BTree tree) {
    return tree.pool.nblocks(tree.rel);
  }

  private static DbException fail(BTree tree, String detail) {
    return DbException.of(SqlState.INDEX_CORRUPTED, "index \"" + tree.name + "\": " + detail);
  }
}
