package io.newsflow.ingest.feed;

import io.newsflow.ingest.feed.FeedRejected.Reason;
import io.newsflow.ingest.http.FetchResult;
import io.newsflow.ingest.url.Urls;
import java.net.URI;
import java.util.Objects;

/**
 * Parses feed bytes into a {@link ParsedFeed}: RSS 0.90 to 2.0, RDF, Atom 0.3/1.0 (ROME) and JSON Feed 1.0/1.1
 * (Jackson), detected from the content. Unsafe XML (external entities, entity expansion) is refused with a
 * {@link FeedRejected} naming the reason. Thread-safe.
 */
public final class FeedParser {

    private final FeedLimits limits;
    private final XmlFeedParser xml = new XmlFeedParser();
    private final JsonFeedParser json;

    public FeedParser() {
        this(FeedLimits.DEFAULTS);
    }

    public FeedParser(FeedLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.json = new JsonFeedParser(limits);
    }

    /** Parses a fetched feed: charset from its Content-Type, links resolved against Content-Location or its URL. */
    public ParsedFeed parse(FetchResult.Fetched fetched) throws FeedRejected {
        URI base = fetched.headers().contentLocation().flatMap(location -> Urls.resolve(fetched.finalUrl(), location))
                .orElse(fetched.finalUrl());
        return parse(fetched.body(), fetched.headers().contentType().orElse(null), base);
    }

    /**
     * @param body        the feed's bytes
     * @param contentType the HTTP Content-Type header, or null when there was none (a file)
     * @param documentUrl the feed's URL, against which relative links resolve; null leaves them relative
     */
    public ParsedFeed parse(byte[] body, String contentType, URI documentUrl) throws FeedRejected {
        String feed = documentUrl == null ? "feed" : documentUrl.toString();
        if (body == null || body.length == 0) {
            throw new FeedRejected(Reason.EMPTY, feed + ": empty document");
        }
        if (body.length > limits.maxFeedBytes()) {
            throw new FeedRejected(Reason.TOO_LARGE, feed + ": " + body.length + " bytes, more than the "
                    + limits.maxFeedBytes() + " a feed may have");
        }
        CharsetResolver.Decoded decoded = CharsetResolver.decode(body, contentType);
        if (decoded.text().isBlank()) {
            throw new FeedRejected(Reason.EMPTY, feed + ": document has only whitespace");
        }
        return decoded.json()
                ? json.parse(decoded, documentUrl, limits, feed)
                : xml.parse(decoded, documentUrl, limits, feed);
    }
}
