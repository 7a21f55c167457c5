package org.minidb.storage.page;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** The byte layouts of on-disk structures: little-endian, unaligned, the same on every platform. */
public final class PageBytes {
  private PageBytes() {}

  public static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  public static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  public static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
}
