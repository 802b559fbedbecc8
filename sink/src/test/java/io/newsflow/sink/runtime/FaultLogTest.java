package io.newsflow.sink.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.sink.errors.FaultCause;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultLogTest {

    private final FakeClock clock = new FakeClock();
    private final FaultLog faultLog = new FaultLog(clock, Duration.ofMinutes(1));

    @Test
    void shouldWarnOncePerCausePerInterval() {
        assertThat(faultLog.warn(FaultCause.OVERLOADED)).isTrue();
        assertThat(faultLog.warn(FaultCause.OVERLOADED)).isFalse();
        assertThat(faultLog.warn(FaultCause.CLUSTER_BLOCK)).isTrue();
        assertThat(faultLog.warn(FaultCause.OVERLOADED)).isFalse();

        clock.advance(Duration.ofSeconds(59));
        assertThat(faultLog.warn(FaultCause.OVERLOADED)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(faultLog.warn(FaultCause.OVERLOADED)).isTrue();
    }
}
