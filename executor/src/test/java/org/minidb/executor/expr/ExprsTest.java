package org.minidb.executor.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minidb.executor.expr.Exprs.literal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.common.types.TextFormat;
import org.minidb.executor.exec.ExecContext;

/** Expected values and errors were obtained by running the same expressions in PostgreSQL 15. */
class ExprsTest {
  private static final Instant NOW = Instant.parse("2024-05-06T07:08:09.123456Z");
  private static final ExecContext CTX =
      new ExecContext(null, null, null, new Object[] {42, "x"}, ZoneOffset.UTC, NOW, 4 << 20);

  private static Object eval(Expr e) { return e.eval(new Object[0], CTX); }

  private static String text(Expr e, PgType t) { return TextFormat.format(t, eval(e)); }

  private static void assertError(String state, String message, Expr e) {
    DbException x = assertThrows(DbException.class, () -> eval(e));
    assertEquals(state, x.sqlState(), x.getMessage());
    assertEquals(message, x.getMessage());
  }

  private static Expr arith(ArithmeticOp op, Object a, Object b, DataType t) {
    return Exprs.arithmetic(op, literal(a), literal(b), t);
  }

  private static Expr num(String s) { return literal(new BigDecimal(s)); }

  @Test
  void threeValuedLogic() {
    Expr t = literal(true);
    Expr f = literal(false);
    Expr n = literal(null);
    assertEquals(false, eval(Exprs.and(List.of(n, f))));
    assertNull(eval(Exprs.and(List.of(n, t))));
    assertEquals(true, eval(Exprs.and(List.of(t, t, t))));
    assertEquals(true, eval(Exprs.or(List.of(n, t))));
    assertNull(eval(Exprs.or(List.of(n, f))));
    assertNull(eval(Exprs.not(n)));
    assertEquals(true, eval(Exprs.isNotTrue(n)));
    assertEquals(false, eval(Exprs.isFalse(n)));
    assertEquals(true, eval(Exprs.isNull(n)));
    assertEquals(false, eval(Exprs.isDistinctFrom(n, n, PgType.INT4)));
    assertEquals(true, eval(Exprs.isDistinctFrom(n, literal(1), PgType.INT4)));
    assertEquals(true, eval(Exprs.isNotDistinctFrom(literal(new BigDecimal("1.0")), num("1.00"), PgType.NUMERIC)));
    assertNull(eval(Exprs.compare(CompareOp.EQ, literal(1), n, PgType.INT4)));
    assertEquals(true, eval(Exprs.compare(CompareOp.EQ, literal("ab "), literal("ab"), PgType.BPCHAR)));
    assertEquals(true, eval(Exprs.compare(CompareOp.GT, literal(Double.NaN), literal(Double.POSITIVE_INFINITY),
        PgType.FLOAT8)));
    assertEquals(42, eval(Exprs.parameter(0)));
  }

  @Test
  void integerOverflowAndDivision() {
    assertError("22003", "integer out of range", arith(ArithmeticOp.ADD, 2147483647, 1, DataType.INT4));
    assertError("22003", "smallint out of range", arith(ArithmeticOp.ADD, (short) 32767, (short) 1, DataType.INT2));
    assertError("22003", "bigint out of range", arith(ArithmeticOp.ADD, Long.MAX_VALUE, 1L, DataType.INT8));
    assertError("22003", "bigint out of range", arith(ArithmeticOp.MULTIPLY, Long.MAX_VALUE, 2L, DataType.INT8));
    assertError("22003", "integer out of range", arith(ArithmeticOp.DIVIDE, Integer.MIN_VALUE, -1, DataType.INT4));
    assertEquals(0, eval(arith(ArithmeticOp.MODULO, Integer.MIN_VALUE, -1, DataType.INT4)));
    assertEquals(1, eval(arith(ArithmeticOp.DIVIDE, 3, 2, DataType.INT4)));
    assertEquals(-1, eval(arith(ArithmeticOp.MODULO, -7, 3, DataType.INT4)));
    assertError("22012", "division by zero", arith(ArithmeticOp.DIVIDE, 1, 0, DataType.INT4));
    assertError("22012", "division by zero", arith(ArithmeticOp.MODULO, 5, 0, DataType.INT4));
    assertError("22003", "integer out of range", Exprs.negate(literal(Integer.MIN_VALUE), DataType.INT4));
    assertEquals(-6L, eval(arith(ArithmeticOp.MULTIPLY, -2L, 3L, DataType.INT8)));
    assertNull(eval(arith(ArithmeticOp.ADD, 1, null, DataType.INT4)));
  }

  @Test
  void numericScale() {
    assertEquals("3.5000000000000000", text(Exprs.arithmetic(ArithmeticOp.DIVIDE, num("7.0"), num("2"),
        DataType.NUMERIC), PgType.NUMERIC));
    String[][] div = {
      {"1", "3.0", "0.33333333333333333333"},
      {"1000000", "3", "333333.333333333333"},
      {"1", "30000", "0.000033333333333333333333"},
      {"0", "7", "0.00000000000000000000"},
      {"12345678", "0.001", "12345678000.00000000"},
    };
    for (String[] d : div) {
      assertEquals(d[2], text(Exprs.arithmetic(ArithmeticOp.DIVIDE, num(d[0]), num(d[1]), DataType.NUMERIC),
          PgType.NUMERIC), d[0] + "/" + d[1]);
    }
    assertError("22012", "division by zero", Exprs.arithmetic(ArithmeticOp.DIVIDE, num("1.0"), num("0"), DataType.NUMERIC));
    assertEquals(new BigDecimal("0.06"), eval(Exprs.arithmetic(ArithmeticOp.MULTIPLY, num("0.2"), num("0.3"), DataType.NUMERIC)));
  }

  @Test
  void floats() {
    assertError("22003", "value out of range: overflow", arith(ArithmeticOp.MULTIPLY, 1e308, 10.0, DataType.FLOAT8));
    assertError("22003", "value out of range: underflow", arith(ArithmeticOp.MULTIPLY, 1e-200, 1e-200, DataType.FLOAT8));
    assertError("22012", "division by zero", arith(ArithmeticOp.DIVIDE, 7.5, 0.0, DataType.FLOAT8));
    assertError("22003", "value out of range: overflow", arith(ArithmeticOp.MULTIPLY, 3e38f, 10f, DataType.FLOAT4));
    assertEquals("3.3333333", text(arith(ArithmeticOp.DIVIDE, 10f, 3f, DataType.FLOAT4), PgType.FLOAT4));
    assertEquals("3.3333333333333335", text(arith(ArithmeticOp.DIVIDE, 10.0, 3.0, DataType.FLOAT8), PgType.FLOAT8));
  }

  @Test
  void dates() {
    Expr d = literal(LocalDate.of(1, 1, 1));
    assertEquals("0001-12-31 BC",
        text(Exprs.arithmetic(ArithmeticOp.SUBTRACT, d, literal(1), DataType.DATE), PgType.DATE));
    assertEquals(LocalDate.of(2024, 1, 11),
        eval(Exprs.arithmetic(ArithmeticOp.ADD, literal(10), literal(LocalDate.of(2024, 1, 1)), DataType.DATE)));
    assertEquals(31, eval(Exprs.arithmetic(ArithmeticOp.SUBTRACT, literal(LocalDate.of(2024, 2, 1)), DataType.DATE,
        literal(LocalDate.of(2024, 1, 1)), DataType.DATE, DataType.INT4)));
  }

  private static Object cast(Object v, DataType from, DataType to, boolean explicit) {
    return eval(Exprs.cast(literal(v), from, to, explicit));
  }

  @Test
  void casts() {
    assertEquals(3, cast(new BigDecimal("2.5"), DataType.NUMERIC, DataType.INT4, true));
    assertEquals(-3, cast(new BigDecimal("-2.5"), DataType.NUMERIC, DataType.INT4, true));
    assertEquals(2, cast(2.5, DataType.FLOAT8, DataType.INT4, true));
    assertEquals(4, cast(3.5, DataType.FLOAT8, DataType.INT4, true));
    assertEquals(4000000000L, cast(4e9, DataType.FLOAT8, DataType.INT8, true));
    assertThrows(DbException.class, () -> cast(Double.NaN, DataType.FLOAT8, DataType.INT4, true));
    DbException e = assertThrows(DbException.class, () -> cast(1e10, DataType.FLOAT8, DataType.INT4, true));
    assertEquals("integer out of range", e.getMessage());
    e = assertThrows(DbException.class, () -> cast(32768, DataType.INT4, DataType.INT2, true));
    assertEquals("smallint out of range", e.getMessage());
    assertEquals(new BigDecimal("0.1"), cast(0.1, DataType.FLOAT8, DataType.NUMERIC, true));
    assertEquals(new BigDecimal("0.333333333333333"), cast(1.0 / 3, DataType.FLOAT8, DataType.NUMERIC, true));
    assertEquals(1.100000023841858, cast(1.1f, DataType.FLOAT4, DataType.FLOAT8, true));
    assertEquals("true", cast(true, DataType.BOOL, DataType.TEXT, true));
    assertEquals(true, cast(1, DataType.INT4, DataType.BOOL, true));
    assertEquals(12, cast(" 12 ", DataType.TEXT, DataType.INT4, true));
    e = assertThrows(DbException.class, () -> cast("x", DataType.TEXT, DataType.INT4, true));
    assertEquals("22P02", e.sqlState());
    assertEquals("ab", cast("abcd", DataType.TEXT, DataType.varchar(2), true));
    assertEquals("abc", cast("abc  ", DataType.TEXT, DataType.varchar(3), false));
    e = assertThrows(DbException.class, () -> cast("abcd", DataType.TEXT, DataType.varchar(3), false));
    assertEquals("22001", e.sqlState());
    assertEquals("value too long for type character varying(3)", e.getMessage());
    e = assertThrows(DbException.class, () -> cast("abcd", DataType.TEXT, DataType.bpchar(3), false));
    assertEquals("value too long for type character(3)", e.getMessage());
    assertEquals("ab  ", cast("ab", DataType.TEXT, DataType.bpchar(4), false));
    assertEquals("ab", cast("ab  ", DataType.bpchar(4), DataType.TEXT, false));
    assertEquals(new BigDecimal("123.46"), cast(new BigDecimal("123.456"), DataType.NUMERIC, DataType.numeric(5, 2), true));
    e = assertThrows(DbException.class,
        () -> cast(new BigDecimal("1234.5"), DataType.NUMERIC, DataType.numeric(5, 2), true));
    assertEquals("22003", e.sqlState());
    assertEquals("numeric field overflow", e.getMessage());
    assertEquals("A field with precision 5, scale 2 must round to an absolute value less than 10^3.", e.detail());
    assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 6), cast(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000),
        DataType.TIMESTAMP, new DataType(PgType.TIMESTAMP, 0), true));
    assertEquals(LocalDate.of(2024, 1, 2), cast(LocalDateTime.of(2024, 1, 2, 3, 4), DataType.TIMESTAMP, DataType.DATE, true));
    ExecContext kolkata = new ExecContext(null, null, null, new Object[0], ZoneId.of("Asia/Kolkata"), NOW, 1 << 20);
    Object tz = Exprs.cast(literal(LocalDateTime.of(2024, 1, 2, 8, 34, 5)), DataType.TIMESTAMP, DataType.TIMESTAMPTZ, false)
        .eval(new Object[0], kolkata);
    assertEquals(Instant.parse("2024-01-02T03:04:05Z"), tz);
    assertEquals("2024-01-02 08:34:05+05:30", Exprs.cast(literal(tz), DataType.TIMESTAMPTZ, DataType.TEXT, true)
        .eval(new Object[0], kolkata));
    assertNull(cast(null, DataType.TEXT, DataType.INT4, true));
  }

  private static Object like(String v, String p, boolean ci) {
    return eval(Exprs.like(literal(v), literal(p), ci));
  }

  @Test
  void likeAndStrings() {
    assertEquals(true, like("hello", "h%o", false));
    assertEquals(true, like("hello", "h_llo", false));
    assertEquals(false, like("hello", "H%", false));
    assertEquals(true, like("hello", "H%", true));
    assertEquals(true, like("50%", "50\\%", false));
    assertEquals(false, like("500", "50\\%", false));
    assertEquals(true, like("a.c", "a.c", false));
    assertEquals(false, like("abc", "a.c", false));
    assertEquals(true, like("a\nb", "a_b", false));
    assertNull(like(null, "a", false));
    DbException e = assertThrows(DbException.class, () -> like("a\\", "a\\", false));
    assertEquals("LIKE pattern must not end with escape character", e.getMessage());
    // Non-literal pattern path.
    Expr dyn = Exprs.like(Exprs.column(0), Exprs.column(1), false);
    assertEquals(true, dyn.eval(new Object[] {"abc", "a%"}, CTX));
    assertEquals(false, dyn.eval(new Object[] {"abc", "b%"}, CTX));
    assertEquals("abc", eval(Exprs.concat(literal("ab"), DataType.bpchar(4), literal("c"), DataType.TEXT)));
    assertEquals("a1", eval(Exprs.concat(literal("a"), DataType.TEXT, literal(1), DataType.INT4)));
    assertNull(eval(Exprs.concat(literal("a"), literal(null))));
  }

  private static Object fn(String name, Object... argsAndTypes) {
    List<Expr> args = new java.util.ArrayList<>();
    List<DataType> types = new java.util.ArrayList<>();
    for (int i = 0; i < argsAndTypes.length; i += 2) {
      args.add(literal(argsAndTypes[i]));
      types.add((DataType) argsAndTypes[i + 1]);
    }
    return eval(Exprs.function(name, args, types, null));
  }

  @Test
  void functions() {
    DataType t = DataType.TEXT;
    DataType i = DataType.INT4;
    DataType n = DataType.NUMERIC;
    assertEquals("h", fn("substr", "hello", t, 0, i, 2, i));
    assertEquals("ello", fn("substr", "hello", t, 2, i));
    assertEquals("negative substring length not allowed",
        assertThrows(DbException.class, () -> fn("substr", "hello", t, 2, i, -1, i)).getMessage());
    assertEquals(2, fn("length", "ab  ", DataType.bpchar(4)));
    assertEquals(5, fn("length", "héllo", t));
    assertEquals(6, fn("octet_length", "héllo", t));
    assertEquals(2, fn("position", "b", t, "abc", t));
    assertEquals(3, fn("strpos", "hello", t, "l", t));
    assertEquals("abc", fn("replace", "abc", t, "", t, "x", t));
    assertEquals("a", fn("btrim", "xxaxx", t, "x", t));
    assertEquals("a ", fn("ltrim", "  a ", t));
    assertEquals("xyxab", fn("lpad", "ab", t, 5, i, "xy", t));
    assertEquals("hel", fn("left", "hello", t, -2, i));
    assertEquals("Hello World", fn("initcap", "hello woRLD", t));
    assertEquals("b", fn("split_part", "a,b,c", t, ",", t, 2, i));
    assertEquals("0cc175b9c0f1b6a831c399e269772661", fn("md5", "a", t));
    assertEquals("ff", fn("to_hex", 255, i));
    assertEquals("a1", fn("concat", "a", t, null, t, 1, i));
    assertEquals("É", fn("upper", "é", t));
    assertEquals(new BigDecimal("1.5"), fn("abs", new BigDecimal("-1.5"), n));
    assertEquals("integer out of range",
        assertThrows(DbException.class, () -> fn("abs", Integer.MIN_VALUE, i)).getMessage());
    assertEquals(2.0, fn("round", 2.5, DataType.FLOAT8));
    assertEquals(2.0, fn("round", 2, i)); // PostgreSQL resolves round(integer) to round(double precision)
    assertEquals("-3", text(Exprs.function("round", List.of(num("-2.5")), List.of(n), null), PgType.NUMERIC));
    assertEquals("1200", text(Exprs.function("round", List.of(num("1234.5"), literal(-2)), List.of(n, i), null),
        PgType.NUMERIC));
    assertEquals(new BigDecimal("2.35"), fn("round", new BigDecimal("2.345"), n, 2, i));
    assertEquals(new BigDecimal("-1"), fn("trunc", new BigDecimal("-1.99"), n));
    assertEquals(new BigDecimal("2.7"), fn("trunc", new BigDecimal("2.789"), n, 1, i));
    assertEquals(new BigDecimal("2"), fn("ceil", new BigDecimal("1.2"), n));
    assertEquals(-2.0, fn("floor", -1.2, DataType.FLOAT8));
    assertEquals(-1, fn("mod", -7, i, 3, i));
    assertEquals(new BigDecimal("2.0"), fn("mod", new BigDecimal("7"), n, new BigDecimal("2.5"), n));
    assertEquals(1.4142135623730951, fn("sqrt", 2, i));
    assertEquals("1.414213562373095", text(Exprs.function("sqrt", List.of(num("2")), List.of(n), null), PgType.NUMERIC));
    assertEquals("4.000000000000000", text(Exprs.function("sqrt", List.of(num("16")), List.of(n), null), PgType.NUMERIC));
    assertEquals("8.0000000000000000",
        text(Exprs.function("power", List.of(num("2"), num("3")), List.of(n, n), null), PgType.NUMERIC));
    assertEquals("6.2500000000000000",
        text(Exprs.function("power", List.of(num("2.5"), num("2")), List.of(n, n), null), PgType.NUMERIC));
    assertEquals(8.0, fn("power", 2, i, 3, i));
    assertEquals(NOW, fn("now"));
    assertEquals(LocalDate.of(2024, 5, 6), fn("current_date"));
    assertEquals("PostgreSQL 15.8 (MiniDB 0.1) on x86_64-pc-linux-gnu, compiled by javac 25, 64-bit", fn("version"));
    assertFalse(Exprs.isDeterministic("now"));
    assertFalse(Exprs.isDeterministic("random"));
    assertTrue(Exprs.isDeterministic("abs"));
    DbException e = assertThrows(DbException.class, () -> fn("abs", "x", DataType.BOOL));
    assertEquals("42883", e.sqlState());
    assertEquals("function abs(boolean) does not exist", e.getMessage());
    assertEquals(DataType.INT4, Exprs.functionResultType("length", List.of(DataType.varchar(3))));
  }

  @Test
  void conditionals() {
    Expr c = Exprs.caseWhen(List.of(literal(null), literal(false), literal(true)),
        List.of(literal(1), literal(2), literal(3)), literal(4));
    assertEquals(3, eval(c));
    assertNull(eval(Exprs.caseWhen(List.of(literal(false)), List.of(literal(1)), null)));
    assertEquals(2, eval(Exprs.coalesce(Arrays.asList(literal(null), literal(2), literal(3)))));
    assertNull(eval(Exprs.nullIf(literal(1), literal(1), PgType.INT4)));
    assertEquals(1, eval(Exprs.nullIf(literal(1), literal(null), PgType.INT4)));
    assertEquals(5, eval(Exprs.greatest(List.of(literal(1), literal(null), literal(5)), PgType.INT4)));
  }
}
