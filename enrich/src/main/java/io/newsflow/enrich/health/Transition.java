package io.newsflow.enrich.health;

import io.newsflow.avro.SourceState;
import java.time.Duration;
import java.util.List;

/**
 * A change of a source's state, with the evidence that decided it.
 *
 * @param from the state before, null on a source's first transition
 * @param at event time of the change: the fetch time of the article that caused it
 * @param windowSize the window whose counts decided it; {@code windowStart} inclusive, {@code windowEnd} exclusive
 * @param counts the window's counts
 * @param firstSpam the episode's first spam article (for RECOVERED: the episode recovered from), or null
 * @param lastSpamAt the last spam article's time, or null
 * @param samples spam lines of the episode
 */
public record Transition(String source, String site, SourceState from, SourceState to, long at, String reason,
        Duration windowSize, long windowStart, long windowEnd, Counts counts, SourceStatus.FirstSpam firstSpam,
        Long lastSpamAt, List<Sample> samples) {
    public Transition {
        samples = List.copyOf(samples);
    }
}
