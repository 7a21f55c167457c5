package org.minidb.executor.spill;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * PostgreSQL's tuplesort: rows are collected in memory while their estimated size ({@link RowMemory}) stays
 * within {@code work_mem}, then sorted in memory ("quicksort"). Past that, each memory load is sorted and
 * written to a temporary file as a sorted run, and the runs are merged k at a time ("external merge"): k is
 * what work_mem allows in read buffers (at least 2), so more runs take several passes, each pass writing
 * merged runs, and the last merge streams its rows to the caller.
 *
 * <p>Usage: {@link #add} every row, then {@link #sorted()} once, then {@link #close()} (also after a failure):
 * that deletes every run still on disk. Without a {@link TempFileSpace} the sort never spills.
 */
public final class ExternalSorter implements AutoCloseable {
  private final Comparator<Object[]> order;
  private final long workMemBytes;
  private final TempFileSpace space;
  private List<Object[]> memory = new ArrayList<>();
  private long memoryBytes;
  private long peakMemoryBytes;
  /** Sorted runs on disk, oldest first; merged in that order so that each pass takes the shortest runs. */
  private final Deque<SpillFile> runs = new ArrayDeque<>();
  private final List<SpillFile> merging = new ArrayList<>();
  private long diskBytes;
  private MergeCursor merge;

  public ExternalSorter(Comparator<Object[]> order, long workMemBytes, TempFileSpace space) {
    this.order = order;
    this.workMemBytes = Math.max(workMemBytes, 64 * 1024);
    this.space = space;
  }

  /** Adds a row; the sorter keeps the array (the caller must not reuse it). */
  public void add(Object[] row) {
    memory.add(row);
    memoryBytes += RowMemory.of(row) + RowMemory.REFERENCE;
    if (memoryBytes > workMemBytes && space != null) writeRun();
  }

  /** Whether the rows went to disk ("external merge") rather than stayed in memory ("quicksort"). */
  public boolean spilled() { return diskBytes > 0 || !runs.isEmpty(); }

  /** Bytes written to temporary files in all (initial runs and merge passes). */
  public long diskBytes() { return diskBytes; }

  /** The largest estimated size the rows in memory reached. */
  public long peakMemoryBytes() { return Math.max(peakMemoryBytes, memoryBytes); }

  private void writeRun() {
    memory.sort(order);
    SpillFile run = space.create();
    runs.addLast(run);
    for (Object[] row : memory) run.write(row);
    run.finishWriting();
    diskBytes += run.bytes();
    peakMemoryBytes = Math.max(peakMemoryBytes, memoryBytes);
    memory = new ArrayList<>();
    memoryBytes = 0;
  }

  /** Ends input; returns the rows in order (each array handed out once). */
  public RowSource sorted() {
    if (runs.isEmpty()) {
      List<Object[]> rows = memory;
      rows.sort(order);
      memory = null;
      return new RowSource() {
        private int next;

        @Override
        public Object[] next() {
          if (next >= rows.size()) return null;
          Object[] row = rows.get(next);
          rows.set(next++, null); // let the row go once returned
          return row;
        }
      };
    }
    if (!memory.isEmpty()) writeRun();
    memory = null;
    int fanIn = (int) Math.max(2, Math.min(Integer.MAX_VALUE, workMemBytes / SpillFile.BUFFER_BYTES));
    while (runs.size() > fanIn) {
      // Merge the oldest runs into one new run at the end. The first pass merges just enough runs that the
      // later ones can all be fanIn-way and the last merge has exactly fanIn inputs (fewer rows rewritten).
      int k = Math.min(fanIn, (runs.size() - fanIn - 1) % (fanIn - 1) + 2);
      SpillFile out = space.create();
      runs.addLast(out);
      MergeCursor pass = new MergeCursor(order, take(k));
      for (Object[] row = pass.next(); row != null; row = pass.next()) out.write(row);
      out.finishWriting();
      diskBytes += out.bytes();
      closeMerging();
    }
    merge = new MergeCursor(order, take(runs.size()));
    return merge;
  }

  private List<SpillFile> take(int n) {
    for (int i = 0; i < n; i++) merging.add(runs.pollFirst());
    return merging;
  }

  private void closeMerging() {
    List<SpillFile> done = new ArrayList<>(merging);
    merging.clear();
    SpillFile.closeAll(done);
  }

  /** Deletes every temporary file of this sort. */
  @Override
  public void close() {
    memory = null;
    List<SpillFile> all = new ArrayList<>(merging);
    all.addAll(runs);
    merging.clear();
    runs.clear();
    SpillFile.closeAll(all);
  }
}
