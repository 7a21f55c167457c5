package org.minidb.planner.compile;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;

/**
 * One key of the order rows come out of a plan in (PostgreSQL's PathKey, kept simple): an output column, its
 * direction and where its NULLs are. A plan's order is a list of them, most significant first; an empty list
 * promises nothing.
 */
record OrderKey(int column, boolean descending, boolean nullsFirst) {
  /** The same key on another column (an order mapped through a projection or join). */
  OrderKey on(int column) { return new OrderKey(column, descending, nullsFirst); }

  /** The key read backwards (an index scanned backward): direction and NULL placement both flip. */
  OrderKey reversed() { return new OrderKey(column, !descending, !nullsFirst); }

  /** An ORDER BY key as Calcite gives it, with PostgreSQL's default NULL placement (NULLS LAST ascending). */
  static OrderKey of(RelFieldCollation fc) {
    boolean desc = fc.getDirection().isDescending();
    boolean nullsFirst = switch (fc.nullDirection) {
      case FIRST -> true;
      case LAST -> false;
      default -> desc;
    };
    return new OrderKey(fc.getFieldIndex(), desc, nullsFirst);
  }

  static List<OrderKey> of(org.apache.calcite.rel.RelCollation collation) {
    List<OrderKey> out = new ArrayList<>();
    for (RelFieldCollation fc : collation.getFieldCollations()) out.add(of(fc));
    return List.copyOf(out);
  }

  /** Ascending, NULLS LAST keys on the given columns (the order a merge join or a sorted aggregate asks for). */
  static List<OrderKey> ascending(int[] columns) {
    List<OrderKey> out = new ArrayList<>();
    for (int c : columns) out.add(new OrderKey(c, false, false));
    return List.copyOf(out);
  }

  /** Whether rows in order {@code have} are also in order {@code want} (want is a prefix of have). */
  static boolean satisfies(List<OrderKey> have, List<OrderKey> want) {
    if (want.size() > have.size()) return false;
    for (int i = 0; i < want.size(); i++) if (!have.get(i).equals(want.get(i))) return false;
    return true;
  }

  /**
   * An order mapped to new column positions ({@code map[c]} the new position of column c, or -1 where it is
   * gone): the order holds up to the first key whose column is gone.
   */
  static List<OrderKey> map(List<OrderKey> order, java.util.function.IntUnaryOperator map) {
    List<OrderKey> out = new ArrayList<>();
    for (OrderKey k : order) {
      int to = map.applyAsInt(k.column());
      if (to < 0) break;
      out.add(k.on(to));
    }
    return List.copyOf(out);
  }
}
