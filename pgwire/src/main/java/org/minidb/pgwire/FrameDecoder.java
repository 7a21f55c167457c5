package org.minidb.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the byte stream into frames, as PostgreSQL's postmaster and SocketBackend do. During startup a frame is
 * {@code int32 length, int32 code, body} (length counts itself, at most {@value #MAX_STARTUP_PACKET_LENGTH}
 * bytes); once a StartupMessage with a protocol version has been seen, a frame is {@code byte type, int32
 * length, body}, the type must be a frontend message type and the length within that type's limit.
 *
 * <p>Invariant: after the first framing error the decoder emits one {@link Inbound.Violation} and discards all
 * later input; the backend answers FATAL 08P01 and closes this connection only.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  static final int MAX_STARTUP_PACKET_LENGTH = 10_000;
  /** PostgreSQL's PQ_LARGE_MESSAGE_LIMIT: statement text, Bind values, CopyData. */
  static final int LARGE_MESSAGE_LIMIT = (1 << 30) - 1;
  /** PostgreSQL's PQ_SMALL_MESSAGE_LIMIT: messages that carry no user data of their own. */
  static final int SMALL_MESSAGE_LIMIT = 10_000;

  static final int SSL_REQUEST_CODE = 80877103;
  static final int GSSENC_REQUEST_CODE = 80877104;
  static final int CANCEL_REQUEST_CODE = 80877102;

  private enum State { STARTUP, MESSAGES, FAILED }

  private State state = State.STARTUP;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (state != State.FAILED) {
      Object frame = state == State.STARTUP ? decodeStartup(in) : decodeMessage(in);
      if (frame == null) break;
      out.add(frame);
    }
    if (state == State.FAILED) in.skipBytes(in.readableBytes());
  }

  private Object decodeStartup(ByteBuf in) {
    if (in.readableBytes() < 4) return null;
    int length = in.getInt(in.readerIndex());
    if (length < 8 || length > MAX_STARTUP_PACKET_LENGTH) return fail("invalid length of startup packet");
    if (in.readableBytes() < length) return null;
    in.skipBytes(4);
    int code = in.readInt();
    byte[] body = new byte[length - 8];
    in.readBytes(body);
    if (code != SSL_REQUEST_CODE && code != GSSENC_REQUEST_CODE && code != CANCEL_REQUEST_CODE) {
      // A StartupMessage: whatever the backend decides, no further startup packet may follow on this
      // connection (PostgreSQL's protocol), so the typed framing starts here.
      state = State.MESSAGES;
    }
    return new Inbound.StartupPacket(code, body);
  }

  private Object decodeMessage(ByteBuf in) {
    if (in.readableBytes() < 1) return null;
    byte type = in.getByte(in.readerIndex());
    int limit = limitFor(type);
    if (limit < 0) return fail("invalid frontend message type " + type);
    if (in.readableBytes() < 5) return null;
    int length = in.getInt(in.readerIndex() + 1);
    if (length < 4 || length - 4 > limit) return fail("invalid message length");
    if (in.readableBytes() < 1 + length) return null;
    in.skipBytes(5);
    byte[] body = new byte[length - 4];
    in.readBytes(body);
    return new Inbound.Message(type, body);
  }

  /** The body size limit of a frontend message type, or -1 for a type that does not exist. */
  static int limitFor(byte type) {
    return switch (type) {
      case 'Q', 'P', 'B', 'F', 'd', 'p' -> LARGE_MESSAGE_LIMIT;
      case 'D', 'E', 'C', 'H', 'S', 'X', 'c', 'f' -> SMALL_MESSAGE_LIMIT;
      default -> -1;
    };
  }

  private Object fail(String message) {
    state = State.FAILED;
    return new Inbound.Violation(MessageReader.violation(message));
  }
}
