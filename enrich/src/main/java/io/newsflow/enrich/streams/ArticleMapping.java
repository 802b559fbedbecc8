package io.newsflow.enrich.streams;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.RawArticle;
import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.CleanedArticle;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The only place core records meet the Avro contract: RawArticle in, CleanArticle out. */
public final class ArticleMapping {
    private ArticleMapping() {}

    public static ArticleInput toInput(RawArticle raw) {
        var item = raw.getItem();
        return new ArticleInput(
                raw.getUrl(),
                raw.getCanonicalUrl(),
                item == null ? null : item.getTitle(),
                item == null ? null : item.getAuthor(),
                item == null ? null : item.getPublishedAt(),
                raw.getLanguageHint(),
                raw.getTags(),
                raw.getFetchedAt(),
                raw.getContentType(),
                raw.getCharset(),
                bytes(raw.getBody()));
    }

    public static CleanArticle toCleanArticle(RawArticle raw, CleanedArticle article, Instant processedAt, String version) {
        return CleanArticle.newBuilder()
                .setId(raw.getId())
                .setUrl(raw.getUrl())
                .setCanonicalUrl(raw.getCanonicalUrl())
                .setFeedUrl(raw.getFeedUrl())
                .setFeedName(raw.getFeedName())
                .setSite(site(raw.getCanonicalUrl()))
                .setTags(List.copyOf(raw.getTags()))
                .setTitle(article.title())
                .setByline(article.byline())
                .setPublishedAt(article.publishedAt())
                .setFetchedAt(raw.getFetchedAt())
                .setProcessedAt(processedAt)
                .setLanguage(article.language())
                .setCredit(article.credit())
                .setLead(article.body().lead().stream().map(ArticleMapping::block).toList())
                .setSections(article.body().sections().stream()
                        .map(s -> io.newsflow.avro.Section.newBuilder()
                                .setHeading(s.heading())
                                .setBlocks(s.blocks().stream().map(ArticleMapping::block).toList())
                                .build())
                        .toList())
                .setStatements(article.statements().stream().map(ArticleMapping::statement).toList())
                .setSpamRemoved(article.spamRemoved().stream()
                        .map(r -> io.newsflow.avro.SpamRemoval.newBuilder()
                                .setText(r.text()).setRule(r.rule()).setRuleVersion(r.ruleVersion()).build())
                        .toList())
                .setText(article.text())
                .setWordCount(article.wordCount())
                .setContentHash(raw.getContentHash())
                .setEnricherVersion(version)
                .setDegraded(article.degraded().stream().map(ArticleMapping::degradation).toList())
                .build();
    }

    /** Host of the URL without a leading "www.", or the URL itself when it has no host. */
    static String site(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host == null) {
                return url;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static io.newsflow.avro.Block block(io.newsflow.enrich.core.Block b) {
        return io.newsflow.avro.Block.newBuilder()
                .setKind(io.newsflow.avro.BlockKind.valueOf(b.kind().name()))
                .setText(b.text())
                .build();
    }

    private static io.newsflow.avro.Statement statement(io.newsflow.enrich.core.Statement s) {
        return io.newsflow.avro.Statement.newBuilder()
                .setSection(s.section())
                .setBlock(s.block())
                .setText(s.text())
                .setSpeaker(s.speaker() == null ? null : io.newsflow.avro.Speaker.newBuilder()
                        .setName(s.speaker().name()).setRole(s.speaker().role()).build())
                .setAct(io.newsflow.avro.SpeechAct.valueOf(s.act().name()))
                .setQuotes(List.copyOf(s.quotes()))
                .setVia(s.via())
                .setStart(s.start())
                .setEnd(s.end())
                .setConfidence((float) s.confidence())
                .build();
    }

    private static io.newsflow.avro.Degradation degradation(io.newsflow.enrich.core.Degradation d) {
        return io.newsflow.avro.Degradation.newBuilder()
                .setStage(io.newsflow.avro.DegradedStage.valueOf(d.stage().name()))
                .setCause(io.newsflow.avro.DegradationCause.valueOf(d.cause().name()))
                .setError(d.error())
                .build();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
