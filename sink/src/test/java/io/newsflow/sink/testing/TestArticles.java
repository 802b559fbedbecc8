package io.newsflow.sink.testing;

import io.newsflow.avro.Block;
import io.newsflow.avro.BlockKind;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.Section;
import io.newsflow.avro.SpamRemoval;
import io.newsflow.avro.Speaker;
import io.newsflow.avro.SpeechAct;
import io.newsflow.avro.Statement;
import io.newsflow.schemas.testdata.TestRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-data builder for {@link CleanArticle}, over the contract's {@link TestRecords#cleanArticle()}: what the sink's
 * tests vary (id, site, language, dates, statements, spam) by name, the rest a complete, valid article.
 */
public final class TestArticles {

    private String id = "a1";
    private String site = "example.com";
    private String language = "en";
    private Instant fetchedAt = Instant.parse("2025-03-01T10:00:00Z");
    private Instant processedAt = Instant.parse("2025-03-01T10:00:05Z");
    private Instant publishedAt = Instant.parse("2025-03-01T09:30:00Z");
    private String title = "Talks resume in Geneva";
    private final List<Statement> statements = new ArrayList<>();
    private final List<SpamRemoval> spam = new ArrayList<>();

    public static TestArticles article(String id) {
        TestArticles builder = new TestArticles();
        builder.id = id;
        return builder;
    }

    public TestArticles site(String value) {
        this.site = value;
        return this;
    }

    public TestArticles language(String value) {
        this.language = value;
        return this;
    }

    public TestArticles title(String value) {
        this.title = value;
        return this;
    }

    /** When it was enriched: the document's external version. */
    public TestArticles processedAt(Instant value) {
        this.processedAt = value;
        return this;
    }

    public TestArticles fetchedAt(Instant value) {
        this.fetchedAt = value;
        this.processedAt = value.plusSeconds(5);
        return this;
    }

    public TestArticles publishedAt(Instant value) {
        this.publishedAt = value;
        return this;
    }

    public TestArticles statement(String speaker, String role, SpeechAct act, String... quotes) {
        statements.add(Statement.newBuilder()
                .setSection(-1)
                .setBlock(0)
                .setText(speaker + " said: " + String.join(" ", quotes))
                .setSpeaker(speaker == null ? null : Speaker.newBuilder().setName(speaker).setRole(role).build())
                .setAct(act)
                .setQuotes(List.of(quotes))
                .setVia("AFP")
                .setStart(0)
                .setEnd(10)
                .setConfidence(0.9f)
                .build());
        return this;
    }

    public TestArticles spam(String rule, String line) {
        spam.add(SpamRemoval.newBuilder().setRule(rule).setText(line).setRuleVersion(1).build());
        return this;
    }

    public CleanArticle build() {
        Block lead = Block.newBuilder().setKind(BlockKind.PARAGRAPH).setText("The lead of " + id + ".").build();
        Section section = Section.newBuilder()
                .setHeading("Background")
                .setBlocks(List.of(
                        Block.newBuilder().setKind(BlockKind.PARAGRAPH).setText("First paragraph.").build(),
                        Block.newBuilder().setKind(BlockKind.QUOTE).setText("A quotation.").build()))
                .build();
        return TestRecords.cleanArticle()
                .setId(id)
                .setUrl("https://" + site + "/news/" + id)
                .setCanonicalUrl("https://" + site + "/news/" + id)
                .setFeedUrl("https://" + site + "/rss")
                .setFeedName(site + " news")
                .setSite(site)
                .setTags(List.of("world"))
                .setTitle(title)
                .setByline("Jane Reporter")
                .setPublishedAt(publishedAt)
                .setFetchedAt(fetchedAt)
                .setProcessedAt(processedAt)
                .setLanguage(language)
                .setCredit("AFP")
                .setLead(List.of(lead))
                .setSections(List.of(section))
                .setStatements(List.copyOf(statements))
                .setSpamRemoved(List.copyOf(spam))
                .setText("The lead of " + id + ".\n\nBackground\n\nFirst paragraph.\n\nA quotation.")
                .setWordCount(9)
                .setContentHash("hash-" + id)
                .setEnricherVersion("test-1")
                .setEnricher(io.newsflow.avro.EnricherVersion.newBuilder().setCode("test").setRules("1").build())
                .build();
    }
}
