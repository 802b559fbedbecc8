package io.newsflow.ingest.standin;

import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.ingest.poll.Fetching;
import io.newsflow.ingest.poll.Validators;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Stand-in until the fetch branch's SafeFetcher and feed parser land: plain JDK HttpClient and ROME, with the
 * configured timeouts and a body size cap but none of the SSRF, robots or per-host rules. To be deleted then.
 */
public final class StandInFetching implements Fetching {
    private final HttpClient client;
    private final IngestSettings.Fetch limits;
    private final String userAgent;
    private final boolean allowFiles;

    public StandInFetching(IngestSettings settings) {
        this.limits = settings.fetch();
        this.allowFiles = settings.allowFileUrls();
        this.userAgent = "newsflow/0.1 (+" + limits.contactUrl() + ")";
        this.client = HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public FeedResponse fetchFeed(FeedSpec feed, Validators validators) {
        try {
            URI uri = URI.create(feed.url());
            if ("file".equals(uri.getScheme()) && allowFiles) {
                byte[] bytes = Files.readAllBytes(Path.of(uri));
                return new FeedFetched(parse(bytes), Validators.NONE, bytes.length);
            }
            HttpRequest.Builder request = request(uri, feed);
            if (validators.etag() != null) {
                request.header("If-None-Match", validators.etag());
            }
            if (validators.lastModified() != null) {
                request.header("If-Modified-Since", validators.lastModified());
            }
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 304) {
                response.body().close();
                return new FeedNotModified();
            }
            byte[] body = read(response);
            if (response.statusCode() / 100 != 2) {
                return new FeedFailed("HTTP_ERROR", response.statusCode() + " for " + feed.url());
            }
            Validators next = new Validators(response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null));
            return new FeedFetched(parse(body), next, body.length);
        } catch (HttpTimeoutException e) {
            return new FeedFailed("TIMEOUT", e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new FeedFailed("FETCH_FAILED", e.toString());
        } catch (Exception e) {
            return new FeedFailed("PARSE_FAILED", e.toString());
        }
    }

    @Override
    public PageResponse fetchPage(FeedSpec feed, String url) {
        try {
            HttpResponse<InputStream> response = client.send(request(URI.create(url), feed).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            byte[] body = read(response);
            if (response.statusCode() / 100 != 2) {
                return new PageFailed("HTTP_ERROR", response.statusCode() + " for " + url);
            }
            String type = response.headers().firstValue("Content-Type").orElse("text/html");
            String[] parts = type.split(";");
            String charset = null;
            for (String part : parts) {
                if (part.strip().toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    charset = part.strip().substring(8);
                }
            }
            return new PageFetched(response.uri().toString(), response.statusCode(),
                    parts[0].strip().toLowerCase(Locale.ROOT), charset, body);
        } catch (HttpTimeoutException e) {
            return new PageFailed("TIMEOUT", e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new PageFailed("FETCH_FAILED", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PageFailed("INTERRUPTED", "stopping");
        }
    }

    private HttpRequest.Builder request(URI uri, FeedSpec feed) {
        return HttpRequest.newBuilder(uri)
                .timeout(limits.totalTimeout())
                .header("User-Agent", feed.userAgent() != null ? feed.userAgent() : userAgent);
    }

    private byte[] read(HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBodyBytes() + 1));
            if (bytes.length > limits.maxBodyBytes()) {
                throw new IOException("body larger than " + limits.maxBodyBytes() + " bytes");
            }
            return bytes;
        }
    }

    private FeedDocument parse(byte[] bytes) throws Exception {
        SyndFeedInput input = new SyndFeedInput();
        input.setPreserveWireFeed(true);
        SyndFeed feed = input.build(new XmlReader(new ByteArrayInputStream(bytes)));
        Duration ttl = feed.originalWireFeed() instanceof Channel channel && channel.getTtl() > 0
                ? Duration.ofMinutes(channel.getTtl()) : null;
        List<FeedEntry> entries = feed.getEntries().stream()
                .limit(limits.maxItemsPerFeed())
                .map(StandInFetching::entry)
                .toList();
        return new FeedDocument(entries, ttl, feed.getLanguage());
    }

    private static FeedEntry entry(SyndEntry entry) {
        String content = entry.getContents().stream().map(SyndContent::getValue).findFirst().orElse(null);
        return new FeedEntry(entry.getUri(), entry.getLink(), entry.getTitle(), entry.getAuthor(),
                entry.getPublishedDate() == null ? null : entry.getPublishedDate().toInstant(),
                entry.getUpdatedDate() == null ? null : entry.getUpdatedDate().toInstant(),
                entry.getDescription() == null ? null : entry.getDescription().getValue(), content,
                entry.getCategories().stream().map(c -> c.getName()).toList());
    }
}
