package io.newsflow.ingest.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** What makes a feed URL acceptable in the config: absolute, http(s), a host; file: only when enabled for demos. */
public final class FeedUrls {
    private FeedUrls() {}

    /** Why {@code url} cannot be a feed, or empty when it can. */
    public static Optional<String> problemWith(String url, boolean allowFileUrls) {
        if (url == null || url.isBlank()) {
            return Optional.of("the feed has no url");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.of("'" + url + "' is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> uri.getHost() == null || uri.getHost().isBlank()
                    ? Optional.of("'" + url + "' has no host")
                    : Optional.empty();
            case "file" -> allowFileUrls
                    ? Optional.empty()
                    : Optional.of("'" + url + "': file URLs are allowed only with ingest.fetch.allowFileScheme: true");
            case "" -> Optional.of("'" + url + "' is not an absolute URL; write it with http:// or https://");
            default -> Optional.of("'" + url + "': only http and https feeds are supported, not " + scheme);
        };
    }
}
