package io.newsflow.enrich.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.SourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state rule and its windows, driven article by article with no Kafka and no clock but the articles' own. */
class SourceHealthTrackerTest {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final String SITE = "Warta Nusantara";

    private final HealthArticles articles = new HealthArticles();
    private final SourceHealthTracker tracker = new SourceHealthTracker(HealthRule.DEFAULTS, new InMemoryHealthStores());
    private final List<Transition> transitions = new ArrayList<>();

    private void feed(CleanArticle article) {
        tracker.observe(Observation.of(article, HealthRule.DEFAULTS.maxSamples())).ifPresent(transitions::add);
    }

    /** One clean article an hour for {@code hours} hours from {@code from}; returns the time after the last. */
    private Instant cleanHourly(String source, Instant from, int hours) {
        for (int h = 0; h < hours; h++) {
            feed(articles.clean(source, from.plus(Duration.ofHours(h))));
        }
        return from.plus(Duration.ofHours(hours));
    }

    @Test
    void shouldFlagACleanSiteCompromisedWhenThreeSpamArticlesArriveWithinAnHour() {
        Instant afterWeek = cleanHourly(SITE, START, 7 * 24);
        CleanArticle first = articles.withRemoved(SITE, afterWeek.plusSeconds(600), "spam-hidden-links", "spam-link-farm");
        feed(first);
        feed(articles.withRemoved(SITE, afterWeek.plusSeconds(1200), "spam-link-farm"));
        feed(articles.withRemoved(SITE, afterWeek.plusSeconds(1800), "spam-body-terms", "boilerplate-baca-juga"));

        assertThat(transitions).extracting(Transition::to)
                .containsExactly(SourceState.CLEAN, SourceState.SUSPECT, SourceState.COMPROMISED);
        assertThat(transitions.getFirst().from()).as("the first article lists the source").isNull();
        Transition compromised = transitions.get(2);
        assertThat(compromised.from()).isEqualTo(SourceState.SUSPECT);
        assertThat(compromised.at()).isEqualTo(afterWeek.plusSeconds(1800).toEpochMilli());
        assertThat(compromised.windowSize()).isEqualTo(Duration.ofHours(1));
        assertThat(compromised.windowStart()).isEqualTo(afterWeek.toEpochMilli());
        assertThat(compromised.windowEnd()).isEqualTo(afterWeek.plus(Duration.ofHours(1)).toEpochMilli());
        assertThat(compromised.counts().articles()).isEqualTo(3);
        assertThat(compromised.counts().spamArticles()).isEqualTo(3);
        assertThat(compromised.counts().spamLines()).isEqualTo(4);
        assertThat(compromised.counts().spamByRule())
                .containsEntry("spam-link-farm", 2L).containsEntry("spam-hidden-links", 1L)
                .containsEntry("spam-body-terms", 1L).doesNotContainKey("boilerplate-baca-juga");
        assertThat(compromised.firstSpam().articleId()).isEqualTo(first.getId());
        assertThat(compromised.firstSpam().url()).isEqualTo(first.getUrl());
        assertThat(compromised.samples()).extracting(Sample::rule)
                .containsExactly("spam-hidden-links", "spam-link-farm", "spam-link-farm", "spam-body-terms");
        assertThat(compromised.reason()).contains("3 of 3 articles in the 1h window");
        assertThat(tracker.status(SITE).state()).isEqualTo(SourceState.COMPROMISED);
    }

    @Test
    void shouldRecoverOnceTheSiteIsCleanForTheRecoveryPeriod() {
        Instant afterWeek = cleanHourly(SITE, START, 7 * 24);
        for (int i = 1; i <= 3; i++) {
            feed(articles.withRemoved(SITE, afterWeek.plusSeconds(600L * i), "spam-hidden-links"));
        }
        Instant lastSpam = afterWeek.plusSeconds(1800);
        cleanHourly(SITE, afterWeek.plus(Duration.ofHours(1)), 23);
        assertThat(transitions).extracting(Transition::to).doesNotContain(SourceState.RECOVERED);

        feed(articles.clean(SITE, lastSpam.plus(Duration.ofHours(24))));

        Transition recovered = transitions.getLast();
        assertThat(recovered.to()).isEqualTo(SourceState.RECOVERED);
        assertThat(recovered.from()).isEqualTo(SourceState.COMPROMISED);
        assertThat(recovered.counts().articles()).isEqualTo(24);
        assertThat(recovered.counts().spamArticles()).isZero();
        assertThat(recovered.lastSpamAt()).isEqualTo(lastSpam.toEpochMilli());
        assertThat(recovered.firstSpam()).as("what it recovered from").isNotNull();
        assertThat(transitions).extracting(Transition::to).containsExactly(SourceState.CLEAN, SourceState.SUSPECT,
                SourceState.COMPROMISED, SourceState.RECOVERED);
    }

    @Test
    void shouldNotCountTheSpamItRecoveredFromWhenOneSpamPageComesAfterRecovery() {
        Instant afterWeek = cleanHourly(SITE, START, 7 * 24);
        for (int i = 1; i <= 3; i++) {
            feed(articles.withRemoved(SITE, afterWeek.plusSeconds(600L * i), "spam-hidden-links"));
        }
        Instant recoveredBy = cleanHourly(SITE, afterWeek.plus(Duration.ofHours(1)), 30);

        feed(articles.withRemoved(SITE, recoveredBy.plusSeconds(60), "spam-link-farm"));

        assertThat(transitions).extracting(Transition::to).containsExactly(SourceState.CLEAN, SourceState.SUSPECT,
                SourceState.COMPROMISED, SourceState.RECOVERED, SourceState.SUSPECT);
        assertThat(transitions.getLast().counts().spamArticles()).isEqualTo(1);
    }

    @Test
    void shouldKeepASiteReportingOnGamblingClean() {
        Instant t = START;
        for (int i = 0; i < 400; i++) {
            t = t.plus(Duration.ofMinutes(20));
            // gambling is the topic, not injected: nothing removed, or only the site's own boilerplate
            feed(i % 3 == 0 ? articles.withRemoved("Gaming Desk", t, "boilerplate-baca-juga", "boilerplate-advertisement")
                    : articles.clean("Gaming Desk", t));
        }

        assertThat(transitions).as("listed once, as CLEAN, and never changed").singleElement()
                .satisfies(only -> assertThat(only.to()).isEqualTo(SourceState.CLEAN));
        assertThat(tracker.status("Gaming Desk").state()).isEqualTo(SourceState.CLEAN);
    }

    @Test
    void shouldLetOneSpamPageAmongFiveHundredCleanOnesMakeTheSiteSuspectOnlyUntilItsDayIsClean() {
        Instant t = START;
        Instant spamAt = null;
        for (int i = 0; i < 501; i++) {
            t = t.plus(Duration.ofMinutes(10));
            if (i == 250) {
                spamAt = t;
                feed(articles.withRemoved(SITE, t, "spam-byline-handle"));
            } else {
                feed(articles.clean(SITE, t));
            }
        }

        assertThat(transitions).extracting(Transition::to)
                .containsExactly(SourceState.CLEAN, SourceState.SUSPECT, SourceState.CLEAN);
        assertThat(transitions.get(1).reason()).contains("1 of", "below what trips COMPROMISED");
        assertThat(transitions.get(2).at()).isGreaterThanOrEqualTo(spamAt.plus(Duration.ofHours(24)).toEpochMilli());
    }

    @Test
    void shouldFlagASlowSiteThroughItsDayWindow() {
        Instant t = cleanHourly(SITE, START, 48);
        for (int i = 0; i < 3; i++) {
            feed(articles.withRemoved(SITE, t.plus(Duration.ofHours(4L * i)), "spam-footer-terms"));
            feed(articles.clean(SITE, t.plus(Duration.ofHours(4L * i + 1))));
        }

        Transition compromised = transitions.getLast();
        assertThat(compromised.to()).isEqualTo(SourceState.COMPROMISED);
        assertThat(compromised.windowSize()).isEqualTo(Duration.ofHours(24));
        assertThat(compromised.counts().spamArticles()).isEqualTo(3);
    }

    @Test
    void shouldKeepSourcesApart() {
        Instant t = cleanHourly("Harbour Times", START, 24);
        for (int i = 1; i <= 3; i++) {
            feed(articles.withRemoved(SITE, t.plusSeconds(60L * i), "spam-link-farm"));
            feed(articles.clean("Harbour Times", t.plusSeconds(60L * i + 1)));
        }

        assertThat(tracker.status(SITE).state()).isEqualTo(SourceState.COMPROMISED);
        assertThat(tracker.status("Harbour Times").state()).isEqualTo(SourceState.CLEAN);
        assertThat(transitions).filteredOn(tr -> tr.source().equals("Harbour Times")).extracting(Transition::to)
                .containsExactly(SourceState.CLEAN);
    }
}
