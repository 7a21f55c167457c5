package org.minidb.planner.cost;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;

/**
 * Average widths in bytes of values and rows, as PostgreSQL's get_typavgwidth assumes them without statistics:
 * the fixed length of a fixed-length type; for a variable-length one with a typmod its maximum size (char(n) in
 * full, others counted as 32 plus half the rest up to 1000); 32 otherwise.
 */
public final class Widths {
  private Widths() {}

  /** UTF8's longest character: varchar(n) may take n * 4 bytes (pg_encoding_max_length). */
  private static final int MAX_ENCODING_LENGTH = 4;
  private static final int VARHDRSZ = 4;

  public static int of(DataType t) {
    if (t.type().typlen() > 0) return t.type().typlen();
    int max = maximumSize(t);
    if (max > 0) {
      if (t.type() == PgType.BPCHAR || max <= 32) return max;
      return max < 1000 ? 32 + (max - 32) / 2 : 32 + (1000 - 32) / 2;
    }
    return 32;
  }

  public static int of(List<DataType> row) {
    int w = 0;
    for (DataType t : row) w += of(t);
    return w;
  }

  /** type_maximum_size: the largest a value of this type and typmod can be, or -1. */
  private static int maximumSize(DataType t) {
    if (t.typmod() < 0) return -1;
    return switch (t.type()) {
      case BPCHAR, VARCHAR -> (t.typmod() - VARHDRSZ) * MAX_ENCODING_LENGTH + VARHDRSZ;
      case NUMERIC -> {
        int precision = ((t.typmod() - VARHDRSZ) >> 16) & 0xffff;
        yield 8 + (precision + 2 * 3) / 4 * 2;
      }
      default -> -1;
    };
  }
}
