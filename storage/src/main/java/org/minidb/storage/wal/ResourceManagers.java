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
        default -> "UNKNOWN";
      };
      default -> "rmgr" + rmgr + "/" + Integer.toHexString(info);
    };
  }
}
