package org.minidb.storage.wal;

/**
 * Resource managers and record types (PostgreSQL's rmgr ids and xl_info). The type is the high nibble of
 * {@code info}; bit 0x01 of info marks a record whose page data is a full-page image.
 */
public final class ResourceManagers {
  private ResourceManagers() {}

  /** Checkpoints and hint-bit page images. */
  public static final int XLOG = 0;
  /** Commit and abort of transactions (the commit log is rebuilt from them). */
  public static final int XACT = 1;
  /** Relation file creation and removal. */
  public static final int SMGR = 2;
  /** Heap page changes (catalog rows are heap rows too). */
  public static final int HEAP = 3;
  /** B-tree index page changes (one record per page; see btree/README.md for the order of a split's records). */
  public static final int BTREE = 4;

  public static final int XLOG_CHECKPOINT_SHUTDOWN = 0x00;
  public static final int XLOG_CHECKPOINT_ONLINE = 0x10;
  public static final int XLOG_FPI_FOR_HINT = 0x20;

  public static final int XACT_COMMIT = 0x00;
  public static final int XACT_ABORT = 0x10;

  public static final int SMGR_CREATE = 0x10;
  public static final int SMGR_UNLINK = 0x20;

  public static final int HEAP_INSERT = 0x00;
  public static final int HEAP_DELETE = 0x10;
  public static final int HEAP_UPDATE = 0x20;
  /** The old version of an update whose new version went to another page learns its ctid. */
  public static final int HEAP_UPDATE_LINK = 0x30;
  /** A new page initialized without a tuple on it. */
  public static final int HEAP_INIT = 0x40;
  /** Dead versions removed from a page and the page compacted (VACUUM or on-access pruning). */
  public static final int HEAP_PRUNE = 0x50;
  /** A version's xmax set as a row lock only (SELECT ... FOR UPDATE). */
  public static final int HEAP_LOCK = 0x60;
  /** VACUUM found every version on a heap page visible to all: PD_ALL_VISIBLE, then its visibility map bit. */
  public static final int HEAP_VISIBLE = 0xa0;
  /** A visibility map bit cleared before its heap page changes (or past a truncation); a visibility map page added. */
  public static final int HEAP_VISIBILITY_MAP = 0xb0;

  /** A new entry on a leaf page. */
  public static final int BTREE_INSERT_LEAF = 0x00;
  /** A new downlink on an internal page (finishing a child's split). */
  public static final int BTREE_INSERT_UPPER = 0x10;
  /** The new right half of a split: logged first, so a crash right after it leaves an unreferenced page. */
  public static final int BTREE_SPLIT_RIGHT = 0x20;
  /** The left half of a split: its high key, right link and INCOMPLETE_SPLIT flag. */
  public static final int BTREE_SPLIT_LEFT = 0x30;
  /** The left link of the page to the right of a split. */
  public static final int BTREE_SPLIT_LINK = 0x40;
  /** The INCOMPLETE_SPLIT flag cleared once the parent has the downlink. */
  public static final int BTREE_SPLIT_FINISH = 0x50;
  /** A new root page above a split root. */
  public static final int BTREE_NEWROOT = 0x60;
  /** The metapage (root block and level). */
  public static final int BTREE_META = 0x70;
  /** An entry removed from a leaf page. */
  public static final int BTREE_DELETE = 0x80;
  /** A page written by index creation or the bottom-up build. */
  public static final int BTREE_BUILD = 0x90;
  /** LP_DEAD entries removed from a leaf about to split (nbtree's simple deletion, _bt_delitems_delete). */
  public static final int BTREE_DELETE_DEAD = 0xa0;

  /** The data of an SMGR record: the relation's file (database oid, relNumber with its fork bits). */
  public static byte[] smgrData(org.minidb.storage.file.RelFileLocator rel) {
    return java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(rel.dbOid())
        .putLong(rel.relNumber()).array();
  }

  /** A short description for logs and waldump, e.g. {@code Heap/INSERT}. */
  public static String describe(int rmgr, int info) {
    int t = info & 0xf0;
    return switch (rmgr) {
      case XLOG -> "XLOG/" + switch (t) {
        case XLOG_CHECKPOINT_SHUTDOWN -> "CHECKPOINT_SHUTDOWN";
        case XLOG_CHECKPOINT_ONLINE -> "CHECKPOINT_ONLINE";
        case XLOG_FPI_FOR_HINT -> "FPI_FOR_HINT";
        default -> "UNKNOWN";
      };
      case XACT -> "Transaction/" + (t == XACT_COMMIT ? "COMMIT" : t == XACT_ABORT ? "ABORT" : "UNKNOWN");
      case SMGR -> "Storage/" + (t == SMGR_CREATE ? "CREATE" : t == SMGR_UNLINK ? "UNLINK" : "UNKNOWN");
      case HEAP -> "Heap/" + switch (t) {
        case HEAP_INSERT -> "INSERT";
        case HEAP_DELETE -> "DELETE";
        case HEAP_UPDATE -> "UPDATE";
        case HEAP_UPDATE_LINK -> "UPDATE_LINK";
        case HEAP_INIT -> "INIT";
        case HEAP_PRUNE -> "PRUNE";
        case HEAP_LOCK -> "LOCK";
        case HEAP_VISIBLE -> "VISIBLE";
        case HEAP_VISIBILITY_MAP -> "VISIBILITY_MAP";
        default -> "UNKNOWN";
      };
      case BTREE -> "Btree/" + switch (t) {
        case BTREE_INSERT_LEAF -> "INSERT_LEAF";
        case BTREE_INSERT_UPPER -> "INSERT_UPPER";
        case BTREE_SPLIT_RIGHT -> "SPLIT_RIGHT";
        case BTREE_SPLIT_LEFT -> "SPLIT_LEFT";
        case BTREE_SPLIT_LINK -> "SPLIT_LINK";
        case BTREE_SPLIT_FINISH -> "SPLIT_FINISH";
        case BTREE_NEWROOT -> "NEWROOT";
        case BTREE_META -> "META";
        case BTREE_DELETE -> "DELETE";
        case BTREE_BUILD -> "BUILD";
        case BTREE_DELETE_DEAD -> "DELETE_DEAD";
        default -> "UNKNOWN";
      };
      default -> "rmgr" + rmgr + "/" + Integer.toHexString(info);
    };
  }
}
