// bench/CommitThroughput.java: commit throughput of MiniDB and PostgreSQL side by side (issue 5, "Benchmark").
// Single-file program: java -cp postgresql-42.7.14.jar bench/CommitThroughput.java --a-url ... --b-url ...
// Started by bench/commit-throughput.sh, which also starts and stops both servers.
//
// Workload: table c(id bigint, client int, payload text); every client thread has its own connection and
// runs single-row autocommit INSERTs (one prepared statement) as fast as it can, so each INSERT is one commit.
// --tables one,per-client: "one" = all clients insert into c (concurrent inserters of one table may serialize
// on a table lock: that measures the lock as much as the flush path); "per-client" = client i inserts into its
// own table c_i (what is measured is the commit/flush path alone). Both by default, one after the other.
// Each client count runs for a warm-up (not counted) and then a fixed measured time; sides are interleaved
// (A then B, then B then A at the next level) so a busy neighbour hurts both alike.
// Then the same with SET synchronous_commit = off per session; a side that refuses it with SQLSTATE 0A000
// (feature_not_supported) is printed as "not supported" rather than failing the run.
// Also measures the disk's fsync latency once: 8 KiB written and FileChannel.force(false), 200 times, both
// appending and overwriting a preallocated file (see measureFsync).
//
// Every loop is bounded by time (the measured window) and every statement by pgjdbc's socketTimeout.

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

public class CommitThroughput {

    record Side(String name, String url) {}

    /** One measurement: commits per second, or why there is none. */
    record Result(double commitsPerSecond, String failure) {
        static Result failed(String why) { return new Result(Double.NaN, why); }
        boolean ok() { return failure == null; }
    }

    static double warmupSeconds = 2, measureSeconds = 10;
    static int[] clientCounts = {1, 8, 32};
    static List<String> tableModes = List.of("one", "per-client");
    static final List<String> notes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String aName = "MiniDB", bName = "PostgreSQL", aUrl = null, bUrl = null, fsyncDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--a-name" -> aName = args[++i];
                case "--b-name" -> bName = args[++i];
                case "--a-url" -> aUrl = args[++i];
                case "--b-url" -> bUrl = args[++i];
                case "--warmup" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "--seconds" -> measureSeconds = Double.parseDouble(args[++i]);
                case "--clients" -> clientCounts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--fsync-dir", "--scratch-dir" -> fsyncDir = args[++i];
                case "--tables" -> tableModes = List.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: CommitThroughput --a-url URL --b-url URL [--a-name N] [--b-name N]"
                            + " [--warmup S] [--seconds S] [--clients 1,8,32] [--tables one,per-client] [--fsync-dir DIR]");
                    System.exit(2);
                }
            }
        }
        if (aUrl == null || bUrl == null) { System.err.println("--a-url and --b-url are required"); System.exit(2); }
        Side a = new Side(aName, aUrl), b = new Side(bName, bUrl);

        String fsync = fsyncDir == null ? "not measured" : measureFsync(Path.of(fsyncDir));
        for (Side s : List.of(a, b)) notes.add(s.name() + " settings: " + settings(s));
        int maxClients = Arrays.stream(clientCounts).max().orElse(1);
        createTables(a, maxClients);
        createTables(b, maxClients);

        String header = String.format("%-11s %-8s %-19s %14s %14s %9s", "tables", "clients", "synchronous_commit",
                a.name() + " c/s", b.name() + " c/s", "ratio");
        List<String> rows = new ArrayList<>();
        int round = 0;
        for (String tables : tableModes) {
            boolean perClient = tables.equals("per-client");
            for (boolean syncOff : new boolean[] {false, true}) {
                for (int clients : clientCounts) {
                    boolean aFirst = round++ % 2 == 0;
                    System.err.printf("bench: %s table(s), %d client(s), synchronous_commit = %s ...%n", tables,
                            clients, syncOff ? "off" : "on");
                    Result ra, rb;
                    if (aFirst) { ra = run(a, clients, syncOff, perClient); rb = run(b, clients, syncOff, perClient); }
                    else { rb = run(b, clients, syncOff, perClient); ra = run(a, clients, syncOff, perClient); }
                    String ratio = ra.ok() && rb.ok() && rb.commitsPerSecond() > 0
                            ? String.format("%.2f", ra.commitsPerSecond() / rb.commitsPerSecond()) : "-";
                    rows.add(String.format("%-11s %-8d %-19s %14s %14s %9s", tables, clients, syncOff ? "off" : "on",
                            cell(a, ra), cell(b, rb), ratio));
                }
            }
        }
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        rows.forEach(System.out::println);
        System.out.println("fsync latency on the temp dir's disk (8 KiB write + FileChannel.force(false), 200 times):" + fsync);
        System.out.printf("note: each level: %.0f s warm-up, then %.0f s measured; one connection per client;"
                + " ratio = %s / %s (above 1: %s commits more per second)%n",
                warmupSeconds, measureSeconds, a.name(), b.name(), a.name());
        notes.forEach(n -> System.out.println("note: " + n));
    }

    static String cell(Side s, Result r) {
        if (r.ok()) return String.format("%.0f", r.commitsPerSecond());
        if (r.failure().startsWith("0A000")) return "not supported";
        notes.add(s.name() + " FAILED: " + r.failure());
        return "FAILED";
    }

    static Connection connect(Side s) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "120");
        p.setProperty("ApplicationName", "commit-throughput");
        return DriverManager.getConnection(s.url(), p);
    }

    /** c for the one-table variant, c_0 .. c_{n-1} for the table-per-client one. */
    static void createTables(Side s, int n) throws SQLException {
        try (Connection c = connect(s); Statement st = c.createStatement()) {
            for (int i = -1; i < n; i++) {
                String name = i < 0 ? "c" : "c_" + i;
                st.execute("DROP TABLE IF EXISTS " + name);
                st.execute("CREATE TABLE " + name + " (id bigint, client int, payload text)");
            }
        }
    }

    static String settings(Side s) {
        StringBuilder sb = new StringBuilder();
        try (Connection c = connect(s); Statement st = c.createStatement()) {
            for (String name : List.of("fsync", "synchronous_commit", "wal_sync_method", "commit_delay")) {
                try (var rs = st.executeQuery("SHOW " + name)) {
                    rs.next();
                    sb.append(name).append('=').append(rs.getString(1)).append(' ');
                } catch (SQLException e) {
                    sb.append(name).append("=refused(").append(e.getSQLState()).append(") ");
                }
            }
        } catch (SQLException e) {
            sb.append("could not connect: ").append(e.getMessage());
        }
        return sb.toString().trim();
    }

    /**
     * Runs one level: opens all connections (and sets synchronous_commit) before anyone starts, then every
     * thread INSERTs until the end of warm-up + measured window; only commits completed inside the measured
     * window count.
     */
    static Result run(Side s, int clients, boolean syncOff, boolean tablePerClient) {
        List<Connection> conns = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Connection c = connect(s);
                conns.add(c);
                if (syncOff) {
                    try (Statement st = c.createStatement()) {
                        st.execute("SET synchronous_commit = off");
                    } catch (SQLException e) {
                        return Result.failed(e.getSQLState() + " " + e.getMessage());
                    }
                }
            }
            long start = System.nanoTime();
            long measureFrom = start + (long) (warmupSeconds * 1e9);
            long measureTo = measureFrom + (long) (measureSeconds * 1e9);
            AtomicLong counted = new AtomicLong();
            AtomicReference<SQLException> error = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Connection c = conns.get(i);
                int client = i;
                threads.add(Thread.ofPlatform().start(() -> {
                    String table = tablePerClient ? "c_" + client : "c";
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
                        long id = 0, mine = 0;
                        while (error.get() == null) {
                            long now = System.nanoTime();
                            if (now >= measureTo) break;
                            ps.setLong(1, ++id);
                            ps.setInt(2, client);
                            ps.setString(3, "payload of client " + client + " row " + id);
                            ps.executeUpdate();
                            long done = System.nanoTime();
                            if (now >= measureFrom && done <= measureTo) mine++;
                        }
                        counted.addAndGet(mine);
                    } catch (SQLException e) {
                        error.compareAndSet(null, e);
                    }
                }));
            }
            long joinDeadline = measureTo + 180_000_000_000L;  // a statement is bounded by socketTimeout 120 s
            for (Thread t : threads) {
                long left = Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000);
                if (!t.join(java.time.Duration.ofMillis(left))) return Result.failed("a client thread did not finish");
            }
            if (error.get() != null) return Result.failed(error.get().getSQLState() + " " + error.get().getMessage());
            return new Result(counted.get() / measureSeconds, null);
        } catch (SQLException e) {
            return Result.failed(e.getSQLState() + " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        } finally {
            for (Connection c : conns) {
                try { c.close(); } catch (SQLException ignored) { /* the figure is already taken */ }
            }
        }
    }

    /**
     * This disk's fsync latency, two ways, 200 samples each: 8 KiB appended then force(false) (fdatasync must
     * also write the new file size), and 8 KiB overwritten in a preallocated, already synced file then
     * force(false) (data only: how PostgreSQL writes its zero-filled WAL segments).
     */
    static String measureFsync(Path dir) {
        return "\n  append:    " + fsyncProbe(dir, false) + "\n  overwrite: " + fsyncProbe(dir, true);
    }

    static String fsyncProbe(Path dir, boolean preallocated) {
        Path f = dir.resolve("fsync-probe");
        int n = 200;
        long[] ns = new long[n];
        ByteBuffer page = ByteBuffer.allocateDirect(8192);
        for (int i = 0; i < 8192; i++) page.put(i, (byte) i);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            if (preallocated) {
                ByteBuffer zeros = ByteBuffer.allocateDirect(8192);
                for (int i = 0; i < n; i++) {
                    zeros.clear();
                    while (zeros.hasRemaining()) ch.write(zeros, (long) i * 8192 + zeros.position());
                }
                ch.force(true);
            }
            for (int i = 0; i < n; i++) {
                page.clear();
                long t0 = System.nanoTime();
                while (page.hasRemaining()) ch.write(page, (long) i * 8192 + page.position());
                ch.force(false);
                ns[i] = System.nanoTime() - t0;
            }
        } catch (Exception e) {
            return "FAILED (" + e + ")";
        } finally {
            try { Files.deleteIfExists(f); } catch (Exception ignored) { /* temp dir is removed anyway */ }
        }
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(ns).average().orElse(0) / 1e6;
        return String.format("median %.3f ms, mean %.3f ms, p90 %.3f ms, max %.3f ms (%.0f fsyncs/s at the median)",
                sorted[n / 2] / 1e6, mean, sorted[n * 9 / 10] / 1e6, sorted[n - 1] / 1e6, 1e9 / sorted[n / 2]);
    }
}
