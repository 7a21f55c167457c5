package org.minidb.server.slt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The passed count each file must reach at least ({@code server/src/test/resources/slt/baseline.txt}:
 * {@code path passed} per line, {@code #} comments). Raised by hand as features land; a file missing
 * from it has baseline 0.
 */
public record SltBaseline(Map<String, Integer> passed) {

    public static final String RESOURCE = "/slt/baseline.txt";

    public static SltBaseline load() throws IOException {
        try (InputStream in = SltBaseline.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing test resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(reader.lines().toList());
        }
    }

    static SltBaseline parse(List<String> lines) {
        Map<String, Integer> passed = new LinkedHashMap<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] words = trimmed.split("\\s+");
            if (words.length != 2) {
                throw new IllegalArgumentException("baseline line is not 'path passed': " + line);
            }
            passed.put(words[0], Integer.parseInt(words[1]));
        }
        return new SltBaseline(Map.copyOf(passed));
    }

    public int of(String file) {
        return passed.getOrDefault(file, 0);
    }
}
