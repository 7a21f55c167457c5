package org.minidb.server.slt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The reference runner's result hash: MD5 over every rendered value, each followed by a newline. */
public final class ResultHasher {

    private ResultHasher() {}

    /** The line a hashed result is written as: {@code N values hashing to <md5 hex>}. */
    public static String hashLine(List<String> values) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides MD5", e);
        }
        for (String value : values) {
            md5.update(value.getBytes(StandardCharsets.UTF_8));
            md5.update((byte) '\n');
        }
        return values.size() + " values hashing to " + HexFormat.of().formatHex(md5.digest());
    }
}
