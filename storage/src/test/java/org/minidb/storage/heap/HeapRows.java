package org.minidb.storage.heap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.minidb.storage.tx.Snapshot;

/** Heap tests store strings as tuples: building them and reading back what a snapshot sees. */
final class HeapRows {
  private HeapRows() {}

  static byte[] row(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  /** The tuples visible to {@code s}, in heap order. */
  static List<String> rows(HeapRelation heap, Snapshot s) {
    List<String> out = new ArrayList<>();
    try (HeapScan scan = heap.scan(s)) {
      while (scan.next()) out.add(new String(scan.tuple(), StandardCharsets.UTF_8));
    }
    return out;
  }
}
