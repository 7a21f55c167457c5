package org.minidb.storage.tx;

/** Special transaction ids (PostgreSQL's transam.h). xids are 64-bit and never wrap around. */
public final class TransactionIds {
  private TransactionIds() {}

  public static final long INVALID = 0;
  public static final long BOOTSTRAP = 1;
  public static final long FROZEN = 2;
  public static final long FIRST_NORMAL = 3;

  /** Normal xids are reserved in batches of this size; the control file records the end of the batch. */
  public static final long XID_PREFETCH = 1024;
}
