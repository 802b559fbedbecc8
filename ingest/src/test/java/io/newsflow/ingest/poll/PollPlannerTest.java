package io.newsflow.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class PollPlannerTest {
    private static final Duration DEFAULT = Duration.ofMinutes(15);

    private static PollPlanner planner(double jitter, RandomGenerator random) {
        return new PollPlanner(DEFAULT, jitter, Duration.ofHours(24), Duration.ofHours(6), random);
    }

    /** A random source that always says the same: 0.5 means no jitter, 0 and 1 the extremes. */
    private static final class Constant implements RandomGenerator {
        private final double value;

        Constant(double value) {
            this.value = value;
        }

        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return value;
        }
    }

    @Test
    void shouldUseTheConfiguredIntervalElseTheDefault() {
        PollPlanner planner = planner(0, new Constant(0.5));

        assertThat(planner.nextDelay(null, null, 0)).isEqualTo(DEFAULT);
        assertThat(planner.nextDelay(Duration.ofMinutes(5), null, 0)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldHonourTheFeedsTtlOnlyWhenLongerAndUpToTheCap() {
        PollPlanner planner = planner(0, new Constant(0.5));

        assertThat(planner.interval(Duration.ofMinutes(5), Duration.ofMinutes(60))).isEqualTo(Duration.ofMinutes(60));
        assertThat(planner.interval(Duration.ofMinutes(30), Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(30));
        assertThat(planner.interval(Duration.ofMinutes(5), Duration.ofDays(365))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void shouldDoubleTheWaitForEachFailureInARowUpToTheCap() {
        PollPlanner planner = planner(0, new Constant(0.5));
        Duration interval = Duration.ofMinutes(10);

        assertThat(planner.nextDelay(interval, null, 1)).isEqualTo(Duration.ofMinutes(20));
        assertThat(planner.nextDelay(interval, null, 2)).isEqualTo(Duration.ofMinutes(40));
        assertThat(planner.nextDelay(interval, null, 5)).isEqualTo(Duration.ofMinutes(320));
        assertThat(planner.nextDelay(interval, null, 6)).isEqualTo(Duration.ofHours(6));
        assertThat(planner.nextDelay(interval, null, 1000)).isEqualTo(Duration.ofHours(6));
        assertThat(planner.nextDelay(interval, null, 0)).as("reset after a success").isEqualTo(interval);
    }

    @Test
    void shouldWaitAsLongAsTheServersRetryAfterAsksUpToTheCap() {
        PollPlanner planner = planner(0, new Constant(0.5));

        assertThat(planner.nextDelay(null, null, 1, Duration.ofHours(1))).as("longer than the backoff")
                .isEqualTo(Duration.ofHours(1));
        assertThat(planner.nextDelay(null, null, 1, Duration.ofSeconds(10))).as("shorter: the backoff stays")
                .isEqualTo(DEFAULT.multipliedBy(2));
        assertThat(planner.nextDelay(null, null, 1, Duration.ofDays(3))).as("capped at maxBackoff")
                .isEqualTo(Duration.ofHours(6));
        assertThat(planner.nextDelay(null, null, 1, null)).isEqualTo(DEFAULT.multipliedBy(2));
    }

    @Test
    void shouldNeverBackOffBelowTheRegularIntervalOfASlowFeed() {
        PollPlanner planner = planner(0, new Constant(0.5));

        assertThat(planner.nextDelay(Duration.ofHours(12), null, 3)).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void shouldMoveEachWaitByAtMostTheJitterFractionEitherWay() {
        assertThat(planner(0.1, new Constant(0.0)).nextDelay(Duration.ofMinutes(10), null, 0)).isEqualTo(Duration.ofMinutes(9));
        assertThat(planner(0.1, new Constant(1.0)).nextDelay(Duration.ofMinutes(10), null, 0)).isEqualTo(Duration.ofMinutes(11));

        PollPlanner seeded = planner(0.2, new SplittableRandom(42));
        for (int i = 0; i < 1000; i++) {
            assertThat(seeded.nextDelay(Duration.ofMinutes(10), null, 0))
                    .isBetween(Duration.ofMinutes(8), Duration.ofMinutes(12));
        }
    }

    @Test
    void shouldSpreadNewFeedsOverTheJitterShareOfTheirInterval() {
        assertThat(planner(0.1, new Constant(0.0)).firstDelay(null)).isZero();
        assertThat(planner(0.1, new Constant(0.5)).firstDelay(Duration.ofMinutes(5)))
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(planner(0.1, new Constant(0.5)).firstDelay(Duration.ofHours(2)))
                .as("never more than a minute").isEqualTo(Duration.ofSeconds(30));
    }
}
