package org.minidb.pgwire;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection's pipeline, on the event loop: starts the connection's backend worker when
 * the channel becomes active and hands it every decoded frame, then the end of the connection. It does no
 * work of its own, so one event loop thread serves many connections without ever blocking.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

  private final PgWireServer server;
  private BackendConnection connection;

  ConnectionHandler(PgWireServer server) { this.server = server; }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    connection = new BackendConnection(ctx.channel(), server);
    server.startWorker(connection);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    connection.enqueue((Inbound) msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (connection != null) connection.enqueue(new Inbound.Closed());
    ctx.fireChannelInactive();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (connection != null) connection.output().writabilityChanged();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      log.debug("connection {} broke", ctx.channel().remoteAddress(), cause);
    } else {
      log.warn("connection {} failed", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}
