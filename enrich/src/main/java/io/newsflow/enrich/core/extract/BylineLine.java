package io.newsflow.enrich.core.extract;

import java.util.regex.Pattern;

/** A line that is only a byline: "By Tom Baker, Staff Writer", "Oleh Andi Pratama", "Penulis: Andi". */
public final class BylineLine {
    private static final Pattern BYLINE = Pattern.compile(
            "^(?i:by|oleh|penulis|reporter|written by)\\s*:?\\s+\\p{Lu}[\\p{L}.'’-]*(?:\\s+\\p{Lu}[\\p{L}.'’-]*){0,4}"
                    + "(?:\\s*(?:,|and|dan|&)\\s*\\p{Lu}[\\p{L}.'’-]*(?:\\s+\\p{Lu}[\\p{L}.'’-]*){0,4})*$");

    private BylineLine() {}

    public static boolean matches(String line) {
        return BYLINE.matcher(line).matches();
    }
}
