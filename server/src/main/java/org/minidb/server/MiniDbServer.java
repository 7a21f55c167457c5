package org.minidb.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import org.minidb.pgwire.PgWireServer;
import org.minidb.sql.Engine;
import org.minidb.sql.engine.SqlEngine;
import org.minidb.sql.settings.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The postmaster: owns the data directory's lock, the engine (storage, catalog, sessions) and the listener.
 * {@link #start} returns once clients can connect; {@link #close} stops accepting, closes the sessions, then
 * the engine (which flushes storage), then releases the lock.
 */
public final class MiniDbServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MiniDbServer.class);

  private final PostmasterLock lock;
  private final Engine engine;
  private final PgWireServer wire;
  private final CountDownLatch closed = new CountDownLatch(1);
  private boolean closing;

  private MiniDbServer(PostmasterLock lock, Engine engine, PgWireServer wire) {
    this.lock = lock;
    this.engine = engine;
    this.wire = wire;
  }

  /**
   * Starts a server and blocks until it accepts connections.
   *
   * @throws org.minidb.common.error.DbException for a bad setting or a data directory in use
   */
  public static MiniDbServer start(ServerOptions options) {
    ServerSettings settings = ServerSettings.of(options.settings());
    LogLevels.apply(settings.get("log_min_messages"));
    Path dataDirectory = options.dataDirectory().toAbsolutePath().normalize();
    createDataDirectory(dataDirectory);
    String listenAddresses = settings.get("listen_addresses");
    PostmasterLock lock = PostmasterLock.acquire(dataDirectory, (int) settings.getLong("port"), listenAddresses);
    Engine engine = null;
    try {
      engine = SqlEngine.open(settings, dataDirectory);
      PgWireServer wire = PgWireServer.start(engine, listenAddresses, (int) settings.getLong("port"),
          (int) settings.getLong("max_connections"));
      for (InetSocketAddress a : wire.boundAddresses()) {
        log.info("listening on {} address \"{}\", port {}", a.getAddress() instanceof Inet6Address ? "IPv6" : "IPv4",
            a.getAddress().getHostAddress(), a.getPort());
      }
      lock.update(wire.port(), listenAddresses);
      log.info("database system is ready to accept connections");
      return new MiniDbServer(lock, engine, wire);
    } catch (Throwable e) { // also the IOExceptions netty throws unchecked
      if (engine != null) {
        try {
          engine.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      lock.close();
      throw e;
    }
  }

  private static void createDataDirectory(Path dataDirectory) {
    if (Files.isDirectory(dataDirectory)) return;
    try {
      Files.createDirectories(dataDirectory);
      try {
        Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the default permissions stay
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not create data directory \"" + dataDirectory + "\"", e);
    }
  }

  /** The port clients connect to (the real one when the {@code port} setting was 0). */
  public int port() { return wire.port(); }

  /** Blocks until {@link #close} has finished. */
  public void awaitShutdown() throws InterruptedException { closed.await(); }

  @Override
  public void close() {
    boolean first;
    synchronized (this) {
      first = !closing;
      closing = true;
    }
    if (!first) {
      // A second caller (the JVM's shutdown hook after SIGTERM) waits for the first to finish.
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      log.info("received shutdown request");
      wire.close();
      engine.close();
      lock.close();
      log.info("database system is shut down");
    } finally {
      closed.countDown();
    }
  }
}
