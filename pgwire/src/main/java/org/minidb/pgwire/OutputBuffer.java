package org.minidb.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;

/**
 * The one outbound buffer of a connection. The backend worker appends whole messages to it and hands it to
 * netty only when {@link #flush()} is called (ReadyForQuery, the client's Flush, PortalSuspended, an error) or
 * when it has grown past {@link #FLUSH_THRESHOLD}: a round trip costs one write, never one per message.
 *
 * <p>Backpressure: after handing a buffer to netty, the worker waits while the channel is above its high
 * water mark, so a huge result never piles up in memory faster than the client reads it.
 *
 * <p>Used by the connection's backend worker only, except {@link #writabilityChanged()}, which the event loop
 * calls.
 */
final class OutputBuffer {
  static final int FLUSH_THRESHOLD = 64 * 1024;
  private static final int INITIAL_CAPACITY = 8 * 1024;
  /** How long one wait for writability lasts before the channel's state is checked again. */
  private static final long WRITABILITY_POLL_MILLIS = 1000;

  private final Channel channel;
  private final Object writabilityMonitor = new Object();
  private ByteBuf buffer;
  private int lengthIndex = -1;

  OutputBuffer(Channel channel) {
    this.channel = channel;
    this.buffer = channel.alloc().buffer(INITIAL_CAPACITY);
  }

  /** Starts a message: the type byte and a placeholder for the length, filled in by {@link #end()}. */
  OutputBuffer begin(char type) {
    if (lengthIndex >= 0) throw new IllegalStateException("message already open");
    buffer.writeByte(type);
    lengthIndex = buffer.writerIndex();
    buffer.writeInt(0);
    return this;
  }

  /**
   * Drops a message left open by a statement that failed while writing it (a value its DataRow could not encode),
   * so that the ErrorResponse that follows is whole and the client never sees half a message.
   */
  void discardOpenMessage() {
    if (lengthIndex < 0) return;
    buffer.writerIndex(lengthIndex - 1); // back to before the type byte
    lengthIndex = -1;
  }

  /** Ends the open message; hands the buffer to netty if it has grown large. */
  void end() {
    buffer.setInt(lengthIndex, buffer.writerIndex() - lengthIndex);
    lengthIndex = -1;
    if (buffer.readableBytes() >= FLUSH_THRESHOLD) flush();
  }

  OutputBuffer int8(int v) { buffer.writeByte(v); return this; }

  OutputBuffer int16(int v) { buffer.writeShort(v); return this; }

  OutputBuffer int32(int v) { buffer.writeInt(v); return this; }

  OutputBuffer bytes(byte[] v) { buffer.writeBytes(v); return this; }

  OutputBuffer cstring(String s) {
    buffer.writeCharSequence(s, StandardCharsets.UTF_8);
    buffer.writeByte(0);
    return this;
  }

  /** Direct access for value encoders that write in place (DataRow fields). */
  ByteBuf raw() { return buffer; }

  /** Writes everything buffered to the socket, then waits while the channel's outbound queue is too full. */
  void flush() {
    if (lengthIndex >= 0) throw new IllegalStateException("flush inside an open message");
    if (buffer.isReadable()) {
      ByteBuf full = buffer;
      buffer = channel.alloc().buffer(INITIAL_CAPACITY);
      channel.writeAndFlush(full, channel.voidPromise());
    }
    awaitWritable();
  }

  /** Frees the buffer when the connection ends. */
  void release() {
    if (buffer.refCnt() > 0) buffer.release();
  }

  void writabilityChanged() {
    synchronized (writabilityMonitor) {
      writabilityMonitor.notifyAll();
    }
  }

  private void awaitWritable() {
    synchronized (writabilityMonitor) {
      while (!channel.isWritable() && channel.isActive()) {
        try {
          writabilityMonitor.wait(WRITABILITY_POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
