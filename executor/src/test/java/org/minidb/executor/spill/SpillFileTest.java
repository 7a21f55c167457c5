package org.minidb.executor.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.error.DbException;

/** Temporary files: names, round trips of every value class, deletion; the external sorter's merge passes. */
class SpillFileTest {
  @TempDir Path dataDir;

  /** A value class outside the PostgreSQL type mapping (as a later type might bring): goes through serialization. */
  record Later(int months, long micros) implements java.io.Serializable {}

  @Test
  void rowsRoundTripWithTheirJavaClasses() {
    try (TempFileSpace space = TempFileSpace.of(dataDir, 77)) {
      Object[] row = {null, true, (short) -3, 42, -7L, 1.5f, Double.NaN, "héllo ☃ \uD83D\uDE00", "",
          new BigDecimal("-12345678901234567890.000100"), new byte[] {0, -1, 2}, LocalDate.of(1999, 12, 31),
          LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000), Instant.ofEpochSecond(-5, 999_999_000),
          LocalTime.of(13, 14, 15), new Later(14, -3)};
      SpillFile f = space.create();
      assertTrue(f.path().getFileName().toString().equals("pgsql_tmp77.0"), f.path().toString());
      assertEquals(TempFileSpace.directoryOf(dataDir), f.path().getParent());
      for (int i = 0; i < 1000; i++) f.write(row);
      f.write(new Object[0]);
      for (int i = 0; i < 1000; i++) {
        Object[] back = f.next();
        assertArrayEquals(row, back);
        assertEquals(BigDecimal.class, back[9].getClass());
        assertEquals(-12345678901234567890.000100, ((BigDecimal) back[9]).doubleValue());
        assertEquals(6, ((BigDecimal) back[9]).scale());
      }
      assertEquals(0, f.next().length);
      assertNull(f.next());
      assertTrue(f.bytes() > 0);
      f.close();
      assertFalse(Files.exists(f.path()));
      f.close(); // twice is fine
      assertEquals(0, space.openFiles());
    }
  }

  @Test
  void aValueThatCannotBeWrittenIsAnError() {
    try (TempFileSpace space = TempFileSpace.of(dataDir, 78); SpillFile f = space.create()) {
      DbException e = assertThrows(DbException.class, () -> f.write(new Object[] {new Object()}));
      assertEquals("0A000", e.sqlState());
    }
  }

  @Test
  void externalSortMergesInSeveralPassesToTheSameOrder() {
    Random r = new Random(5);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) rows.add(new Object[] {r.nextInt(1000), "padding-" + i});
    Comparator<Object[]> order = Comparator.comparing((Object[] a) -> (Integer) a[0]);
    try (TempFileSpace space = TempFileSpace.of(dataDir, 79)) {
      List<Integer> got = new ArrayList<>();
      try (ExternalSorter sorter = new ExternalSorter(order, 64 * 1024, space)) {
        for (Object[] row : rows) sorter.add(row);
        RowSource sorted = sorter.sorted();
        for (Object[] row = sorted.next(); row != null; row = sorted.next()) got.add((Integer) row[0]);
        assertTrue(sorter.spilled());
        // 64kB allows a 4-way merge; the runs are many more, so merge passes wrote runs of their own
        assertTrue(sorter.diskBytes() > 2 * 60_000L * 10, "bytes " + sorter.diskBytes());
      }
      assertEquals(rows.stream().map(a -> (Integer) a[0]).sorted().toList(), got);
      assertEquals(0, space.openFiles());
    }
  }
}
