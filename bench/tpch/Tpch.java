import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The TPC-H client of {@code bench/tpch/run.sh}: generates the TPC-H data at a scale factor with the
 * {@code io.trino.tpch} generator, loads the same rows into two servers (side A, MiniDB, and side B, PostgreSQL
 * 15) with multi-row INSERTs, runs the 22 queries of {@code bench/tpch/queries} (the standard texts with the
 * spec's default substitution parameters, PostgreSQL dialect) on both, compares the answers and prints each
 * query's time on both sides, the ratio A/B and the geometric mean.
 *
 * <p>Invariants: an answer is compared as psql -A -t prints it (columns joined by '|', NULL empty, rows in the
 * server's order), PostgreSQL being the reference; a query that fails or differs on side A is printed as such
 * and never timed into the geometric mean; every statement is bounded by {@code --timeout} seconds (the
 * server's statement_timeout, and pgjdbc's socketTimeout a minute later).
 */
public final class Tpch {
  static final String USAGE = """
      usage: java -cp postgresql.jar:tpch.jar:guava.jar bench/tpch/Tpch.java --a-url URL --b-url URL [options]
        --sf SF               scale factor (default 0.01; 0.1 is the target)
        --runs N              timed runs per query and side, median printed (default 3), after one warm-up
        --timeout S           seconds per statement (default 300)
        --queries 1,3,5       only these queries (default all 22)
        --a-name / --b-name   labels (MiniDB / PostgreSQL)
        --golden DIR          write side B's answers to DIR/qN.txt (the e2e test's expected answers)
        --keys FILE           after loading, run FILE (in the bench dir; keys.sql: the spec's primary keys)
      """;

  static final int ROWS_PER_INSERT = 500;

  record Side(String name, String url, Connection conn) {}

  record Outcome(String answer, String error) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--help") || args[i].equals("-h")) { System.out.print(USAGE); return; }
      if (!args[i].startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException(USAGE);
      opt.put(args[i].substring(2), args[++i]);
    }
    double sf = Double.parseDouble(opt.getOrDefault("sf", "0.01"));
    int runs = Integer.parseInt(opt.getOrDefault("runs", "3"));
    int timeout = Integer.parseInt(opt.getOrDefault("timeout", "300"));
    Path dir = Path.of(opt.getOrDefault("dir", "bench/tpch"));
    List<Integer> queries = new ArrayList<>();
    for (String q : opt.getOrDefault("queries", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22").split(",")) {
      queries.add(Integer.parseInt(q.trim()));
    }
    Side a = new Side(opt.getOrDefault("a-name", "MiniDB"), opt.get("a-url"), connect(opt.get("a-url"), timeout));
    Side b = new Side(opt.getOrDefault("b-name", "PostgreSQL"), opt.get("b-url"), connect(opt.get("b-url"), timeout));
    List<String> notes = new ArrayList<>();

    String schema = Files.readString(dir.resolve("schema.sql"));
    for (Side s : List.of(a, b)) {
      long t0 = System.nanoTime();
      String err = load(s.conn(), schema, sf);
      double secs = (System.nanoTime() - t0) / 1e9;
      System.err.printf(Locale.ROOT, "tpch: %s loaded SF %s in %.1f s%s%n", s.name(), sf, secs, err == null ? "" : " FAILED: " + err);
      notes.add(String.format(Locale.ROOT, "load SF %s: %s %.1f s%s", sf, s.name(), secs, err == null ? "" : " (FAILED: " + err + ")"));
      if (opt.containsKey("keys")) {
        try (Statement st = s.conn().createStatement()) {
          for (String stmt : Files.readString(dir.resolve(opt.get("keys"))).split(";")) {
            if (!stmt.isBlank()) st.execute(stmt);
          }
        } catch (SQLException e) {
          notes.add(s.name() + " refused " + opt.get("keys") + ": " + oneLine(e.getMessage()));
        }
      }
      try (Statement st = s.conn().createStatement()) {
        st.execute("ANALYZE");
      } catch (SQLException e) {
        notes.add(s.name() + " refused ANALYZE: " + oneLine(e.getMessage()));
      }
    }

    Path golden = opt.containsKey("golden") ? Path.of(opt.get("golden")) : null;
    if (golden != null) Files.createDirectories(golden);
    System.out.printf("%-6s %12s %12s %8s  %s%n", "query", a.name() + " ms", b.name() + " ms", "ratio", "answer");
    System.out.println("-".repeat(60));
    double logSum = 0;
    int timed = 0;
    int failed = 0;
    int wrong = 0;
    for (int q : queries) {
      String sql = Files.readString(dir.resolve("queries/q" + q + ".sql"))
          .replace("${FRACTION}", new BigDecimal("0.0001").divide(BigDecimal.valueOf(sf)).toPlainString());
      Outcome oa = run(a.conn(), sql);
      Outcome ob = run(b.conn(), sql);
      if (golden != null && ob.error() == null) Files.writeString(golden.resolve("q" + q + ".txt"), ob.answer());
      if (ob.error() != null) notes.add("q" + q + " " + b.name() + " FAILED: " + oneLine(ob.error()));
      if (oa.error() != null) {
        failed++;
        System.out.printf("%-6s %12s %12s %8s  %s%n", "q" + q, "FAILED", ms(timeQuery(b.conn(), sql, runs)), "", "");
        notes.add("q" + q + " " + a.name() + " FAILED: " + oneLine(oa.error()));
        continue;
      }
      if (ob.error() != null) { // no reference answer: MiniDB's time alone, no ratio
        System.out.printf("%-6s %12s %12s %8s  %s%n", "q" + q, ms(timeQuery(a.conn(), sql, runs)), "FAILED", "",
            "not compared");
        continue;
      }
      String verdict = compare(oa.answer(), ob.answer());
      timingError = null;
      double[] times = timeBoth(a.conn(), b.conn(), sql, runs);
      if (timingError != null) notes.add("q" + q + " a timed run FAILED: " + oneLine(timingError));
      boolean same = verdict.equals("equal") && !Double.isNaN(times[0] + times[1]);
      if (!verdict.equals("equal")) {
        wrong++;
        notes.add("q" + q + " answers differ: " + verdict);
      } else if (Double.isNaN(times[0])) {
        failed++;
      } else if (same) {
        logSum += Math.log(times[0] / times[1]);
        timed++;
      }
      System.out.printf(Locale.ROOT, "%-6s %12s %12s %8s  %s%n", "q" + q, ms(times[0]), ms(times[1]),
          same ? String.format(Locale.ROOT, "%.2f", times[0] / times[1]) : "", verdict.equals("equal") ? "equal" : "DIFFERS !");
      System.out.flush();
    }
    System.out.println("-".repeat(60));
    System.out.printf(Locale.ROOT, "geometric mean of the ratio over %d equal answers: %s%n", timed,
        timed == 0 ? "-" : String.format(Locale.ROOT, "%.2f", Math.exp(logSum / timed)));
    System.out.printf("%s: %d of %d queries equal, %d FAILED, %d differ%n", a.name(), timed, queries.size(), failed, wrong);
    for (String n : notes) System.out.println("note: " + n);
  }

  static Connection connect(String url, int timeout) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", String.valueOf(timeout + 60));
    Connection c = DriverManager.getConnection(url, p);
    try (Statement s = c.createStatement()) {
      s.execute("SET statement_timeout = '" + timeout + "s'");
    }
    return c;
  }

  /** Creates the schema and inserts the generated rows; returns null or the first error. */
  static String load(Connection c, String schema, double sf) {
    try (Statement s = c.createStatement()) {
      for (String stmt : schema.split(";")) {
        if (!stmt.isBlank()) s.execute(stmt);
      }
      for (TpchTable<?> table : TpchTable.getTables()) insertAll(s, table, sf);
      return null;
    } catch (SQLException e) {
      return oneLine(e.getMessage());
    }
  }

  static <E extends TpchEntity> void insertAll(Statement s, TpchTable<E> table, double sf) throws SQLException {
    List<TpchColumn<E>> columns = table.getColumns();
    boolean[] quoted = new boolean[columns.size()];
    for (int i = 0; i < quoted.length; i++) {
      TpchColumnType.Base base = columns.get(i).getType().getBase();
      quoted[i] = base == TpchColumnType.Base.VARCHAR || base == TpchColumnType.Base.DATE;
    }
    StringBuilder sql = new StringBuilder();
    int rows = 0;
    for (E e : table.createGenerator(sf, 1, 1)) {
      sql.append(rows == 0 ? "INSERT INTO " + table.getTableName() + " VALUES (" : ", (");
      appendRow(sql, e.toLine(), quoted);
      if (++rows == ROWS_PER_INSERT) {
        s.execute(sql.toString());
        sql.setLength(0);
        rows = 0;
      }
    }
    if (rows > 0) s.execute(sql.toString());
  }

  /** One generated line ("v1|v2|...|") as a VALUES row body, text and dates quoted. */
  static void appendRow(StringBuilder sql, String line, boolean[] quoted) {
    String[] values = line.split("\\|", -1);
    for (int i = 0; i < quoted.length; i++) {
      if (i > 0) sql.append(", ");
      if (quoted[i]) sql.append('\'').append(values[i].replace("'", "''")).append('\'');
      else sql.append(values[i]);
    }
    sql.append(')');
  }

  static Outcome run(Connection c, String sql) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      StringBuilder sb = new StringBuilder();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        if (!sb.isEmpty()) sb.append('\n');
        for (int i = 1; i <= n; i++) {
          if (i > 1) sb.append('|');
          String v = rs.getString(i);
          if (v != null) sb.append(v);
        }
      }
      return new Outcome(sb.toString(), null);
    } catch (SQLException e) {
      return new Outcome(null, e.getSQLState() + " " + e.getMessage());
    }
  }

  /** "equal", or where the answers first differ (rows in order, then numerically close cells called out). */
  static String compare(String a, String b) {
    if (a.equals(b)) return "equal";
    String[] ra = a.split("\n", -1);
    String[] rb = b.split("\n", -1);
    if (ra.length != rb.length) return ra.length + " rows, PostgreSQL " + rb.length;
    String[] sa = ra.clone();
    String[] sb = rb.clone();
    Arrays.sort(sa);
    Arrays.sort(sb);
    if (Arrays.equals(sa, sb)) return "same rows in another order";
    for (int i = 0; i < ra.length; i++) {
      if (!ra[i].equals(rb[i])) return "row " + (i + 1) + ": [" + ra[i] + "], PostgreSQL [" + rb[i] + "]";
    }
    return "differ";
  }

  /** Median ms over {@code runs} runs of each side, interleaved A B B A ... so that noise hurts both. */
  static double[] timeBoth(Connection a, Connection b, String sql, int runs) {
    double[][] t = new double[2][runs];
    for (int r = 0; r < runs; r++) {
      boolean aFirst = r % 2 == 0;
      t[aFirst ? 0 : 1][r] = once(aFirst ? a : b, sql);
      t[aFirst ? 1 : 0][r] = once(aFirst ? b : a, sql);
    }
    return new double[] {median(t[0]), median(t[1])};
  }

  static double timeQuery(Connection c, String sql, int runs) {
    double[] t = new double[runs];
    for (int r = 0; r < runs; r++) t[r] = once(c, sql);
    return median(t);
  }

  /** The error of the last timed run that failed (a timed run fails only when its warm-up did not). */
  static String timingError;

  /** Ms to run and fetch {@code sql}, NaN when it fails. */
  static double once(Connection c, String sql) {
    long t0 = System.nanoTime();
    Outcome o = run(c, sql);
    if (o.error() != null) timingError = o.error();
    return o.error() != null ? Double.NaN : (System.nanoTime() - t0) / 1e6;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  static String ms(double v) {
    return Double.isNaN(v) ? "FAILED" : String.format(Locale.ROOT, v < 100 ? "%.1f" : "%.0f", v);
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ");
  }
}
