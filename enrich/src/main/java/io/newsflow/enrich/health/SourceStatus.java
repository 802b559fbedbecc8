package io.newsflow.enrich.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.newsflow.avro.SourceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What is remembered per source between articles (the state store's value).
 *
 * @param state the current state
 * @param since event time it entered that state
 * @param countFrom windows count articles from this time on: the time of the last recovery, so spam the source
 *     recovered from does not count again
 * @param lastSpamAt event time of the last spam-carrying article, or null
 * @param cleanSinceSpam articles without spam since {@code lastSpamAt}
 * @param episode the first spam article of the current episode (since the source was last CLEAN or RECOVERED), or
 *     null when there is none
 * @param samples the episode's first spam lines
 */
public record SourceStatus(SourceState state, long since, long countFrom, Long lastSpamAt, long cleanSinceSpam,
        FirstSpam episode, List<Sample> samples) {

    /** The first spam-carrying article of an episode. */
    public record FirstSpam(String articleId, String url, long at) {}

    public SourceStatus {
        Objects.requireNonNull(state, "state");
        samples = List.copyOf(samples);
    }

    /** {@code since} of a source whose first article is being decided. */
    static final long NEVER = Long.MIN_VALUE;

    /** A source never seen before: CLEAN, since never. */
    public static SourceStatus initial() {
        return new SourceStatus(SourceState.CLEAN, NEVER, 0, null, 0, null, List.of());
    }

    /** Whether no article of the source was decided yet. */
    @JsonIgnore
    public boolean isNew() {
        return since == NEVER;
    }

    /** This status with the article recorded in it (no change of state). */
    SourceStatus seen(Observation article, int maxSamples) {
        if (!article.carriesSpam()) {
            return new SourceStatus(state, since, countFrom, lastSpamAt, cleanSinceSpam + 1, episode, samples);
        }
        FirstSpam first = episode != null ? episode : new FirstSpam(article.articleId(), article.url(), article.time());
        List<Sample> kept = new ArrayList<>(samples);
        for (Sample sample : article.samples()) {
            if (kept.size() >= maxSamples) {
                break;
            }
            if (kept.stream().noneMatch(k -> k.text().equals(sample.text()))) {
                kept.add(sample);
            }
        }
        long last = lastSpamAt == null ? article.time() : Math.max(lastSpamAt, article.time());
        return new SourceStatus(state, since, countFrom, last, 0, first, kept);
    }

    SourceStatus enter(SourceState next, long at) {
        boolean endsEpisode = next == SourceState.CLEAN || next == SourceState.RECOVERED;
        return new SourceStatus(next, at, next == SourceState.RECOVERED ? at : countFrom, lastSpamAt, cleanSinceSpam,
                endsEpisode ? null : episode, endsEpisode ? List.of() : samples);
    }
}
