package org.minidb.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;

/**
 * A statement that fails in the middle of writing a message (a value its DataRow cannot encode) must not leave
 * half a message before its ErrorResponse: the client would misread the stream, and before this the worker died
 * on "message already open" and left the client waiting forever.
 */
class OutputBufferTest {
  @Test
  void anErrorDiscardsTheHalfWrittenMessage() {
    EmbeddedChannel channel = new EmbeddedChannel();
    OutputBuffer out = new OutputBuffer(channel);
    out.begin('D').int16(1).int32(3).bytes(new byte[] {1, 2, 3});
    out.end(); // one whole DataRow
    out.begin('D').int16(2).int32(5); // the next one fails while being written
    BackendMessages.errorResponse(out, DbException.of("XX000", "boom"));
    out.flush();
    ByteBuf sent = channel.readOutbound();
    assertEquals('D', sent.readByte());
    int length = sent.readInt();
    sent.skipBytes(length - 4);
    assertEquals('E', sent.readByte(), "the ErrorResponse follows the whole DataRow, nothing in between");
    int errorLength = sent.readInt();
    assertEquals(errorLength - 4, sent.readableBytes(), "the ErrorResponse is the last thing sent, and whole");
    sent.release();
    out.release();
  }
}
