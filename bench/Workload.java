import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The workload client of {@code bench/run.sh}: runs the same statements against two servers (side A, MiniDB,
 * and side B, PostgreSQL), interleaved (A, B, A, B, ...) so that a noisy neighbour on the shared machine hurts
 * both sides alike, and prints one table with each figure for both sides and the ratio A/B.
 *
 * <p>Run as a single source file with pgjdbc on the class path:
 * {@code java -cp postgresql.jar bench/Workload.java --a-url jdbc:postgresql://... --b-url ...}.
 *
 * <p>Invariants: a step that fails on one side is reported as failed for that side and the run goes on
 * (a broken connection is reopened for the next step); every answer of side A is compared with side B's
 * (PostgreSQL is the reference) and a differing answer is flagged, never silently timed; every wait is
 * bounded by the driver's connect and socket timeouts.
 */
public final class Workload {
  static final String USAGE = """
      usage: java -cp postgresql.jar bench/Workload.java --a-url URL --b-url URL [options]
        --a-name NAME / --b-name NAME   labels (MiniDB / PostgreSQL)
        --a-pid PID / --b-pid PID       server process ids, for peak RSS (VmHWM)
        --runs N                        timed runs of the repeated figures (default 5; the join uses max(1, N-2))
        --rows N                        rows of t (default 200000)
        --startup-a MS,MS,.. / --startup-b MS,MS,..   restarts measured by run.sh, ms to the first SELECT 1
        --first-a MS / --first-b MS     first start, measured by run.sh (MiniDB: incl. creating the data dir;
                                        PostgreSQL: initdb + start)
      """;

  /** One server under test. */
  static final class Side {
    final String name;
    final String url;
    final long pid;
    Connection conn;
    Connection simple;

    Side(String name, String url, long pid) {
      this.name = name;
      this.url = url;
      this.pid = pid;
    }

    Connection conn() throws SQLException {
      if (conn == null || conn.isClosed()) conn = open(url, false);
      return conn;
    }

    /** A second connection that uses the simple query protocol only. */
    Connection simple() throws SQLException {
      if (simple == null || simple.isClosed()) simple = open(url, true);
      return simple;
    }

    void closeQuietly() {
      for (Connection c : new Connection[] {conn, simple}) {
        try {
          if (c != null) c.close();
        } catch (SQLException ignored) {
          // closing is best effort: the server is stopped by run.sh anyway
        }
      }
      conn = null;
      simple = null;
    }
  }

  static Connection open(String url, boolean simpleProtocol) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("connectTimeout", "10");
    p.setProperty("loginTimeout", "10");
    p.setProperty("socketTimeout", "300"); // bounds every statement: a hung server fails the step, not the run
    if (simpleProtocol) p.setProperty("preferQueryMode", "simple");
    return DriverManager.getConnection(url, p);
  }

  /** A measurement of one side: a value in the figure's unit and the answer it got, compared across sides. */
  record Sample(double value, String answer) {}

  @FunctionalInterface
  interface Measure {
    Sample run(Side side) throws Exception;
  }

  /** One row of the table: samples per side, or the first failure per side. */
  static final class Figure {
    final String label;
    final Map<Side, List<Double>> values = new HashMap<>();
    final Map<Side, String> failure = new HashMap<>();
    final Map<Side, String> answer = new HashMap<>();
    final Map<Side, String> mismatch = new HashMap<>();

    Figure(String label) {
      this.label = label;
    }

    String cell(Side s) {
      if (failure.containsKey(s)) return "FAILED";
      List<Double> v = values.get(s);
      if (v == null || v.isEmpty()) return "-";
      return fmt(median(v)) + (mismatch.containsKey(s) ? " !" : "");
    }

    Double med(Side s) {
      if (failure.containsKey(s) || mismatch.containsKey(s)) return null;
      List<Double> v = values.get(s);
      return v == null || v.isEmpty() ? null : median(v);
    }
  }

  final Side a;
  final Side b;
  final int runs;
  final int rows;
  final List<Figure> figures = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  Workload(Side a, Side b, int runs, int rows) {
    this.a = a;
    this.b = b;
    this.runs = runs;
    this.rows = rows;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        System.err.print(USAGE);
        System.exit(2);
      }
      o.put(args[i].substring(2), args[++i]);
    }
    if (!o.containsKey("a-url") || !o.containsKey("b-url")) {
      System.err.print(USAGE);
      System.exit(2);
    }
    Side a = new Side(o.getOrDefault("a-name", "MiniDB"), o.get("a-url"), Long.parseLong(o.getOrDefault("a-pid", "0")));
    Side b = new Side(o.getOrDefault("b-name", "PostgreSQL"), o.get("b-url"), Long.parseLong(o.getOrDefault("b-pid", "0")));
    Workload w = new Workload(a, b, Integer.parseInt(o.getOrDefault("runs", "5")),
        Integer.parseInt(o.getOrDefault("rows", "200000")));
    w.startupFigures(o);
    w.run();
    w.print();
    a.closeQuietly();
    b.closeQuietly();
  }

  /** Figures measured by run.sh (process launch to the first answered SELECT 1), passed in as milliseconds. */
  void startupFigures(Map<String, String> o) {
    Figure first = new Figure("first start to SELECT 1 (ms)");
    Figure restart = new Figure("restart to SELECT 1 (ms, median)");
    for (Side s : List.of(a, b)) {
      String k = s == a ? "a" : "b";
      fill(first, s, o.get("first-" + k));
      fill(restart, s, o.get("startup-" + k));
    }
    figures.add(first);
    figures.add(restart);
  }

  static void fill(Figure f, Side s, String csv) {
    if (csv == null || csv.isBlank()) return;
    List<Double> v = new ArrayList<>();
    for (String x : csv.split(",")) {
      if (x.isBlank()) continue;
      if (x.strip().equals("failed")) {
        f.failure.put(s, "did not answer SELECT 1 in time");
        return;
      }
      v.add(Double.parseDouble(x.strip()));
    }
    f.values.put(s, v);
  }

  void run() {
    settings();
    figure("load " + rows + " rows, INSERTs of 1000 (s)", 1, false, this::load);
    setup();
    figure("SELECT count(*), sum(k) FROM t (ms)", runs, true,
        s -> query(s, "SELECT count(*), sum(k) FROM t"));
    figure("count(*) WHERE k < 100 (ms)", runs, true,
        s -> query(s, "SELECT count(*) FROM t WHERE k < 100"));
    figure("t JOIN u (1000 rows) ON k, count(*) (ms)", Math.max(1, runs - 2), true,
        s -> query(s, "SELECT count(*) FROM t JOIN u ON t.k = u.k"));
    figure("ORDER BY k DESC LIMIT 10 (ms)", runs, true,
        s -> query(s, "SELECT id, k, v FROM t ORDER BY k DESC LIMIT 10", 2)); // ties on k: compare k only
    figure("ORDER BY k, id, all rows, work_mem 1MB (ms)", Math.max(1, runs - 2), true, this::bigSort);
    figure("SELECT 1, simple protocol (us/stmt)", runs, true, s -> selectOne(s, 2000));
    figure("prepared SELECT v WHERE id = ? (us/stmt)", runs, true, s -> prepared(s, 2000));
    peakRss();
  }

  /** What each side does on commit: both run with their defaults, and the table says what those are. */
  void settings() {
    Map<Side, Map<String, String>> shown = new HashMap<>();
    for (Side s : List.of(a, b)) {
      Map<String, String> mine = new HashMap<>();
      shown.put(s, mine);
      StringBuilder sb = new StringBuilder(s.name + ": ");
      for (String name : List.of("server_version", "fsync", "synchronous_commit", "wal_sync_method",
          "full_page_writes", "shared_buffers", "max_parallel_workers_per_gather")) {
        String v;
        try (Statement st = s.conn().createStatement(); ResultSet rs = st.executeQuery("SHOW " + name)) {
          v = rs.next() ? rs.getString(1) : "?";
        } catch (Exception e) {
          v = "n/a";
          reopenIfBroken(s);
        }
        mine.put(name, v);
        sb.append(name).append('=').append(v).append("  ");
      }
      notes.add(sb.toString().strip());
    }
    notes.add(0, "durability: each side at its defaults, nothing turned off. " + durability(a, shown.get(a)) + " "
        + durability(b, shown.get(b)));
  }

  /** What a commit costs on this side, from its settings: a server without synchronous_commit has no WAL to force. */
  static String durability(Side s, Map<String, String> v) {
    String fsync = v.get("fsync");
    String sync = v.get("synchronous_commit");
    if ("on".equals(fsync) && "on".equals(sync)) {
      return s.name + " forces its WAL to disk (" + v.get("wal_sync_method") + ") at every commit.";
    }
    if ("n/a".equals(sync)) {
      return s.name + " has no synchronous_commit (no WAL yet?): its commits are not forced to disk (fsync="
          + fsync + "), which favours it in the load figure.";
    }
    return s.name + " runs with fsync=" + fsync + ", synchronous_commit=" + sync + ".";
  }

  /** Runs {@code measure} once per side untimed (if {@code warmup}), then {@code n} times interleaved A, B, B, A. */
  void figure(String label, int n, boolean warmup, Measure measure) {
    Figure f = new Figure(label);
    figures.add(f);
    System.err.println("bench: " + label);
    for (int r = warmup ? -1 : 0; r < n; r++) {
      // A, B, then B, A: whoever goes second in a round (warmer client JIT, caches) alternates.
      for (Side s : (r & 1) == 0 ? List.of(a, b) : List.of(b, a)) {
        if (f.failure.containsKey(s)) continue;
        try {
          Sample x = measure.run(s);
          f.answer.putIfAbsent(s, x.answer());
          if (r >= 0) f.values.computeIfAbsent(s, k -> new ArrayList<>()).add(x.value());
        } catch (Exception e) {
          f.failure.put(s, oneLine(e));
          notes.add(s.name + " failed \"" + label + "\": " + oneLine(e));
          reopenIfBroken(s);
        }
      }
    }
    String ref = f.answer.get(b);
    String got = f.answer.get(a);
    if (ref != null && got != null && !ref.equals(got)) {
      f.mismatch.put(a, got);
      notes.add(a.name + " answered \"" + label + "\" with " + abbrev(got) + ", " + b.name + " with " + abbrev(ref));
    }
  }

  Sample load(Side s) throws SQLException {
    Connection c = s.conn();
    c.setAutoCommit(true);
    try (Statement st = c.createStatement()) {
      dropIfExists(c, "t");
      st.execute("CREATE TABLE t (id int, k int, v text)");
      long t0 = System.nanoTime();
      int batch = 1000;
      for (int first = 1; first <= rows; first += batch) {
        StringBuilder sql = new StringBuilder(64 * batch).append("INSERT INTO t VALUES ");
        for (int id = first; id < first + batch && id <= rows; id++) {
          if (id > first) sql.append(',');
          sql.append('(').append(id).append(',').append(k(id)).append(",'").append(v(id)).append("')");
        }
        st.executeUpdate(sql.toString());
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      return new Sample(secs, "rows=" + scalar(c, "SELECT count(*) FROM t"));
    }
  }

  /** k spreads 0..999 over the ids in a scrambled order, so that t is not already sorted by k. */
  static long k(long id) {
    return (id * 7919) % 1000;
  }

  static String v(long id) {
    return "value-" + id + "-abcdefghijklmnopqrstuvwxyz";
  }

  /** The other tables (untimed), and statistics where the server takes ANALYZE. */
  void setup() {
    for (Side s : List.of(a, b)) {
      try (Statement st = s.conn().createStatement()) {
        dropIfExists(s.conn(), "u");
        st.execute("CREATE TABLE u (k int, name text)");
        StringBuilder sql = new StringBuilder("INSERT INTO u VALUES ");
        for (int k = 0; k < 1000; k++) sql.append(k == 0 ? "" : ",").append('(').append(k).append(",'u").append(k).append("')");
        st.executeUpdate(sql.toString());
        dropIfExists(s.conn(), "small");
        st.execute("CREATE TABLE small (id int, v text)");
        sql = new StringBuilder("INSERT INTO small VALUES ");
        for (int id = 1; id <= 100; id++) sql.append(id == 1 ? "" : ",").append('(').append(id).append(",'s").append(id).append("')");
        st.executeUpdate(sql.toString());
      } catch (SQLException e) {
        notes.add(s.name + " failed to create u and small: " + oneLine(e));
        reopenIfBroken(s);
      }
      try (Statement st = s.conn().createStatement()) {
        st.execute("ANALYZE");
      } catch (SQLException e) {
        notes.add(s.name + " does not take ANALYZE (" + oneLine(e) + "): it plans without statistics");
        reopenIfBroken(s);
      }
    }
  }

  /** Milliseconds for one statement including fetching its whole result; the answer is the result's text. */
  Sample query(Side s, String sql) throws SQLException {
    return query(s, sql, 0);
  }

  /** As {@link #query(Side, String)}; the answer is column {@code onlyColumn} (1-based) alone when it is > 0. */
  Sample query(Side s, String sql, int onlyColumn) throws SQLException {
    try (Statement st = s.conn().createStatement()) {
      long t0 = System.nanoTime();
      StringBuilder answer = new StringBuilder();
      try (ResultSet rs = st.executeQuery(sql)) {
        int cols = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= cols; i++) {
            String value = rs.getString(i);
            if (onlyColumn <= 0 || i == onlyColumn) answer.append(i == 1 ? "" : "|").append(value);
          }
          answer.append(';');
        }
      }
      double ms = (System.nanoTime() - t0) / 1e6;
      return new Sample(ms, answer.toString());
    }
  }

  /**
   * The whole of t sorted with work_mem = 1MB, so both sides sort on disk (PostgreSQL: "external merge"), read
   * through a cursor 10,000 rows at a time. The answer is the row count and an order-sensitive hash.
   */
  Sample bigSort(Side s) throws SQLException {
    Connection c = s.conn();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SET LOCAL work_mem = '1MB'");
      st.setFetchSize(10_000);
      long t0 = System.nanoTime();
      long n = 0;
      long hash = 0;
      try (ResultSet rs = st.executeQuery("SELECT id, k, v FROM t ORDER BY k, id")) {
        while (rs.next()) {
          hash = hash * 31 + rs.getInt(1) * 1009L + rs.getInt(2) + rs.getString(3).length();
          n++;
        }
      }
      double ms = (System.nanoTime() - t0) / 1e6;
      c.commit();
      return new Sample(ms, "rows=" + n + " hash=" + hash);
    } finally {
      if (!c.isClosed()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }

  Sample selectOne(Side s, int n) throws SQLException {
    try (Statement st = s.simple().createStatement()) {
      long sum = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        try (ResultSet rs = st.executeQuery("SELECT 1")) {
          rs.next();
          sum += rs.getInt(1);
        }
      }
      return new Sample((System.nanoTime() - t0) / 1e3 / n, "sum=" + sum);
    }
  }

  /** pgjdbc's default prepareThreshold (5): the first uses are unnamed, then a named server-side statement. */
  Sample prepared(Side s, int n) throws SQLException {
    try (PreparedStatement ps = s.conn().prepareStatement("SELECT v FROM small WHERE id = ?")) {
      long chars = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        ps.setInt(1, 1 + i % 100);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) chars += rs.getString(1).length();
        }
      }
      return new Sample((System.nanoTime() - t0) / 1e3 / n, "chars=" + chars);
    }
  }

  /**
   * Peak resident memory (VmHWM). MiniDB: its one process. PostgreSQL: the postmaster plus this client's
   * backends; shared memory touched by several of them is counted in each, so PostgreSQL's figure errs high.
   */
  void peakRss() {
    Figure f = new Figure("peak RSS, VmHWM (MB)");
    figures.add(f);
    for (Side s : List.of(a, b)) {
      if (s.pid <= 0) continue;
      long kb = vmHwmKb(s.pid);
      if (kb < 0) {
        notes.add(s.name + "'s server process (pid " + s.pid + ") is gone: it exited or crashed during the run");
        continue;
      }
      for (Connection c : new Connection[] {s.conn, s.simple}) {
        try {
          if (c == null || c.isClosed()) continue;
          long backend = Long.parseLong(scalar(c, "SELECT pg_backend_pid()"));
          if (backend != s.pid && String.valueOf(s.pid).equals(procField(backend, "PPid:"))) kb += vmHwmKb(backend);
        } catch (Exception ignored) {
          // a server without pg_backend_pid(), or in one process: the server pid alone is the figure
        }
      }
      f.values.put(s, List.of(kb / 1024.0));
    }
  }

  static long vmHwmKb(long pid) {
    String v = procField(pid, "VmHWM:");
    return v == null ? -1 : Long.parseLong(v.replace("kB", "").strip());
  }

  static String procField(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith(field)) return line.substring(field.length()).strip();
      }
    } catch (Exception ignored) {
      // the process is gone or unreadable: no figure
    }
    return null;
  }

  /** run.sh gives each server a fresh data directory; the drop only matters when pointed at a used one. */
  static void dropIfExists(Connection c, String table) {
    try (Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS " + table);
    } catch (SQLException ignored) {
      // a server without DROP TABLE: the CREATE that follows reports any real problem
    }
  }

  static String scalar(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** After a failure the connection may be dead (server crashed, protocol desync): drop it so the next step reopens. */
  static void reopenIfBroken(Side s) {
    for (Connection c : new Connection[] {s.conn, s.simple}) {
      try {
        if (c != null && !c.isClosed() && !c.isValid(5)) c.close();
      } catch (SQLException ignored) {
        // already unusable: the next conn() reopens
      }
    }
  }

  void print() {
    int w = 44;
    String h = String.format("%-" + w + "s %14s %14s %10s", "figure", a.name, b.name, "ratio");
    System.out.println();
    System.out.println(h);
    System.out.println("-".repeat(h.length()));
    for (Figure f : figures) {
      Double x = f.med(a);
      Double y = f.med(b);
      String ratio = x != null && y != null && y > 0 ? String.format("%.2f", x / y) : "-";
      System.out.printf("%-" + w + "s %14s %14s %10s%n", f.label, f.cell(a), f.cell(b), ratio);
    }
    System.out.println();
    System.out.println("Repeated figures: median of the timed runs after one untimed warm-up run, sides interleaved (A B B A ...).");
    System.out.println("ratio = " + a.name + "/" + b.name + "; > 1: " + a.name + " is slower (or bigger). \"!\": answer differs from " + b.name + "'s.");
    for (String n : notes) System.out.println("note: " + n);
  }

  static double median(List<Double> v) {
    double[] x = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(x);
    return x.length % 2 == 1 ? x[x.length / 2] : (x[x.length / 2 - 1] + x[x.length / 2]) / 2;
  }

  static String fmt(double d) {
    return d >= 100 ? String.format("%.0f", d) : d >= 10 ? String.format("%.1f", d) : String.format("%.2f", d);
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s+", " ").strip();
  }

  static String abbrev(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
