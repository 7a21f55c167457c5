package org.minidb.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
  private static ByteBuf startup(int code, byte[] body) {
    return Unpooled.buffer().writeInt(body.length + 8).writeInt(code).writeBytes(body);
  }

  private static ByteBuf message(char type, byte[] body) {
    return Unpooled.buffer().writeByte(type).writeInt(body.length + 4).writeBytes(body);
  }

  @Test
  void framesArriveWholeEvenWhenSplitAcrossReads() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
    ch.writeInbound(startup(FrameDecoder.SSL_REQUEST_CODE, new byte[0]));
    assertEquals(FrameDecoder.SSL_REQUEST_CODE, ((Inbound.StartupPacket) ch.readInbound()).code());
    ByteBuf all = Unpooled.buffer()
        .writeBytes(startup(196608, new byte[] {'u', 0, 'x', 0, 0}))
        .writeBytes(message('Q', new byte[] {'a', 0}))
        .writeBytes(message('S', new byte[0]));
    // One byte at a time: nothing is emitted before a frame is complete.
    while (all.isReadable()) ch.writeInbound(all.readRetainedSlice(1));
    Inbound.StartupPacket p = ch.readInbound();
    assertEquals(196608, p.code());
    assertArrayEquals(new byte[] {'u', 0, 'x', 0, 0}, p.body());
    Inbound.Message q = ch.readInbound();
    assertEquals('Q', q.type());
    assertArrayEquals(new byte[] {'a', 0}, q.body());
    assertEquals('S', ((Inbound.Message) ch.readInbound()).type());
    assertNull(ch.readInbound());
  }

  @Test
  void violationsStopDecoding() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
    ch.writeInbound(Unpooled.buffer().writeInt(FrameDecoder.MAX_STARTUP_PACKET_LENGTH + 1).writeInt(196608));
    Inbound.Violation v = assertInstanceOf(Inbound.Violation.class, ch.readInbound());
    assertEquals("invalid length of startup packet", v.error().getMessage());
    ch.writeInbound(startup(196608, new byte[] {0}));
    assertNull(ch.readInbound()); // everything after a violation is discarded

    ch = new EmbeddedChannel(new FrameDecoder());
    ch.writeInbound(startup(196608, new byte[] {0}));
    ch.readInbound();
    ch.writeInbound(Unpooled.buffer().writeByte('P').writeInt(FrameDecoder.LARGE_MESSAGE_LIMIT + 5));
    assertEquals("invalid message length", ((Inbound.Violation) ch.readInbound()).error().getMessage());

    ch = new EmbeddedChannel(new FrameDecoder());
    ch.writeInbound(startup(196608, new byte[] {0}));
    ch.readInbound();
    ch.writeInbound(Unpooled.buffer().writeByte('S').writeInt(FrameDecoder.SMALL_MESSAGE_LIMIT + 5));
    assertEquals("invalid message length", ((Inbound.Violation) ch.readInbound()).error().getMessage());

    ch = new EmbeddedChannel(new FrameDecoder());
    ch.writeInbound(startup(196608, new byte[] {0}));
    ch.readInbound();
    ch.writeInbound(Unpooled.buffer().writeByte(0));
    Inbound.Violation unknown = ch.readInbound();
    assertEquals("invalid frontend message type 0", unknown.error().getMessage());
    assertEquals("08P01", unknown.error().sqlState());
  }
}
