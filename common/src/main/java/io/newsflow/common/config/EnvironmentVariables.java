package io.newsflow.common.config;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a setting's path maps to the environment variable that overrides it. */
public final class EnvironmentVariables {
    public static final String PREFIX = "NEWSFLOW_";

    private EnvironmentVariables() {}

    /** {@code [kafka, bootstrapServers]} becomes {@code NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS}. */
    public static String nameOf(List<String> path) {
        return PREFIX + path.stream().map(EnvironmentVariables::upperSnake).collect(Collectors.joining("_"));
    }

    static String upperSnake(String key) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(key.charAt(i - 1))) {
                out.append('_');
            }
            out.append(c == '-' || c == '.' ? '_' : c);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
