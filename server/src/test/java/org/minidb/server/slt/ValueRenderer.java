package org.minidb.server.slt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders one result value the way the reference runner does, from the text the server sent and the
 * kind of the column's type.
 *
 * <ul>
 *   <li>{@code I}: integers as sent; other numbers truncated toward zero; booleans 1/0; text as the
 *       number it starts with (SQLite's reading, which the expected results come from).</li>
 *   <li>{@code R}: {@code %.3f} of the value, rounded as C's printf does (from the exact binary double,
 *       ties to even), not as Java's Formatter does (which rounds the shortest decimal string).</li>
 *   <li>{@code T}: the text itself.</li>
 * </ul>
 * In every type NULL is {@code NULL}, an empty string {@code (empty)}, and each byte of the UTF-8 form
 * outside printable ASCII {@code @}.
 */
public final class ValueRenderer {

    private static final Pattern NUMERIC_PREFIX = Pattern.compile("\\s*([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)");

    /** What the renderer needs to know of a column's type. */
    public enum ColumnKind {
        BOOLEAN, INTEGER, OTHER;

        /** The kind of a {@link java.sql.Types} code, as pgjdbc maps PostgreSQL's types to it. */
        public static ColumnKind ofSqlType(int sqlType) {
            return switch (sqlType) {
                case java.sql.Types.BIT, java.sql.Types.BOOLEAN -> BOOLEAN;
                case java.sql.Types.SMALLINT, java.sql.Types.INTEGER, java.sql.Types.BIGINT,
                     java.sql.Types.TINYINT -> INTEGER;
                default -> OTHER;
            };
        }
    }

    private ValueRenderer() {}

    public static String render(String text, ColumnKind kind, char typeLetter) {
        if (text == null) {
            return "NULL";
        }
        String rendered = switch (typeLetter) {
            case 'I' -> renderInteger(text, kind);
            case 'R' -> renderReal(text, kind);
            default -> text;
        };
        if (rendered.isEmpty()) {
            return "(empty)";
        }
        return printable(rendered);
    }

    private static String renderInteger(String text, ColumnKind kind) {
        if (kind == ColumnKind.BOOLEAN) {
            return booleanValue(text) ? "1" : "0";
        }
        if (kind == ColumnKind.INTEGER) {
            return text;
        }
        return numericPrefix(text).setScale(0, RoundingMode.DOWN).toPlainString();
    }

    private static String renderReal(String text, ColumnKind kind) {
        if (kind == ColumnKind.BOOLEAN) {
            return booleanValue(text) ? "1.000" : "0.000";
        }
        double value;
        try {
            value = Double.parseDouble(text.trim()); // also reads float8's NaN and Infinity
        } catch (NumberFormatException e) {
            value = numericPrefix(text).doubleValue();
        }
        if (Double.isNaN(value)) {
            return "nan"; // glibc's spelling
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String digits = new BigDecimal(value).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
        // printf keeps the sign of a negative value that rounds to zero ("-0.000"); BigDecimal has no -0.
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        return negative && !digits.startsWith("-") ? "-" + digits : digits;
    }

    /**
     * The number a text starts with, 0 if it starts with none: how SQLite, whose output the expected
     * results are, reads a string as a number ({@code 'abc'} is 0, {@code ' 12.5x'} is 12.5).
     */
    static BigDecimal numericPrefix(String text) {
        Matcher m = NUMERIC_PREFIX.matcher(text);
        return m.lookingAt() ? new BigDecimal(m.group(1)) : BigDecimal.ZERO;
    }

    private static boolean booleanValue(String text) {
        return text.equals("t") || text.equalsIgnoreCase("true") || text.equals("1");
    }

    /** Replaces every byte of the UTF-8 form outside {@code ' '..'~'} with {@code @}, as the C runner does. */
    static String printable(String s) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c >= ' ' && c <= '~';
        }
        if (plain) {
            return s;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            out.append(b >= ' ' && b <= '~' ? (char) b : '@');
        }
        return out.toString();
    }
}
