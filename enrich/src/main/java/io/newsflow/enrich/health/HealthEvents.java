package io.newsflow.enrich.health;

import io.newsflow.avro.HealthEvidence;
import io.newsflow.avro.HealthWindow;
import io.newsflow.avro.SourceHealth;
import io.newsflow.avro.SpamSample;
import java.time.Instant;

/** A {@link Transition} as the contract's {@code SourceHealth} event. */
public final class HealthEvents {
    private HealthEvents() {}

    public static SourceHealth toAvro(Transition t) {
        return SourceHealth.newBuilder()
                .setSource(t.source())
                .setSite(t.site())
                .setState(t.to())
                .setPreviousState(t.from())
                .setChangedAt(Instant.ofEpochMilli(t.at()))
                .setReason(t.reason())
                .setWindow(HealthWindow.newBuilder()
                        .setSize(t.windowSize().toString())
                        .setStart(Instant.ofEpochMilli(t.windowStart()))
                        .setEnd(Instant.ofEpochMilli(t.windowEnd()))
                        .build())
                .setEvidence(HealthEvidence.newBuilder()
                        .setArticles(t.counts().articles())
                        .setSpamArticles(t.counts().spamArticles())
                        .setSpamLines(t.counts().spamLines())
                        .setSpamLinesByRule(t.counts().spamByRule())
                        .setFirstSpamArticleId(t.firstSpam() == null ? null : t.firstSpam().articleId())
                        .setFirstSpamUrl(t.firstSpam() == null ? null : t.firstSpam().url())
                        .setFirstSpamAt(t.firstSpam() == null ? null : Instant.ofEpochMilli(t.firstSpam().at()))
                        .setLastSpamAt(t.lastSpamAt() == null ? null : Instant.ofEpochMilli(t.lastSpamAt()))
                        .setSamples(t.samples().stream()
                                .map(s -> new SpamSample(s.articleId(), s.rule(), s.text())).toList())
                        .build())
                .build();
    }
}
