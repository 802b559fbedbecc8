package io.newsflow.ingest.http;

import java.util.Locale;
import java.util.Optional;

/**
 * A parsed Content-Type header. Lenient the way servers need: {@code charset = us-ascii},
 * {@code charset='gb2312'} and {@code charset="utf-8"} all give the charset.
 *
 * @param mediaType lower-case type/subtype, empty when the header had none
 * @param charsetParameter the charset parameter without quotes, or null
 */
public record ContentType(String mediaType, String charsetParameter) {

    public static ContentType parse(String header) {
        if (header == null) {
            return new ContentType("", null);
        }
        String[] parts = header.split(";");
        String media = parts[0].trim().toLowerCase(Locale.ROOT);
        String charset = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            if (part.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String value = part.substring(eq + 1).trim();
                if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                        && value.charAt(value.length() - 1) == value.charAt(0)) {
                    value = value.substring(1, value.length() - 1).trim();
                }
                charset = value.isEmpty() ? null : value;
            }
        }
        return new ContentType(media, charset);
    }

    public Optional<String> charset() {
        return Optional.ofNullable(charsetParameter);
    }
}
