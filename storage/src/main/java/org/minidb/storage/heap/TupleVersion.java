package org.minidb.storage.heap;

/** One tuple version read by tid, outside any snapshot: its tid and its data (RowCodec bytes). */
public record TupleVersion(long tid, byte[] data) {}
