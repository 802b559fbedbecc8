package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {

    @Test
    void shouldCloseBothAppsOfAServiceTheSecondFirst() throws Exception {
        List<String> closed = new ArrayList<>();

        AutoCloseable both = PipelineSettings.beside(() -> closed.add("enrich"), () -> () -> closed.add("health"));
        both.close();

        assertThat(closed).containsExactly("health", "enrich");
    }

    @Test
    void shouldCloseTheFirstAppWhenTheSecondDoesNotStart() {
        List<String> closed = new ArrayList<>();

        assertThatThrownBy(() -> PipelineSettings.beside(() -> closed.add("enrich"), () -> {
            throw new IllegalStateException("no broker");
        })).hasMessage("no broker");
        assertThat(closed).containsExactly("enrich");
    }
}
