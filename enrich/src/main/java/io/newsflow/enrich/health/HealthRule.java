package io.newsflow.enrich.health;

import io.newsflow.avro.SourceState;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rule that decides a source's state from its counts; plain Java, documented in docs/sources.md.
 *
 * <p>Windows are hopping windows of 1 h, 24 h and 7 d that advance by one hour ({@link #WINDOWS}); the ones
 * evaluated are those holding the article just seen. A window <em>trips</em> when it holds at least
 * {@code minSpamArticles} spam-carrying articles and they are at least {@code minSpamShare} of its articles.
 * <ul>
 *   <li>A spam-carrying article: if a window trips (tried 1 h, then 24 h, then 7 d), the source becomes
 *       COMPROMISED; otherwise a CLEAN or RECOVERED source becomes SUSPECT.</li>
 *   <li>An article without spam: a COMPROMISED source becomes RECOVERED once no spam was seen for
 *       {@code recoveryPeriod} and at least {@code minCleanArticles} clean articles came since the last spam one;
 *       a SUSPECT source becomes CLEAN once its 24 h window holds no spam article; a RECOVERED one once its 7 d
 *       window holds none.</li>
 * </ul>
 * A source's first article publishes its first state (CLEAN unless that article already makes it SUSPECT), so every
 * source is listed. After a recovery the windows count only articles from the recovery on, so the spam recovered from does not
 * count twice. Only a spam-carrying article can make a state worse, so a source reporting on gambling, whose
 * articles lose no line to a {@code spam-*} rule, stays CLEAN.
 *
 * @param minSpamArticles fewest spam-carrying articles in a window that can trip it (one odd page never does when 2+)
 * @param minSpamShare least share of spam-carrying articles among a window's articles that trips it, in (0, 1]
 * @param recoveryPeriod how long a compromised source must show no spam to be RECOVERED (1 h to 7 d)
 * @param minCleanArticles fewest clean articles since the last spam one for a recovery
 * @param maxSamples spam lines kept as evidence per episode
 */
public record HealthRule(int minSpamArticles, double minSpamShare, Duration recoveryPeriod, int minCleanArticles,
        int maxSamples) {

    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration DAY = Duration.ofHours(24);
    public static final Duration WEEK = Duration.ofDays(7);
    /** Window sizes, smallest first; every one advances by {@link #HOUR}. */
    public static final List<Duration> WINDOWS = List.of(HOUR, DAY, WEEK);

    public static final HealthRule DEFAULTS = new HealthRule(3, 0.1, Duration.ofHours(24), 3, 5);

    public HealthRule {
        if (minSpamArticles < 1) {
            throw new IllegalArgumentException("minSpamArticles must be at least 1, got " + minSpamArticles);
        }
        if (!(minSpamShare > 0 && minSpamShare <= 1)) {
            throw new IllegalArgumentException("minSpamShare must be above 0 and at most 1, got " + minSpamShare);
        }
        if (recoveryPeriod == null || recoveryPeriod.compareTo(HOUR) < 0 || recoveryPeriod.compareTo(WEEK) > 0) {
            throw new IllegalArgumentException("recoveryPeriod must be between 1h and 7d, got " + recoveryPeriod);
        }
        if (minCleanArticles < 1) {
            throw new IllegalArgumentException("minCleanArticles must be at least 1, got " + minCleanArticles);
        }
        if (maxSamples < 0) {
            throw new IllegalArgumentException("maxSamples must not be negative, got " + maxSamples);
        }
    }

    /** A source's counts in the windows that hold the article being decided. */
    public interface Windows {
        Counts counts(Duration size);

        /** Inclusive start of the window of that size (later than end - size after a recovery). */
        long start(Duration size);

        /** Exclusive end of every window evaluated. */
        long end();
    }

    /** The outcome for one article: the status to keep, and the transition to publish if the state changed. */
    public record Decision(SourceStatus status, Optional<Transition> transition) {}

    /** Decides the state after {@code article}, whose counts are already in {@code windows}. */
    public Decision decide(SourceStatus before, Observation article, Windows windows) {
        SourceStatus status = before.seen(article, maxSamples);
        SourceState state = status.state();
        long at = Math.max(article.time(), before.since());
        if (article.carriesSpam()) {
            for (Duration size : WINDOWS) {
                Counts counts = windows.counts(size);
                if (counts.spamArticles() >= minSpamArticles && counts.spamShare() >= minSpamShare) {
                    if (state == SourceState.COMPROMISED) {
                        return new Decision(status, Optional.empty());
                    }
                    String reason = String.format(Locale.ROOT,
                            "%d of %d articles in the %s window carried spam (%.0f%%; trips at %d and %.0f%%)",
                            counts.spamArticles(), counts.articles(), label(size), 100 * counts.spamShare(),
                            minSpamArticles, 100 * minSpamShare);
                    return change(status, article, SourceState.COMPROMISED, at, reason, size,
                            windows.start(size), windows.end(), counts);
                }
            }
            if (state == SourceState.CLEAN || state == SourceState.RECOVERED || before.isNew()) {
                Counts counts = windows.counts(DAY);
                String reason = String.format(Locale.ROOT,
                        "%d of %d articles in the 24h window carried spam, below what trips COMPROMISED (%d and %.0f%%)",
                        counts.spamArticles(), counts.articles(), minSpamArticles, 100 * minSpamShare);
                return change(status, article, SourceState.SUSPECT, at, reason, DAY, windows.start(DAY),
                        windows.end(), counts);
            }
            return new Decision(status, Optional.empty());
        }
        if (before.isNew()) {
            return change(status, article, SourceState.CLEAN, at, "first article seen from this source, without spam",
                    HOUR, windows.start(HOUR), windows.end(), windows.counts(HOUR));
        }
        long quiet = status.lastSpamAt() == null ? Long.MAX_VALUE : article.time() - status.lastSpamAt();
        switch (state) {
            case COMPROMISED -> {
                if (quiet >= recoveryPeriod.toMillis() && status.cleanSinceSpam() >= minCleanArticles) {
                    String reason = String.format(Locale.ROOT,
                            "no spam for %s and %d clean articles since the last spam one (needs %s and %d)",
                            Duration.ofMillis(quiet), status.cleanSinceSpam(), recoveryPeriod, minCleanArticles);
                    Counts sinceSpam = new Counts(status.cleanSinceSpam(), 0, 0, Map.of());
                    return change(status, article, SourceState.RECOVERED, at, reason, Duration.ofMillis(quiet),
                            status.lastSpamAt(), article.time() + 1, sinceSpam);
                }
            }
            case SUSPECT -> {
                if (quiet >= DAY.toMillis()) {
                    return change(status, article, SourceState.CLEAN, at, "no spam in the 24h window", DAY,
                            windows.start(DAY), windows.end(), windows.counts(DAY));
                }
            }
            case RECOVERED -> {
                if (quiet >= WEEK.toMillis()) {
                    return change(status, article, SourceState.CLEAN, at, "no spam in the 7d window", WEEK,
                            windows.start(WEEK), windows.end(), windows.counts(WEEK));
                }
            }
            case CLEAN -> {
                // stays CLEAN: an article without spam never makes a state worse
            }
        }
        return new Decision(status, Optional.empty());
    }

    private static Decision change(SourceStatus status, Observation article, SourceState next, long at, String reason,
            Duration size, long start, long end, Counts counts) {
        SourceState from = status.isNew() ? null : status.state();
        Transition transition = new Transition(article.source(), article.site(), from, next, at, reason,
                size, start, end, counts, status.episode(), status.lastSpamAt(), status.samples());
        return new Decision(status.enter(next, at), Optional.of(transition));
    }

    static String label(Duration size) {
        return size.equals(WEEK) ? "7d" : size.toHours() + "h";
    }
}
