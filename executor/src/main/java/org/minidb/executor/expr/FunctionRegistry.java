package org.minidb.executor.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;

/**
 * The built-in functions by name and argument types (PostgreSQL's pg_proc, the part MiniDB implements), and
 * their resolution: an exact signature wins, else the one reachable with the cheapest implicit coercions
 * (integers widen, float8 preferred among numerics as PostgreSQL prefers it, any string type becomes text).
 */
final class FunctionRegistry {
  static final FunctionRegistry INSTANCE = new FunctionRegistry();

  /** pg_proc.provolatile: only IMMUTABLE functions may be folded into a cached plan. */
  enum Volatility { IMMUTABLE, STABLE, VOLATILE }

  /** Builds the evaluator from arguments already coerced to the declared parameter types. */
  @FunctionalInterface
  interface Builder {
    Expr build(Expr[] args);
  }

  /** One overload; {@code variadic} (or null) is the type of extra trailing arguments. */
  record Def(String name, PgType[] params, PgType variadic, PgType result, Volatility volatility, Builder builder) {}

  private final Map<String, List<Def>> byName = new HashMap<>();

  private FunctionRegistry() {
    StringFunctions.register(this);
    MathFunctions.register(this);
    TimeFunctions.register(this);
    CatalogFunctions.register(this);
    RelationSizeFunctions.register(this);
    IndexCheckFunctions.register(this);
    WalFunctions.register(this);
    ToChar.register(this);
  }

  void add(String names, Volatility v, PgType result, Builder b, PgType... params) {
    for (String n : names.split(",")) {
      byName.computeIfAbsent(n.strip(), k -> new ArrayList<>()).add(new Def(n.strip(), params, null, result, v, b));
    }
  }

  void addVariadic(String name, Volatility v, PgType result, Builder b, PgType variadic, PgType... params) {
    byName.computeIfAbsent(name, k -> new ArrayList<>()).add(new Def(name, params, variadic, result, v, b));
  }

  /** A strict (NULL in, NULL out) immutable function of one argument. */
  void add1(String names, PgType result, PgType param, Function<Object, Object> f) {
    add(names, Volatility.IMMUTABLE, result, a -> strict(a[0], f), param);
  }

  /** A strict immutable function of two arguments. */
  void add2(String names, PgType result, PgType p1, PgType p2, BiFunction<Object, Object, Object> f) {
    add(names, Volatility.IMMUTABLE, result, a -> strict(a[0], a[1], f), p1, p2);
  }

  static Expr strict(Expr a, Function<Object, Object> f) {
    return (row, ctx) -> {
      Object x = a.eval(row, ctx);
      return x == null ? null : f.apply(x);
    };
  }

  static Expr strict(Expr a, Expr b, BiFunction<Object, Object, Object> f) {
    return (row, ctx) -> {
      Object x = a.eval(row, ctx);
      if (x == null) return null;
      Object y = b.eval(row, ctx);
      return y == null ? null : f.apply(x, y);
    };
  }

  /** Strict in all arguments: evaluates them in order, NULL as soon as one is NULL. */
  static Expr strictN(Expr[] args, Function<Object[], Object> f) {
    return (row, ctx) -> {
      Object[] v = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        v[i] = args[i].eval(row, ctx);
        if (v[i] == null) return null;
      }
      return f.apply(v);
    };
  }

  boolean exists(String name) { return byName.containsKey(name.toLowerCase(Locale.ROOT)); }

  boolean isImmutable(String name) {
    List<Def> defs = byName.get(name.toLowerCase(Locale.ROOT));
    if (defs == null) return true;
    return defs.stream().allMatch(d -> d.volatility() == Volatility.IMMUTABLE);
  }

  DataType resultType(String name, List<DataType> argTypes) {
    Def d = resolve(name, argTypes);
    return d == null ? null : DataType.of(d.result());
  }

  Expr call(String name, List<Expr> args, List<DataType> argTypes, DataType resultType) {
    Def d = resolve(name, argTypes);
    if (d == null) {
      String sig = argTypes.stream().map(DataType::formatType).collect(Collectors.joining(", "));
      throw DbException.of(SqlState.UNDEFINED_FUNCTION,
          "function " + name.toLowerCase(Locale.ROOT) + "(" + sig + ") does not exist").withHint(
              "No function matches the given name and argument types. You might need to add explicit type casts.");
    }
    Expr[] coerced = new Expr[args.size()];
    for (int i = 0; i < coerced.length; i++) {
      PgType param = i < d.params().length ? d.params()[i] : d.variadic();
      DataType from = argTypes.get(i);
      // UNKNOWN as a parameter type means "any": the argument arrives as its text (concat, format, ...), which is
      // its type's output form: the cast to text but for a boolean, whose output is t / f (its cast gives true).
      PgType target = param == PgType.UNKNOWN ? PgType.TEXT : param;
      if (param == PgType.UNKNOWN && from.type() == PgType.BOOL) {
        coerced[i] = strict(args.get(i), b -> (Boolean) b ? "t" : "f");
        continue;
      }
      coerced[i] = from.type() == target ? args.get(i) : Casts.cast(args.get(i), from, DataType.of(target), false);
    }
    Expr e = d.builder().build(coerced);
    if (resultType != null && resultType.type() != d.result()) {
      e = Casts.cast(e, DataType.of(d.result()), resultType, false);
    }
    return e;
  }

  private Def resolve(String name, List<DataType> argTypes) {
    List<Def> defs = byName.get(name.toLowerCase(Locale.ROOT));
    if (defs == null) return null;
    Def best = null;
    int bestCost = Integer.MAX_VALUE;
    for (Def d : defs) {
      int n = argTypes.size();
      if (n < d.params().length || (n > d.params().length && d.variadic() == null)) continue;
      if (d.variadic() != null && n == d.params().length) continue; // VARIADIC takes at least one argument
      int total = 0;
      for (int i = 0; i < n && total >= 0; i++) {
        PgType param = i < d.params().length ? d.params()[i] : d.variadic();
        int c = cost(argTypes.get(i).type(), param);
        total = c < 0 ? -1 : total + c;
      }
      if (total >= 0 && total < bestCost) {
        best = d;
        bestCost = total;
      }
    }
    return best;
  }

  /** Cost of the implicit coercion from one type to another, -1 if there is none. */
  static int cost(PgType from, PgType to) {
    if (from == to) return 0;
    if (to == PgType.UNKNOWN) return 10; // an "any" parameter: accepts everything, as a last resort
    if (from == PgType.UNKNOWN) return to == PgType.TEXT ? 1 : 2;
    if (from.isString()) return to == PgType.TEXT ? 1 : -1;
    return switch (from) {
      case INT2 -> switch (to) {
        case INT4 -> 1; case INT8 -> 2; case FLOAT8 -> 3; case NUMERIC -> 4; case FLOAT4 -> 5; default -> -1;
      };
      case INT4 -> switch (to) {
        case INT8 -> 1; case FLOAT8 -> 3; case NUMERIC -> 4; case FLOAT4 -> 5; default -> -1;
      };
      case INT8 -> switch (to) { case FLOAT8 -> 3; case NUMERIC -> 4; case FLOAT4 -> 5; default -> -1; };
      case NUMERIC -> switch (to) { case FLOAT8 -> 3; case FLOAT4 -> 5; default -> -1; };
      case FLOAT4 -> to == PgType.FLOAT8 ? 1 : -1;
      case DATE -> to == PgType.TIMESTAMP ? 1 : to == PgType.TIMESTAMPTZ ? 2 : -1;
      case TIMESTAMP -> to == PgType.TIMESTAMPTZ ? 1 : -1;
      default -> -1;
    };
  }
}
