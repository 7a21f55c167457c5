package org.minidb.storage.buffer;

import org.minidb.storage.shmem.SharedMemory;
import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.error.DbException;
import org.minidb.storage.file.FileManager;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.page.PageBytes;
import org.minidb.storage.page.Page;

class BufferPoolTest {
  @TempDir Path dir;

  private static final int FRAMES = 8;
  private static final int BLOCKS = FRAMES * 10;

  private static SharedMemory region(int frames) {
    return SharedMemory.allocate(SharedMemory.sizeFor(BufferPool.sharedSizes(frames)));
  }

  /** Writes BLOCKS pages whose first item holds the block number, through a pool of FRAMES buffers. */
  private static void fill(BufferPool pool, RelFileLocator rel) {
    for (int i = 0; i < BLOCKS; i++) {
      int buf = pool.extend(rel);
      assertEquals(i, pool.blockNumber(buf));
      pool.lockExclusive(buf);
      MemorySegment p = pool.page(buf);
      Page.init(p, 0);
      byte[] item = new byte[16];
      MemorySegment.ofArray(item).set(PageBytes.LONG, 0, 1000L + i);
      assertEquals(1, Page.addItem(p, item));
      pool.markDirty(buf);
      pool.unlockContent(buf);
      pool.unpin(buf);
    }
  }

  private static long valueOf(BufferPool pool, RelFileLocator rel, long block) {
    int buf = pool.readBuffer(rel, block);
    try {
      pool.lockShared(buf);
      try {
        byte[] item = Page.itemBytes(pool.page(buf), 1, 0);
        return MemorySegment.ofArray(item).get(PageBytes.LONG, 0);
      } finally {
        pool.unlockContent(buf);
      }
    } finally {
      pool.unpin(buf);
    }
  }

  @Test
  void tableTenTimesThePoolIsWrittenBackAndReadAgain() {
    FileManager files = new FileManager(dir, false);
    RelFileLocator rel = new RelFileLocator(5, 16384);
    files.create(rel);
    try (SharedMemory shm = region(FRAMES)) {
      BufferPool pool = new BufferPool(shm, FRAMES, files);
      fill(pool, rel);
      assertTrue(pool.writes() >= BLOCKS - FRAMES, "evictions wrote dirty pages: " + pool.writes());
      assertEquals(0, pool.pinnedBuffers());
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < BLOCKS; i++) assertEquals(1000L + i, valueOf(pool, rel, i));
      }
      assertTrue(pool.reads() >= BLOCKS, "blocks were read back from disk");
      pool.flushAll();
      assertEquals(0, pool.pinnedBuffers());
    }
    // A fresh pool on the same files sees everything (flushAll wrote the rest).
    try (SharedMemory shm = region(FRAMES)) {
      BufferPool pool = new BufferPool(shm, FRAMES, files);
      for (int i = BLOCKS - 1; i >= 0; i--) assertEquals(1000L + i, valueOf(pool, rel, i));
    }
    files.close();
  }

  @Test
  void pinnedBuffersAreNotEvicted() {
    FileManager files = new FileManager(dir, false);
    RelFileLocator rel = new RelFileLocator(5, 16385);
    files.create(rel);
    try (SharedMemory shm = region(4)) {
      BufferPool pool = new BufferPool(shm, 4, files);
      fill(pool, rel);
      List<Integer> pins = new ArrayList<>();
      for (int i = 0; i < 4; i++) pins.add(pool.readBuffer(rel, i));
      assertEquals(4, pool.pinnedBuffers());
      DbException e = assertThrows(DbException.class, () -> pool.readBuffer(rel, 10));
      assertEquals("no unpinned buffers available", e.getMessage());
      // The pinned pages stayed where they were.
      for (int i = 0; i < 4; i++) assertEquals(i, pool.blockNumber(pins.get(i)));
      // Pinning an already resident block again needs no free buffer.
      int again = pool.readBuffer(rel, 2);
      assertEquals(pins.get(2), again);
      pool.unpin(again);
      pins.forEach(pool::unpin);
      assertEquals(0, pool.pinnedBuffers());
      assertEquals(1010L, valueOf(pool, rel, 10));
    }
    files.close();
  }

  @Test
  void droppedRelationLeavesThePool() {
    FileManager files = new FileManager(dir, false);
    RelFileLocator rel = new RelFileLocator(5, 16386);
    files.create(rel);
    try (SharedMemory shm = region(FRAMES)) {
      BufferPool pool = new BufferPool(shm, FRAMES, files);
      fill(pool, rel);
      pool.dropRelation(rel, 0);
      files.unlink(rel);
      pool.flushAll(); // nothing of the dropped relation is written
      assertFalse(Files.exists(dir.resolve(rel.path())));
    }
    files.close();
  }

  @Test
  void concurrentReadersSeeTheirPages() throws Exception {
    FileManager files = new FileManager(dir, false);
    RelFileLocator rel = new RelFileLocator(5, 16387);
    files.create(rel);
    try (SharedMemory shm = region(FRAMES)) {
      BufferPool pool = new BufferPool(shm, FRAMES, files);
      fill(pool, rel);
      List<Thread> threads = new ArrayList<>();
      List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int t = 0; t < 4; t++) {
        threads.add(Thread.ofPlatform().start(() -> {
          try {
            for (int i = 0; i < 2000; i++) {
              int block = ThreadLocalRandom.current().nextInt(BLOCKS);
              assertEquals(1000L + block, valueOf(pool, rel, block));
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }));
      }
      for (Thread t : threads) t.join(60_000);
      assertEquals(List.of(), failures);
      assertEquals(0, pool.pinnedBuffers());
    }
    files.close();
  }

  @Test
  void poolMappedFromAFileUnderDevShm() throws Exception {
    Path base = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : dir;
    Path shmFile = base.resolve("minidb-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    FileManager files = new FileManager(dir, false);
    RelFileLocator rel = new RelFileLocator(5, 16388);
    files.create(rel);
    try {
      long size = SharedMemory.sizeFor(BufferPool.sharedSizes(FRAMES));
      try (SharedMemory shm = SharedMemory.createMapped(shmFile, size)) {
        assertEquals(size, Files.size(shmFile));
        BufferPool pool = new BufferPool(shm, FRAMES, files);
        fill(pool, rel);
        for (int i = 0; i < BLOCKS; i++) assertEquals(1000L + i, valueOf(pool, rel, i));
        // Another mapping of the same file sees the same descriptors and frames.
        try (SharedMemory other = SharedMemory.attach(shmFile)) {
          BufferPool view = new BufferPool(other, FRAMES, files);
          long v = valueOf(view, rel, BLOCKS - 1); // resident: found through the shared mapping table
          assertEquals(1000L + BLOCKS - 1, v);
          assertEquals(pool.reads(), pool.reads());
          assertEquals(0, view.reads(), "the resident page was not read again");
        }
        pool.flushAll();
      }
    } finally {
      Files.deleteIfExists(shmFile);
      files.close();
    }
    assertFalse(Files.exists(shmFile));
  }
}
