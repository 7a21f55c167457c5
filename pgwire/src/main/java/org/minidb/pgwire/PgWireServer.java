package org.minidb.pgwire;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.sql.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL-protocol listener: binds the listen addresses, frames each connection's bytes on a netty
 * event loop (epoll where available, NIO otherwise) and serves each connection with its own backend worker,
 * a virtual thread running the session loop ({@link BackendConnection}).
 */
public final class PgWireServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PgWireServer.class);
  /** How long {@link #close()} waits for each backend worker to end its current statement. */
  private static final long WORKER_SHUTDOWN_MILLIS = 10_000;

  private final Engine engine;
  private final EventLoopGroup acceptGroup;
  private final EventLoopGroup ioGroup;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
  private final ThreadFactory workerFactory = Thread.ofVirtual().name("backend-", 1).factory();
  private final List<InetSocketAddress> boundAddresses = new ArrayList<>();
  private final int maxConnections;
  private final java.util.concurrent.atomic.AtomicInteger sessions = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean closed;
  /** Backends by pid, for CancelRequests (thread mode: every backend is in this process). */
  private final ConcurrentHashMap<Integer, BackendConnection> cancelTargets = new ConcurrentHashMap<>();

  private PgWireServer(Engine engine, int maxConnections, boolean epoll) {
    this.engine = engine;
    this.maxConnections = maxConnections;
    IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    this.acceptGroup = new MultiThreadIoEventLoopGroup(1, factory);
    this.ioGroup = new MultiThreadIoEventLoopGroup(ioThreads, factory);
  }

  /**
   * Starts listening.
   *
   * @param listenAddresses PostgreSQL's listen_addresses: comma-separated host names or addresses, {@code *}
   *     for all IPv4 and IPv6 interfaces
   * @param port the TCP port, 0 for an ephemeral one (the same port is then used for every address)
   */
  public static PgWireServer start(Engine engine, String listenAddresses, int port) {
    return start(engine, listenAddresses, port, Integer.MAX_VALUE);
  }

  /** Starts listening; at most {@code maxConnections} sessions at a time (more get FATAL 53300). */
  public static PgWireServer start(Engine engine, String listenAddresses, int port, int maxConnections) {
    boolean epoll = Epoll.isAvailable();
    PgWireServer server = new PgWireServer(engine, maxConnections, epoll);
    try {
      server.bind(resolve(listenAddresses), port, epoll);
      return server;
    } catch (Throwable e) { // netty throws its IOExceptions unchecked
      server.close();
      throw e;
    }
  }

  private void bind(List<InetAddress> addresses, int port, boolean epoll) {
    Class<? extends ServerChannel> channelClass =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(acceptGroup, ioGroup)
        .channel(channelClass)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            channels.add(ch);
            ch.pipeline().addLast("frames", new FrameDecoder());
            ch.pipeline().addLast("backend", new ConnectionHandler(PgWireServer.this));
          }
        });
    int actualPort = port;
    for (InetAddress address : addresses) {
      io.netty.channel.ChannelFuture future = bootstrap.bind(new InetSocketAddress(address, actualPort))
          .awaitUninterruptibly();
      if (!future.isSuccess()) {
        String family = address instanceof java.net.Inet6Address ? "IPv6" : "IPv4";
        String reason = future.cause().getMessage();
        if (reason != null && reason.contains("Address already in use")) reason = "Address already in use";
        throw DbException.fatal(SqlState.IO_ERROR, "could not bind " + family + " address \""
            + address.getHostAddress() + "\": " + reason)
            .withHint("Is another postmaster already running on port " + actualPort
                + "? If not, wait a few seconds and retry.");
      }
      Channel channel = future.channel();
      channels.add(channel);
      InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
      actualPort = bound.getPort();
      boundAddresses.add(bound);
    }
  }

  private static List<InetAddress> resolve(String listenAddresses) {
    Set<InetAddress> result = new LinkedHashSet<>();
    for (String raw : listenAddresses.split(",")) {
      String host = raw.trim();
      if (host.isEmpty()) continue;
      try {
        if (host.equals("*")) {
          result.add(InetAddress.getByName("0.0.0.0"));
        } else {
          for (InetAddress a : InetAddress.getAllByName(host)) result.add(a);
        }
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("could not translate host name \"" + host + "\" to address", e);
      }
    }
    if (result.isEmpty()) throw new IllegalArgumentException("no listen addresses in \"" + listenAddresses + "\"");
    return List.copyOf(result);
  }

  Engine engine() { return engine; }

  /** Counts a new session in, unless max_connections sessions are open already. */
  boolean admit() {
    while (true) {
      int n = sessions.get();
      if (n >= maxConnections) return false;
      if (sessions.compareAndSet(n, n + 1)) return true;
    }
  }

  void release() { sessions.decrementAndGet(); }

  /** The running backends by pid: each adds itself after BackendKeyData and removes itself at its end. */
  ConcurrentHashMap<Integer, BackendConnection> cancelTargets() { return cancelTargets; }

  void startWorker(BackendConnection connection) {
    Thread worker = workerFactory.newThread(() -> {
      try {
        connection.run();
      } finally {
        workers.remove(Thread.currentThread());
      }
    });
    workers.add(worker);
    worker.start();
  }

  /** The real port (useful after binding port 0). */
  public int port() { return boundAddresses.getFirst().getPort(); }

  public List<InetSocketAddress> boundAddresses() { return List.copyOf(boundAddresses); }

  /** Stops accepting, closes every connection and waits (bounded) for the backend workers to end. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    channels.close().awaitUninterruptibly(WORKER_SHUTDOWN_MILLIS);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WORKER_SHUTDOWN_MILLIS);
    for (Thread worker : List.copyOf(workers)) {
      long left = deadline - System.nanoTime();
      try {
        if (left <= 0 || !worker.join(java.time.Duration.ofNanos(left))) {
          log.warn("backend worker {} did not end in time", worker.getName());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
