import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Table size under an update-heavy workload, MiniDB and PostgreSQL side by side (issue 6's VACUUM benchmark):
 * {@code rows} rows, each updated {@code updates-per-row} times by {@code clients} autocommit clients, while the
 * table's size is sampled every second. Prints the size over time for both and the final ratio to the initial
 * size. Run it through {@code bench/vacuum.sh}, which starts both servers with the same autovacuum settings.
 */
public class VacuumBloat {
  public static void main(String[] args) throws Exception {
    String aName = "MiniDB", bName = "PostgreSQL", aUrl = null, bUrl = null;
    int rows = 100, updatesPerRow = 2000, clients = 4;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--a-name" -> aName = args[++i];
        case "--b-name" -> bName = args[++i];
        case "--a-url" -> aUrl = args[++i];
        case "--b-url" -> bUrl = args[++i];
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--updates-per-row" -> updatesPerRow = Integer.parseInt(args[++i]);
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--scratch-dir" -> i++;
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; options: --a-url URL --b-url URL [--rows N] [--updates-per-row N] [--clients N]");
      }
    }
    if (aUrl == null || bUrl == null) throw new IllegalArgumentException("--a-url and --b-url are required");
    System.out.printf("%d rows, each updated %d times by %d clients (autocommit UPDATE ... WHERE id = $1)%n",
        rows, updatesPerRow, clients);
    Result a = run(aName, aUrl, rows, updatesPerRow, clients);
    Result b = run(bName, bUrl, rows, updatesPerRow, clients);
    System.out.println();
    System.out.printf("%-12s %10s %10s %10s %12s %10s%n", "server", "start pg", "max pg", "end pg", "end/start", "upd/s");
    for (Result r : List.of(a, b)) {
      System.out.printf("%-12s %10d %10d %10d %12.2f %10.0f%n", r.name, r.startPages, r.maxPages, r.endPages,
          (double) r.endPages / r.startPages, r.updatesPerSecond);
    }
    System.out.printf("ratio %s/%s of end sizes: %.2f%n", aName, bName, (double) a.endPages / b.endPages);
  }

  record Result(String name, long startPages, long maxPages, long endPages, double updatesPerSecond) {}

  static Connection connect(String url) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("socketTimeout", "300");
    p.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(url, p);
  }

  static long pages(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT pg_relation_size('bloat') / 8192")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static Result run(String name, String url, int rows, int updatesPerRow, int clients) throws Exception {
    long start;
    try (Connection c = connect(url); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bloat");
      s.execute("CREATE TABLE bloat (id int, counter int, note text)");
      StringBuilder insert = new StringBuilder("INSERT INTO bloat VALUES ");
      for (int id = 1; id <= rows; id++) insert.append(id == 1 ? "" : ", ").append("(" + id + ", 0, 'row " + id + "')");
      s.execute(insert.toString());
      start = pages(s);
    }
    System.out.printf("%n%s: %d pages at start; size every second (pages):%n", name, start);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long t0 = System.nanoTime();
    List<Future<?>> work = new ArrayList<>();
    for (int k = 0; k < clients; k++) {
      int client = k;
      work.add(pool.submit(() -> {
        try (Connection c = connect(url);
            PreparedStatement p = c.prepareStatement("UPDATE bloat SET counter = counter + 1 WHERE id = ?")) {
          for (int round = 0; round < updatesPerRow; round++) {
            for (int id = 1 + client; id <= rows; id += clients) {
              p.setInt(1, id);
              p.executeUpdate();
            }
          }
        }
        return null;
      }));
    }
    long max = start;
    StringBuilder series = new StringBuilder();
    try (Connection c = connect(url); Statement s = c.createStatement()) {
      int samples = 0;
      while (!work.stream().allMatch(Future::isDone) && samples < 3600) {
        Thread.sleep(1000);
        long p = pages(s);
        max = Math.max(max, p);
        series.append(samples++ % 20 == 0 ? "\n  " : " ").append(p);
      }
      for (Future<?> f : work) f.get(1, TimeUnit.HOURS);
      double seconds = (System.nanoTime() - t0) / 1e9;
      pool.shutdown();
      Thread.sleep(3000); // one more autovacuum round (naptime 1s)
      long end = pages(s);
      System.out.println(series.toString().stripLeading().isEmpty() ? "  (finished within a second)" : series);
      try (ResultSet rs = s.executeQuery("SELECT sum(counter) FROM bloat")) {
        rs.next();
        if (rs.getLong(1) != (long) rows * updatesPerRow) {
          throw new IllegalStateException(name + ": lost updates: " + rs.getLong(1));
        }
      }
      return new Result(name, start, Math.max(max, end), end, (double) rows * updatesPerRow / seconds);
    }
  }
}
