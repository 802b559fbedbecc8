package io.newsflow.ingest.config;

import io.newsflow.ingest.url.CanonicalUrl;
import io.newsflow.ingest.url.Urls;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One feed to poll, from whichever source named it (the config file, an OPML file, the drop folder).
 *
 * @param url the feed's URL as written
 * @param name a display name, or null
 * @param pollInterval how often to poll, or null for {@code ingest.defaultPollInterval}
 * @param languageHint ISO 639-1 language of the feed's articles, or null
 * @param tags tags every article of the feed carries
 * @param userAgent a User-Agent for this feed only, or null for the service's
 * @param allowPrivateAddress whether the feed may live on a private or loopback address
 * @param origin where the feed was declared ({@code feeds.d/tech.opml:12}), for messages
 */
public record FeedSpec(
        String url,
        String name,
        Duration pollInterval,
        String languageHint,
        List<String> tags,
        String userAgent,
        boolean allowPrivateAddress,
        String origin) {

    public FeedSpec {
        tags = List.copyOf(tags);
    }

    public static FeedSpec ofUrl(String url, String origin) {
        return new FeedSpec(url, null, null, null, List.of(), null, false, origin);
    }

    public Optional<Duration> configuredInterval() {
        return Optional.ofNullable(pollInterval);
    }

    /** The host, for log lines and per-host metrics. */
    public String host() {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /**
     * The key under which feeds from different sources are recognised as the same: the URL normalised as article
     * URLs are (scheme and host lowercased, default port, fragment and tracking parameters dropped).
     */
    public String identity() {
        return identityOf(url);
    }

    static String identityOf(String url) {
        return Urls.parse(url.strip()).map(CanonicalUrl::normalize).map(URI::toString).orElse(url.strip());
    }

    /** The name and URL, for messages. */
    public String describe() {
        return (name == null ? url : name + " (" + url + ")");
    }
}
