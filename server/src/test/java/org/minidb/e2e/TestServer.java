package org.minidb.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.minidb.server.MiniDbServer;
import org.minidb.server.ServerOptions;

/**
 * A real MiniDB server for end-to-end tests: started in this JVM on an ephemeral loopback port with its own
 * temporary data directory, reached by clients over TCP only.
 */
public final class TestServer implements AutoCloseable {
  private final Path dataDirectory;
  private final Map<String, String> settings;
  private MiniDbServer server;

  private TestServer(Path dataDirectory, Map<String, String> settings) {
    this.dataDirectory = dataDirectory;
    this.settings = settings;
  }

  /** Starts a server with fsync off and the given extra settings. */
  public static TestServer start(Map<String, String> extraSettings) throws IOException {
    Path dir = Files.createTempDirectory("minidb-e2e");
    Map<String, String> settings = new HashMap<>();
    settings.put("port", "0");
    settings.put("listen_addresses", "127.0.0.1");
    settings.put("fsync", "off");
    settings.put("shared_buffers", "8MB");
    settings.putAll(extraSettings);
    TestServer t = new TestServer(dir, settings);
    t.startAgain();
    return t;
  }

  public static TestServer start() throws IOException { return start(Map.of()); }

  /** Starts the server again on the same data directory (after {@link #stop}). */
  public void startAgain() {
    server = MiniDbServer.start(new ServerOptions(dataDirectory, settings));
  }

  /** Clean shutdown; the data directory stays. */
  public void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  public int port() { return server.port(); }

  public Path dataDirectory() { return dataDirectory; }

  public String url() { return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres"; }

  public Connection connect() throws SQLException { return connect(new Properties()); }

  public Connection connect(Properties extra) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", "60");
    p.putAll(extra);
    return DriverManager.getConnection(url(), p);
  }

  @Override
  public void close() throws IOException {
    stop();
    try (Stream<Path> files = Files.walk(dataDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
