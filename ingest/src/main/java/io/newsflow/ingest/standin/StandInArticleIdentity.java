package io.newsflow.ingest.standin;

import io.newsflow.ingest.publish.ArticleIdentity;
import io.newsflow.ingest.publish.PublishedLedger;

import io.newsflow.ingest.poll.Fetching.PageFetched;
import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Stand-in until {@code io.newsflow.ingest.url} lands (fetch branch): the final URL with {@code utm_*} parameters
 * and the fragment dropped; no rel=canonical. To be deleted then.
 */
public final class StandInArticleIdentity implements ArticleIdentity {

    @Override
    public String canonicalUrl(String link, PageFetched page) {
        return canonicalUrl(page.finalUrl() == null ? link : page.finalUrl());
    }

    @Override
    public String canonicalUrl(String link) {
        URI uri = URI.create(link.strip());
        String query = uri.getRawQuery() == null ? null : Arrays.stream(uri.getRawQuery().split("&"))
                .filter(pair -> !pair.startsWith("utm_"))
                .collect(Collectors.joining("&"));
        String base = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
        return query == null || query.isEmpty() ? base : base + "?" + query;
    }

    @Override
    public String articleId(String canonicalUrl) {
        return PublishedLedger.sha256Hex(canonicalUrl).substring(0, 32);
    }
}
