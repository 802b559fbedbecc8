package io.newsflow.app.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    private static final PipelineProgress SOME = new PipelineProgress(4, 6, 2, 3, 3, 0, 3, 2, 0, 0);

    @Test
    void shouldShowTheElapsedTimeCountsAndLastErrorOnOneLine() {
        String line = StatusLine.render(Duration.ofSeconds(42), SOME,
                "feed broken.xml: NOT_WELL_FORMED\n  at line 12");

        assertThat(line).isEqualTo("[0:42] feeds 4 (polls 6, 2 failed) | raw 3 | clean 3 | indexed 2 | dead letters 0"
                + " | last error: feed broken.xml: NOT_WELL_FORMED at line 12");
    }

    @Test
    void shouldSayNothingOfFailuresOrErrorsWhenThereAreNone() {
        PipelineProgress fine = new PipelineProgress(3, 3, 0, 3, 3, 0, 3, 3, 0, 0);

        assertThat(StatusLine.render(Duration.ofMinutes(61).plusSeconds(3), fine, null))
                .isEqualTo("[1:01:03] feeds 3 (polls 3) | raw 3 | clean 3 | indexed 3 | dead letters 0");
    }

    @Test
    void shouldCutALongErrorSoTheLineNeverWrapsOnTheTerminal() {
        String line = StatusLine.render(Duration.ZERO, SOME, "x".repeat(500));

        assertThat(line).hasSize(StatusLine.MAX_WIDTH).endsWith("…");
        assertThat(StatusLine.render(Duration.ZERO, SOME, null, 79)).hasSize(79);
        assertThat(StatusLine.redraw("abc")).isEqualTo("\rabc\u001b[K");
    }
}
