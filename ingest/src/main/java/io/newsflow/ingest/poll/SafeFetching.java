package io.newsflow.ingest.poll;

import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.ingest.feed.FeedParser;
import io.newsflow.ingest.feed.FeedRejected;
import io.newsflow.ingest.feed.ParsedFeed;
import io.newsflow.ingest.fetch.Fetching;
import io.newsflow.ingest.fetch.Validators;
import io.newsflow.ingest.http.FetchFailure;
import io.newsflow.ingest.http.FetchRequest;
import io.newsflow.ingest.http.FetchResult;
import io.newsflow.ingest.http.SafeFetcher;
import io.newsflow.ingest.url.Urls;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link Fetching} on the fetch layer: {@link SafeFetcher} (SSRF rules, limits, politeness, robots.txt for pages)
 * and {@link FeedParser}.
 */
public final class SafeFetching implements Fetching, AutoCloseable {
    private final SafeFetcher fetcher;
    private final FeedParser parser;

    public SafeFetching(SafeFetcher fetcher, FeedParser parser) {
        this.fetcher = fetcher;
        this.parser = parser;
    }

    /** The fetcher and parser of the {@code ingest.fetch} and {@code ingest.feedLimits} settings. */
    public static SafeFetching create(IngestSettings settings) {
        return new SafeFetching(SafeFetcher.create(settings.fetch()), new FeedParser(settings.feedLimits()));
    }

    @Override
    public FeedResponse fetchFeed(FeedSpec feed, Validators validators) {
        Optional<URI> url = Urls.parse(feed.url());
        if (url.isEmpty()) {
            return new FeedFailed("BAD_URL", "'" + feed.url() + "' is not a URL");
        }
        FetchResult result = fetcher.fetch(request(FetchRequest.feed(url.get()), feed)
                .withValidators(validators.etag(), validators.lastModified()));
        return switch (result) {
            case FetchResult.NotModified ignored -> new FeedNotModified();
            case FetchFailure failure -> new FeedFailed(failure.reason().name(), failure.message(),
                    failure.headers().waitAskedFor(failure.status(), Instant.now()).orElse(null));
            case FetchResult.Fetched fetched -> {
                try {
                    ParsedFeed parsed = parser.parse(fetched);
                    yield new FeedFetched(parsed, new Validators(fetched.headers().etag().orElse(null),
                            fetched.headers().lastModified().orElse(null)), fetched.wireBytes());
                } catch (FeedRejected rejected) {
                    yield new FeedFailed(rejected.reason().name(), rejected.getMessage());
                }
            }
        };
    }

    @Override
    public PageResponse fetchPage(FeedSpec feed, String url) {
        Optional<URI> page = Urls.parse(url);
        if (page.isEmpty()) {
            return new PageFailed("BAD_URL", "'" + url + "' is not a URL");
        }
        FetchResult result = fetcher.fetch(request(FetchRequest.page(page.get()), feed));
        return switch (result) {
            case FetchResult.Fetched fetched -> new PageFetched(fetched.finalUrl().toString(), fetched.status(),
                    fetched.headers().mediaType().orElse(null), fetched.headers().charset().orElse(null), fetched.body());
            case FetchFailure failure -> new PageFailed(failure.reason().name(), failure.message());
            case FetchResult.NotModified ignored -> new PageFailed("NOT_MODIFIED", "304 to an unconditional request");
        };
    }

    private static FetchRequest request(FetchRequest request, FeedSpec feed) {
        return request.withUserAgent(feed.userAgent()).withAllowPrivateAddress(feed.allowPrivateAddress());
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
