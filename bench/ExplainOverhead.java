// Single-file program: java -cp postgresql-42.7.14.jar bench/ExplainOverhead.java --a-url ... --b-url ...
// (bench/explain-overhead.sh starts both servers and runs it.)
//
// What EXPLAIN ANALYZE costs on top of running a query, on MiniDB and on PostgreSQL: for a scan (Seq Scan with a
// filter under an Aggregate) and a hash join, the median time of the plain query, of EXPLAIN (ANALYZE) (times per
// node: two clock reads per row per node) and of EXPLAIN (ANALYZE, TIMING OFF) (row counts only), and the
// overhead ratios. Parallel query is turned off in PostgreSQL so that both run one process per query.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public class ExplainOverhead {
    static int rows = 200_000;
    static int runs = 9;

    /** Medians: client wall times of the three forms, and the server's Execution Time of EXPLAIN (ANALYZE). */
    record Figures(double plain, double analyze, double analyzeNoTiming, double analyzeExecution) {}

    public static void main(String[] args) throws Exception {
        String aName = "A", bName = "B", aUrl = null, bUrl = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--a-name" -> aName = args[++i];
                case "--b-name" -> bName = args[++i];
                case "--a-url" -> aUrl = args[++i];
                case "--b-url" -> bUrl = args[++i];
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--scratch-dir" -> i++;
                default -> {
                    System.err.println("usage: ExplainOverhead --a-url URL --b-url URL [--a-name N] [--b-name N]"
                            + " [--rows N] [--runs N]");
                    System.exit(2);
                }
            }
        }
        if (aUrl == null || bUrl == null) { System.err.println("--a-url and --b-url are required"); System.exit(2); }
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("scan", "SELECT count(*) FROM eo_t WHERE c < 50");
        queries.put("join", "SELECT count(*) FROM eo_t JOIN eo_u ON eo_t.a = eo_u.a");
        Map<String, Figures> a = measure(aUrl, queries);
        Map<String, Figures> b = measure(bUrl, queries);
        System.out.printf(Locale.ROOT, "EXPLAIN ANALYZE overhead, %d rows, median of %d runs (ms)%n", rows, runs);
        System.out.println("(wall: client round trip; MiniDB plans EXPLAIN anew each time while its plain query is a plan"
                + " cache hit, so 'exec' = the Execution Time EXPLAIN ANALYZE reports, without planning)");
        System.out.printf(Locale.ROOT, "%-6s %-11s %9s %9s %9s %9s %9s %9s %9s%n", "query", "server", "plain", "analyze",
                "ratio", "no-timing", "ratio", "exec", "ratio");
        for (String q : queries.keySet()) {
            for (var e : List.of(Map.entry(aName, a.get(q)), Map.entry(bName, b.get(q)))) {
                Figures f = e.getValue();
                System.out.printf(Locale.ROOT, "%-6s %-11s %9.2f %9.2f %8.2fx %9.2f %8.2fx %9.2f %8.2fx%n", q, e.getKey(),
                        f.plain(), f.analyze(), f.analyze() / f.plain(), f.analyzeNoTiming(),
                        f.analyzeNoTiming() / f.plain(), f.analyzeExecution(), f.analyzeExecution() / f.plain());
            }
        }
    }

    static Map<String, Figures> measure(String url, Map<String, String> queries) throws SQLException {
        Map<String, Figures> out = new LinkedHashMap<>();
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "postgres");
        p.setProperty("socketTimeout", "300");
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
            try {
                s.execute("SET max_parallel_workers_per_gather = 0");
            } catch (SQLException e) {
                // MiniDB has no parallel query (nor the setting)
            }
            s.execute("DROP TABLE IF EXISTS eo_t");
            s.execute("DROP TABLE IF EXISTS eo_u");
            s.execute("CREATE TABLE eo_t (a int, b text, c int)");
            s.execute("CREATE TABLE eo_u (a int, d int)");
            s.execute("INSERT INTO eo_t SELECT g, 'row ' || g, g % 1000 FROM generate_series(1, " + rows + ") g");
            s.execute("INSERT INTO eo_u SELECT g * 10, g FROM generate_series(1, " + rows / 10 + ") g");
            try {
                s.execute("VACUUM ANALYZE eo_t");
                s.execute("VACUUM ANALYZE eo_u");
            } catch (SQLException e) {
                // statistics are optional here
            }
            for (var q : queries.entrySet()) {
                String sql = q.getValue();
                for (int w = 0; w < 3; w++) { // warm up: caches, JIT
                    time(s, sql);
                    time(s, "EXPLAIN (ANALYZE) " + sql);
                    time(s, "EXPLAIN (ANALYZE, TIMING OFF) " + sql);
                }
                double[] plain = new double[runs], analyze = new double[runs], noTiming = new double[runs];
                double[] execution = new double[runs];
                for (int r = 0; r < runs; r++) { // interleaved, so that drift hits all three alike
                    plain[r] = time(s, sql);
                    List<String> lines = new ArrayList<>();
                    analyze[r] = time(s, "EXPLAIN (ANALYZE) " + sql, lines);
                    execution[r] = Double.parseDouble(lines.getLast().replaceAll("[^0-9.]", ""));
                    noTiming[r] = time(s, "EXPLAIN (ANALYZE, TIMING OFF) " + sql);
                }
                out.put(q.getKey(), new Figures(median(plain), median(analyze), median(noTiming), median(execution)));
            }
            s.execute("DROP TABLE eo_t");
            s.execute("DROP TABLE eo_u");
        }
        return out;
    }

    static double time(Statement s, String sql) throws SQLException { return time(s, sql, new ArrayList<>()); }

    /** Runs {@code sql}, its first column's values into {@code lines}; the wall time in ms. */
    static double time(Statement s, String sql, List<String> lines) throws SQLException {
        long t0 = System.nanoTime();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) lines.add(rs.getString(1));
        }
        if (lines.isEmpty()) throw new IllegalStateException("no rows from " + sql);
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
