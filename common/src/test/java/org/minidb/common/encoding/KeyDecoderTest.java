package org.minidb.common.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.PgType;

/** Every decodable type comes back exactly from its key, ascending and descending, NULLs first and last. */
class KeyDecoderTest {
  private static final PgType[] TYPES = {PgType.INT2, PgType.INT4, PgType.INT8, PgType.OID, PgType.BOOL, PgType.DATE,
      PgType.TIMESTAMP, PgType.TIMESTAMPTZ, PgType.TEXT, PgType.VARCHAR, PgType.NAME, PgType.BYTEA};

  @Test
  void decodesWhatWasEncoded() {
    Random random = new Random(42);
    for (PgType type : TYPES) {
      for (int variant = 0; variant < 4; variant++) {
        boolean desc = (variant & 1) != 0;
        boolean nullsFirst = (variant & 2) != 0;
        KeyCodec codec = new KeyCodec(List.of(new KeyCodec.Column(type, desc, nullsFirst),
            new KeyCodec.Column(PgType.INT4, !desc, nullsFirst)));
        for (int i = 0; i < 300; i++) {
          Object[] values = {i % 17 == 0 ? null : value(type, random), i % 5 == 0 ? null : random.nextInt()};
          Object[] back = KeyDecoder.decode(codec, codec.encode(values));
          if (type == PgType.BYTEA && values[0] != null) {
            assertArrayEquals((byte[]) values[0], (byte[]) back[0], type + " " + variant);
            values[0] = back[0] = null;
          }
          assertArrayEquals(values, back, type + " " + variant);
        }
      }
    }
  }

  @Test
  void lossyTypesAreNotDecodable() {
    for (PgType t : new PgType[] {PgType.NUMERIC, PgType.BPCHAR, PgType.FLOAT4, PgType.FLOAT8, PgType.INTERVAL}) {
      assertFalse(KeyDecoder.decodable(t), t.name());
    }
  }

  private static Object value(PgType type, Random r) {
    return switch (type) {
      case INT2 -> (short) r.nextInt();
      case INT4 -> r.nextInt();
      case INT8 -> r.nextLong();
      case OID -> r.nextLong() & 0xffffffffL;
      case BOOL -> r.nextBoolean();
      case DATE -> LocalDate.ofEpochDay(r.nextInt(2_000_000) - 1_000_000);
      case TIMESTAMP -> LocalDateTime.of(1900 + r.nextInt(300), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24),
          r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000) * 1000);
      case TIMESTAMPTZ -> Instant.ofEpochSecond(r.nextInt(), r.nextInt(1_000_000) * 1000L);
      case BYTEA -> {
        byte[] b = new byte[r.nextInt(12)];
        r.nextBytes(b);
        yield b;
      }
      default -> {
        // Text of every kind of UTF-16 unit: ASCII with NUL, two- and three-byte ranges, paired and lone surrogates.
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(10);
        for (int i = 0; i < n; i++) {
          int kind = r.nextInt(5);
          s.append((char) switch (kind) {
            case 0 -> r.nextInt(0x80);
            case 1 -> 0x80 + r.nextInt(0x780);
            case 2 -> 0x800 + r.nextInt(0xd800 - 0x800);
            case 3 -> 0xd800 + r.nextInt(0x800);
            default -> 0xe000 + r.nextInt(0x2000);
          });
        }
        yield s.toString();
      }
    };
  }
}
