package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One Planner serves many sessions at once. */
class ConcurrencyTest {
  @Test
  void plansTheSameFromSeveralThreads() throws Exception {
    Planner planner = new Planner();
    planner.warmUp();
    List<String> statements = List.of("SELECT a, b FROM t WHERE a = $1",
        "SELECT t.a, u.d FROM t, u WHERE t.a = u.a AND t.b = 'x'",
        "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2",
        "INSERT INTO t (a) VALUES ($1)");
    List<List<String>> expected = new ArrayList<>();
    for (String sql : statements) {
      expected.add(((PlannedStatement) planner.prepare(sql, TestCatalog.INSTANCE, List.of())).explain());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        results.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            int k = i % statements.size();
            PlannedStatement p = (PlannedStatement) planner.prepare(statements.get(k), TestCatalog.INSTANCE, List.of());
            if (!p.explain().equals(expected.get(k))) return false;
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) assertEquals(true, f.get(60, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }
}
