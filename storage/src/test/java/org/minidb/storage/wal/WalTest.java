package org.minidb.storage.wal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.storage.shmem.SharedMemory;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.page.Page;

class WalTest {
  @TempDir Path dir;

  @Test
  void recordRoundTripAndCrc() {
    byte[] data = "hello wal".getBytes();
    byte[] rec = WalRecord.encode(0x1000000L, 42, 0x1000028L, ResourceManagers.HEAP, ResourceManagers.HEAP_DELETE, data);
    byte[] seg = Arrays.copyOf(rec, 4096);
    String[] why = new String[1];
    WalRecord r = WalRecord.decode(seg, 0, 0x1000000L, Lsn.INVALID, why);
    assertNotNull(r, why[0]);
    assertEquals(42, r.xid());
    assertEquals(0x1000028L, r.prev());
    assertEquals(ResourceManagers.HEAP, r.rmgr());
    assertEquals(ResourceManagers.HEAP_DELETE, r.info());
    assertArrayEquals(data, r.data());
    assertEquals(0x1000000L + WalRecord.aligned(rec.length), r.end());
    assertTrue(r.toString().contains("Heap/DELETE"), r.toString());
    // Any flipped bit is caught by the CRC; a wrong prev-link is refused.
    for (int bit = 0; bit < rec.length * 8; bit += 7) {
      if (bit / 8 < 4) continue; // the length field: caught as a length or CRC error, checked below
      byte[] bad = seg.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertNull(WalRecord.decode(bad, 0, 0x1000000L, Lsn.INVALID, why), "bit " + bit);
    }
    byte[] badLen = seg.clone();
    badLen[0] ^= 8;
    assertNull(WalRecord.decode(badLen, 0, 0x1000000L, Lsn.INVALID, why));
    assertNull(WalRecord.decode(seg, 0, 0x1000000L, 0x2000000L, why));
    assertTrue(why[0].contains("prev-link"), why[0]);
  }

  @Test
  void segmentNamesArePostgresql() {
    assertEquals("000000010000000000000001", Lsn.fileName(Lsn.segment(Lsn.FIRST)));
    assertEquals("0000000100000001000000FF", Lsn.fileName(0x1FFL));
    assertEquals(0x1FFL, Lsn.parseFileName("0000000100000001000000FF"));
    assertEquals(-1, Lsn.parseFileName("pg_control"));
    assertEquals("0/16B3748", Lsn.format(0x16B3748L));
  }

  @Test
  void pageDeltaAndImageRedo() {
    RelFileLocator rel = new RelFileLocator(5, 16384);
    byte[] page = new byte[Page.SIZE];
    var seg = java.lang.foreign.MemorySegment.ofArray(page);
    byte[] before = page.clone();
    Page.init(seg, 0);
    Page.addItem(seg, "tuple one".getBytes());
    byte[] delta = PageRecord.delta(rel, 7, before, seg, true);
    byte[] replayed = new byte[Page.SIZE];
    Arrays.fill(replayed, (byte) 0x5a); // garbage on disk: INIT ignores it
    PageRecord.Decoded d = PageRecord.decode(delta);
    assertEquals(rel, d.rel());
    assertEquals(7, d.block());
    assertTrue(d.init());
    PageRecord.apply(d, java.lang.foreign.MemorySegment.ofArray(replayed));
    assertArrayEquals(page, replayed);
    assertTrue(delta.length < 200, "a small change makes a small record: " + delta.length);

    byte[] before2 = page.clone();
    Page.addItem(seg, "tuple two".getBytes());
    PageRecord.apply(PageRecord.decode(PageRecord.delta(rel, 7, before2, seg, false)),
        java.lang.foreign.MemorySegment.ofArray(replayed));
    assertArrayEquals(page, replayed);
    assertNull(PageRecord.delta(rel, 7, page.clone(), seg, false), "no change, no record");

    byte[] torn = new byte[Page.SIZE];
    PageRecord.apply(PageRecord.decode(PageRecord.image(rel, 7, seg)), java.lang.foreign.MemorySegment.ofArray(torn));
    assertArrayEquals(page, torn);
  }

  private Wal openWal(SharedMemory shm, long start, long prev) {
    Wal wal = new Wal(shm, dir, false);
    wal.startAt(start, prev);
    return wal;
  }

  private static SharedMemory shm() { return SharedMemory.allocate(SharedMemory.sizeFor(Wal.sharedSizes())); }

  private List<WalRecord> readAll(long from, String[] stop) {
    List<WalRecord> out = new ArrayList<>();
    try (WalSegments segs = new WalSegments(dir, false)) {
      WalReader r = new WalReader(segs, from);
      for (WalRecord rec = r.next(); rec != null && out.size() < 100_000; rec = r.next()) out.add(rec);
      stop[0] = r.stopReason();
      stop[1] = Long.toString(r.position());
    }
    return out;
  }

  @Test
  void recordsAcrossSegmentsAndTheRingAreReadBackInOrder() {
    List<Long> ends = new ArrayList<>();
    try (SharedMemory shm = shm(); Wal wal = openWal(shm, Lsn.FIRST, Lsn.INVALID)) {
      // ~40 KiB records: 500 of them fill more than one segment and wrap the ring many times.
      for (int i = 0; i < 500; i++) {
        byte[] data = new byte[40_000 + i];
        Arrays.fill(data, (byte) i);
        ends.add(wal.insert(i, ResourceManagers.HEAP, 0, data));
        if (i % 50 == 0) wal.flush(ends.getLast());
      }
      wal.flushAll();
      assertEquals(wal.insertPosition(), wal.flushedPosition());
      assertTrue(Lsn.segment(wal.insertPosition()) > Lsn.segment(Lsn.FIRST), "crossed a segment");
    }
    String[] stop = new String[2];
    List<WalRecord> recs = readAll(Lsn.FIRST, stop);
    assertEquals(500, recs.size(), stop[0]);
    for (int i = 0; i < 500; i++) {
      WalRecord r = recs.get(i);
      assertEquals(i, r.xid());
      assertEquals(40_000 + i, r.data().length);
      assertEquals((byte) i, r.data()[r.data().length - 1]);
      assertEquals(ends.get(i), r.end());
    }
    assertEquals(ends.getLast(), Long.parseLong(stop[1]));
  }

  @Test
  void tornOrGarbageTailEndsTheWalAtTheLastValidRecord() throws Exception {
    List<Long> ends = new ArrayList<>();
    try (SharedMemory shm = shm(); Wal wal = openWal(shm, Lsn.FIRST, Lsn.INVALID)) {
      byte[] data = new byte[100];
      Arrays.fill(data, (byte) 0x33);
      for (int i = 0; i < 10; i++) ends.add(wal.insert(i, ResourceManagers.XACT, 0, data));
      wal.flushAll();
    }
    Path seg = dir.resolve("pg_wal").resolve(Lsn.fileName(1));
    // Tear the last record: keep its first 40 bytes, zero the rest.
    long lastStart = ends.get(8);
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[100]), Lsn.offsetInSegment(lastStart) + 40);
    }
    String[] stop = new String[2];
    assertEquals(9, readAll(Lsn.FIRST, stop).size());
    assertTrue(stop[0].contains("checksum"), stop[0]);
    assertEquals(lastStart, Long.parseLong(stop[1]));
    // Garbage instead: random bytes where the last record was.
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(junk), Lsn.offsetInSegment(lastStart));
    }
    assertEquals(9, readAll(Lsn.FIRST, stop).size());
    // After recovery cuts the WAL there, new records follow the last valid one and are read back.
    try (WalSegments segs = new WalSegments(dir, false)) {
      segs.truncateAt(lastStart);
    }
    try (SharedMemory shm = shm(); Wal wal = openWal(shm, lastStart, ends.get(7))) {
      wal.flush(wal.insert(99, ResourceManagers.XACT, 0, new byte[100]));
    }
    List<WalRecord> recs = readAll(Lsn.FIRST, stop);
    assertEquals(10, recs.size(), stop[0]);
    assertEquals(99, recs.getLast().xid());
  }

  @Test
  void concurrentCommittersShareFlushesAndEachReturnsDurable() throws Exception {
    int threads = 8, perThread = 100;
    try (SharedMemory shm = shm(); Wal wal = new Wal(shm, dir, true)) {
      wal.startAt(Lsn.FIRST, Lsn.INVALID);
      List<Thread> started = new ArrayList<>();
      java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
      for (int t = 0; t < threads; t++) {
        started.add(Thread.ofPlatform().start(() -> {
          try {
            for (int i = 0; i < perThread; i++) {
              long end = wal.insert(1, ResourceManagers.XACT, ResourceManagers.XACT_COMMIT, new byte[8]);
              wal.flush(end);
              if (wal.flushedPosition() < end) throw new AssertionError("flush returned before " + end + " was durable");
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        }));
      }
      for (Thread t : started) assertTrue(t.join(java.time.Duration.ofSeconds(60)), "a committer did not finish");
      assertNull(failure.get());
      assertTrue(wal.flushes() <= wal.flushRequests(), wal.flushes() + " flushes for " + wal.flushRequests());
      // Some flush served more than one committer (with 8 fsyncing committers, virtually every one does).
      assertTrue(wal.flushes() < threads * perThread, wal.flushes() + " flushes for " + threads * perThread + " commits");
    }
    String[] stop = new String[2];
    assertEquals(threads * perThread, readAll(Lsn.FIRST, stop).size(), stop[0]);
  }

  @Test
  void aRecycledSegmentsOldRecordsAreNeverReadAsNewOnes() throws Exception {
    long end;
    try (SharedMemory shm = shm(); Wal wal = openWal(shm, Lsn.FIRST, Lsn.INVALID)) {
      // ~2.2 segments of records, then segment 1 recycled to the first free name after the insert position's.
      byte[] data = new byte[40_000];
      while (Lsn.segment(wal.insertPosition()) < 3) wal.insert(7, ResourceManagers.HEAP, 0, data);
      wal.flushAll();
      end = wal.insertPosition();
      int[] removedRecycled = wal.recycleSegmentsBefore(Lsn.segmentStart(2), 10);
      assertArrayEquals(new int[] {0, 1}, removedRecycled);
    }
    java.util.Set<Long> present = new java.util.TreeSet<>();
    try (WalSegments segs = new WalSegments(dir, false)) {
      present.addAll(segs.list());
    }
    assertEquals(java.util.Set.of(2L, 3L, 4L), present, "segment 1 now carries the name of segment 4");
    // Reading from segment 2 on: the WAL ends at the real end, not at the old records of the recycled file...
    String[] stop = new String[2];
    readAll(Lsn.segmentStart(2), stop);
    assertEquals(end, Long.parseLong(stop[1]), stop[0]);
    // ...and a reader pointed into the recycled file rejects the record there: it was written elsewhere.
    try (WalSegments segs = new WalSegments(dir, false)) {
      WalReader r = new WalReader(segs, Lsn.segmentStart(4));
      assertNull(r.next());
      assertTrue(r.stopReason().contains("unexpected record LSN 0/1000000 at 0/4000000"), r.stopReason());
    }
    // Writing on: the segment after the current one reuses the recycled file and reads back fine.
    try (SharedMemory shm = shm(); Wal wal = new Wal(shm, dir, false)) {
      List<WalRecord> before = readAll(Lsn.segmentStart(2), stop);
      wal.startAt(end, before.getLast().lsn());
      byte[] data = new byte[40_000];
      while (Lsn.segment(wal.insertPosition()) < 4 || Lsn.offsetInSegment(wal.insertPosition()) < 100_000) {
        wal.insert(8, ResourceManagers.HEAP, 0, data);
      }
      wal.flushAll();
      end = wal.insertPosition();
      assertEquals(0, wal.segmentsAdded(), "no new file: the recycled one was reused");
    }
    List<WalRecord> recs = readAll(Lsn.segmentStart(2), stop);
    assertEquals(end, Long.parseLong(stop[1]), stop[0]);
    assertEquals(8, recs.getLast().xid());
  }
}
