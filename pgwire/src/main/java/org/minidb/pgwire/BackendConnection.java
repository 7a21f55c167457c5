package org.minidb.pgwire;

import io.netty.channel.Channel;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.minidb.common.error.DbException;
import org.minidb.sql.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend worker of one connection: a (virtual) thread running the session loop, one message at a time,
 * in arrival order. The event loop only frames bytes into {@link Inbound} events and {@link #enqueue}s them;
 * everything that may block (the session, storage) runs here. See this package's README for the state
 * machine.
 *
 * <p>Input backpressure: when more than {@link #INPUT_HIGH_WATER} bytes of frames wait in the inbox, the
 * channel stops reading until the worker has drained them below {@link #INPUT_LOW_WATER}.
 */
final class BackendConnection implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(BackendConnection.class);
  static final long INPUT_HIGH_WATER = 4L << 20;
  static final long INPUT_LOW_WATER = 1L << 20;

  private final Channel channel;
  private final PgWireServer server;
  private boolean admitted;
  private final OutputBuffer out;
  private final ExtendedProtocol extended;
  private final BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean readingPaused = new AtomicBoolean();
  private Session session;
  /** After an error in an extended-query message, every message up to Sync is discarded. */
  private boolean skipUntilSync;
  private boolean inExtendedMessage;
  /** A FATAL error was sent: the connection ends after the current message. */
  private boolean terminating;
  /** ReadyForQuery went out and no message came since: the client is idle (the idle timeouts apply). */
  private boolean awaitingCommand;

  BackendConnection(Channel channel, PgWireServer server) {
    this.channel = channel;
    this.server = server;
    this.out = new OutputBuffer(channel);
    this.extended = new ExtendedProtocol(this, out);
  }

  /** Called on the event loop, in arrival order. */
  void enqueue(Inbound event) {
    long size = sizeOf(event);
    inbox.add(event);
    if (queuedBytes.addAndGet(size) > INPUT_HIGH_WATER && readingPaused.compareAndSet(false, true)) {
      channel.config().setAutoRead(false);
      // The worker may have drained the inbox before it could see the pause: re-check (see dequeued()).
      if (queuedBytes.get() <= INPUT_LOW_WATER) resumeReading();
    }
  }

  private void dequeued(Inbound event) {
    if (queuedBytes.addAndGet(-sizeOf(event)) <= INPUT_LOW_WATER && readingPaused.get()) {
      channel.eventLoop().execute(this::resumeReading);
    }
  }

  private void resumeReading() {
    if (queuedBytes.get() <= INPUT_LOW_WATER && readingPaused.compareAndSet(true, false)) {
      channel.config().setAutoRead(true);
    }
  }

  private static long sizeOf(Inbound event) {
    return switch (event) {
      case Inbound.Message m -> m.body().length + 5L;
      case Inbound.StartupPacket p -> p.body().length + 8L;
      default -> 0L;
    };
  }

  OutputBuffer output() { return out; }

  /** The session's TimeZone, for timestamptz text (UTC before the session exists). */
  ZoneId timeZone() {
    Session current = session;
    return current == null ? ZoneOffset.UTC : current.timeZone();
  }

  @Override
  public void run() {
    try {
      while (!terminating) {
        Inbound event = nextEvent();
        if (event == null) {
          reportError(session.idleTimeoutExpired());
          break;
        }
        awaitingCommand = false;
        dequeued(event);
        if (!handle(event)) break;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      log.error("backend worker failed", e);
    } finally {
      if (session != null) server.cancelTargets().remove(session.backendPid(), this);
      if (session != null) {
        try {
          session.close();
        } catch (RuntimeException e) {
          log.warn("closing the session failed", e);
        }
      }
      if (admitted) server.release();
      try {
        out.discardOpenMessage();
        out.flush();
      } catch (RuntimeException e) {
        log.warn("flushing the last messages failed", e);
      } finally {
        out.release();
        channel.close(); // always: a client must never wait on a connection whose worker is gone
      }
    }
  }

  /**
   * The next event, or null when the client stayed idle longer than the session allows (PostgreSQL's
   * idle_in_transaction_session_timeout and idle_session_timeout, armed only after ReadyForQuery).
   */
  private Inbound nextEvent() throws InterruptedException {
    long idleMillis = awaitingCommand ? session.idleTimeoutMillis() : 0;
    return idleMillis > 0 ? inbox.poll(idleMillis, java.util.concurrent.TimeUnit.MILLISECONDS) : inbox.take();
  }

  private void readyForQuery() {
    BackendMessages.readyForQuery(out, session.transactionStatus());
    awaitingCommand = true;
  }

  /**
   * COPY FROM STDIN's input, read from the inbox by this worker while the session runs the COPY: CopyData
   * bodies until CopyDone (null). Flush and Sync are ignored in copy-in mode, as PostgreSQL does.
   */
  org.minidb.sql.CopyInStream copyInStream() {
    return () -> {
      while (true) {
        Inbound event;
        try {
          event = inbox.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw DbException.fatal(org.minidb.common.error.SqlState.ADMIN_SHUTDOWN,
              "terminating connection due to administrator command");
        }
        dequeued(event);
        switch (event) {
          case Inbound.Message m when m.type() == 'd' -> { return m.body(); }
          case Inbound.Message m when m.type() == 'c' -> { return null; }
          case Inbound.Message m when m.type() == 'f' -> throw DbException.of(
              org.minidb.common.error.SqlState.QUERY_CANCELED,
              "COPY from stdin failed: " + new MessageReader(m.body()).readCString());
          case Inbound.Message m when m.type() == 'H' || m.type() == 'S' -> { }
          case Inbound.Message m -> throw DbException.of(org.minidb.common.error.SqlState.PROTOCOL_VIOLATION,
              String.format("unexpected message type 0x%02X during COPY from stdin", m.type()));
          case Inbound.Violation v -> throw v.error();
          case Inbound.Closed c -> throw DbException.fatal("08006",
              "unexpected EOF on client connection with an open transaction");
          case Inbound.StartupPacket p -> throw MessageReader.violation("unexpected startup packet during COPY");
        }
      }
    };
  }

  /** A CancelRequest from another connection named this backend with the right key (any thread). */
  void cancelRequested() { session.cancel(); }

  /** Handles one event; false when the connection must end. */
  private boolean handle(Inbound event) {
    try {
      return switch (event) {
        case Inbound.Closed c -> false;
        case Inbound.Violation v -> reportError(v.error());
        case Inbound.StartupPacket p -> startup(p);
        case Inbound.Message m -> message(m);
      };
    } catch (DbException e) {
      return reportError(e);
    } catch (RuntimeException e) {
      log.error("internal error", e);
      return reportError(DbException.internal(e.toString(), e));
    }
  }

  /** Sends an ErrorResponse at once (as PostgreSQL does); returns false when it was FATAL. */
  private boolean reportError(DbException e) {
    BackendMessages.errorResponse(out, e);
    out.flush();
    if (e.severity() != DbException.Severity.ERROR) {
      log.info("connection ends: {}: {}", e.sqlState(), e.getMessage());
      return false;
    }
    // Errors raised here rather than by the session (a Bind value that does not decode) fail the
    // statement all the same, so the batch's implicit transaction must not commit at Sync.
    if (session != null) session.statementFailed(e);
    if (inExtendedMessage) {
      skipUntilSync = true;
    } else if (session != null) {
      // Outside the extended protocol every error is followed by ReadyForQuery, as in PostgreSQL's main loop.
      readyForQuery();
      out.flush();
    }
    return true;
  }

  void fatalReported() { terminating = true; }

  private boolean startup(Inbound.StartupPacket p) {
    switch (p.code()) {
      case FrameDecoder.SSL_REQUEST_CODE, FrameDecoder.GSSENC_REQUEST_CODE -> {
        // No TLS or GSS encryption yet: a single 'N', then the client goes on in plain text.
        out.int8('N');
        out.flush();
        return true;
      }
      case FrameDecoder.CANCEL_REQUEST_CODE -> {
        cancelRequest(p.body());
        return false; // no reply: the connection just closes, as in PostgreSQL
      }
      default -> {
        StartupMessage m;
        try {
          m = StartupMessage.parse(p.code(), p.body());
        } catch (DbException e) {
          if ((p.code() >>> 16) >= 3) throw e;
          BackendMessages.protocol2Error(out, e);
          out.flush();
          return false;
        }
        if (m.needsNegotiation()) {
          BackendMessages.negotiateProtocolVersion(out, StartupMessage.NEWEST_MINOR, m.unrecognizedOptions());
        }
        if (!server.admit()) {
          throw DbException.fatal(org.minidb.common.error.SqlState.TOO_MANY_CONNECTIONS,
              "sorry, too many clients already");
        }
        admitted = true;
        try {
          session = server.engine().connect(m.parameters());
        } catch (DbException e) {
          throw e.asFatal(); // every startup failure ends the connection, as in PostgreSQL
        }
        BackendMessages.authenticationOk(out);
        for (Map.Entry<String, String> s : session.reportedSettings().entrySet()) {
          BackendMessages.parameterStatus(out, s.getKey(), s.getValue());
        }
        BackendMessages.backendKeyData(out, session.backendPid(), session.cancelKey());
        server.cancelTargets().put(session.backendPid(), this);
        readyForQuery();
        out.flush();
        return true;
      }
    }
  }

  /**
   * CancelRequest: {@code int32 pid, int32 key}. A matching backend's running command is cancelled; an unknown
   * pid, a wrong key or a malformed packet is ignored without a word to the requester (PostgreSQL only logs).
   */
  private void cancelRequest(byte[] body) {
    if (body.length != 8) {
      log.info("invalid length of cancel request packet");
      return;
    }
    MessageReader in = new MessageReader(body);
    int pid = in.readInt32();
    int key = in.readInt32();
    BackendConnection target = server.cancelTargets().get(pid);
    if (target == null) {
      log.info("PID {} in cancel request did not match any process", pid);
    } else if (!target.hasCancelKey(key)) {
      log.info("wrong key in cancel request for process {}", pid);
    } else {
      target.cancelRequested();
    }
  }

  private boolean hasCancelKey(int key) { return session.cancelKey() == key; }

  private boolean message(Inbound.Message m) {
    byte type = m.type();
    if (type == 'X') return false;
    if (type == 'S') {
      skipUntilSync = false;
      inExtendedMessage = false;
      sync();
      return true;
    }
    if (skipUntilSync) return true;
    MessageReader in = new MessageReader(m.body());
    inExtendedMessage = type == 'P' || type == 'B' || type == 'D' || type == 'E' || type == 'C' || type == 'H'
        || type == 'F';
    switch (type) {
      case 'Q' -> simpleQuery(in);
      case 'P' -> extended.parse(session, in);
      case 'B' -> extended.bind(session, in);
      case 'D' -> extended.describe(session, in);
      case 'E' -> {
        WireQuerySink sink = extended.execute(session, in);
        if (sink.error() != null) skipUntilSync = true;
        if (sink.suspended()) out.flush();
      }
      case 'C' -> extended.close(session, in);
      case 'H' -> out.flush();
      case 'd', 'c', 'f' -> {
        // CopyData/CopyDone/CopyFail outside COPY: ignored, as PostgreSQL does (a COPY that failed).
      }
      case 'F' -> throw DbException.of(org.minidb.common.error.SqlState.FEATURE_NOT_SUPPORTED,
          "fastpath function calls are not supported");
      default -> throw MessageReader.violation("invalid frontend message type " + type);
    }
    return !terminating;
  }

  private void simpleQuery(MessageReader in) {
    String sql = in.readCString();
    in.expectEnd();
    WireQuerySink sink = WireQuerySink.simple(this, out);
    try {
      session.simpleQuery(sql, sink);
    } catch (DbException e) {
      if (e.severity() != DbException.Severity.ERROR) throw e;
      sink.error(e);
    } catch (RuntimeException e) {
      log.error("internal error in query: {}", sql, e);
      sink.error(DbException.internal(e.toString(), e));
    }
    if (terminating) return;
    readyForQuery();
    out.flush();
  }

  private void sync() {
    try {
      session.sync();
    } catch (DbException e) {
      if (e.severity() != DbException.Severity.ERROR) throw e;
      BackendMessages.errorResponse(out, e);
    }
    readyForQuery();
    out.flush();
  }
}
