package io.newsflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One declaration binds, checks, and documents a setting. */
class SettingTest {
    private static final Setting<Integer> THREADS = Setting.integer("threads", 4, 1, 64, "worker threads");
    private static final Setting<Duration> WAIT = Setting.duration("wait", Duration.ofSeconds(30), "how long")
            .between(Duration.ofSeconds(1), Duration.ofMinutes(2));
    private static final Setting<String> NAME = Setting.string("name", "", "a name")
            .defaultShownAs("`<topic>.group`")
            .check(name -> !name.isBlank(), "not blank", name -> "must not be blank");
    private static final SettingsSection SECTION = SettingsSection.of("svc.pool", THREADS, WAIT, NAME);

    @Test
    void shouldReadTheFileTheEnvironmentAndTheDefault() {
        ConfigSource source = ConfigSource.parse("svc:\n  pool:\n    threads: 8\n", "newsflow.yml",
                Map.of("NEWSFLOW_SVC_POOL_WAIT", "45s"));
        ConfigNode pool = SECTION.node(source.root());

        assertThat(THREADS.read(pool)).isEqualTo(8);
        assertThat(WAIT.read(pool)).isEqualTo(Duration.ofSeconds(45));
        assertThat(NAME.readOr(pool, "raw.group")).isEqualTo("raw.group");
        assertThat(source.problems()).isEmpty();
    }

    @Test
    void shouldReportEveryValueOutsideItsRangeAndFallBackToTheDefault() {
        ConfigSource source = ConfigSource.parse("svc:\n  pool:\n    threads: 0\n    wait: 5m\n    name: ' '\n",
                "newsflow.yml", Map.of());
        ConfigNode pool = SECTION.node(source.root());

        assertThat(THREADS.read(pool)).isEqualTo(4);
        assertThat(WAIT.read(pool)).isEqualTo(Duration.ofSeconds(30));
        assertThat(NAME.readOr(pool, "raw.group")).isEqualTo("raw.group");
        assertThat(source.problems()).extracting(ConfigProblem::toString).containsExactly(
                "newsflow.yml:3: svc.pool.threads: 0 is out of range; allowed 1 to 64",
                "newsflow.yml:4: svc.pool.wait: 5m is out of range; allowed 1s to 2m",
                "newsflow.yml:5: svc.pool.name: must not be blank");
    }

    @Test
    void shouldDocumentPathDefaultAllowedValuesAndMeaning() {
        assertThat(SECTION.markdownRows()).containsExactly(
                "| `svc.pool.threads` | `4` | 1 to 64 | worker threads |",
                "| `svc.pool.wait` | `30s` | 1s to 2m | how long |",
                "| `svc.pool.name` | `<topic>.group` | not blank | a name |");
    }

    @Test
    void shouldWriteDurationsInTheLargestExactUnit() {
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofHours(24))).isEqualTo("1d");
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("soon")).isNull();
    }
}
