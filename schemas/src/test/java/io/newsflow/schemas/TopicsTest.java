package io.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.RawArticle;
import io.newsflow.avro.SourceHealth;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void shouldNameDefaultTopicsAndTheirValueTypes() {
        Topics topics = Topics.defaults();

        assertThat(topics.raw().name()).isEqualTo("articles.raw");
        assertThat(topics.raw().valueClass()).isEqualTo(RawArticle.class);
        assertThat(topics.clean().name()).isEqualTo("articles.clean");
        assertThat(topics.clean().valueSchema()).isEqualTo(CleanArticle.getClassSchema());
        assertThat(topics.deadLetters().name()).isEqualTo("articles.dlq");
        assertThat(topics.deadLetters().valueClass()).isEqualTo(DeadLetter.class);
        assertThat(topics.health().name()).isEqualTo("sources.health");
        assertThat(topics.health().valueClass()).isEqualTo(SourceHealth.class);
        assertThat(topics.all()).extracting(Topic::name)
                .containsExactly("articles.raw", "articles.clean", "articles.dlq", "sources.health");
    }

    @Test
    void shouldUseTopicNameStrategyForSubjects() {
        Topic<CleanArticle> clean = Topics.defaults().clean();

        assertThat(clean.keySubject()).isEqualTo("articles.clean-key");
        assertThat(clean.valueSubject()).isEqualTo("articles.clean-value");
        assertThat(Subjects.forTopic("t", true)).isEqualTo("t-key");
        assertThat(Subjects.forTopic("t", false)).isEqualTo("t-value");
    }

    @Test
    void shouldTakeNamesFromConfiguration() {
        Topics topics = Topics.named("staging.raw", "staging.clean", "staging.dlq");

        assertThat(topics.clean().name()).isEqualTo("staging.clean");
        assertThat(topics.clean().valueClass()).isEqualTo(CleanArticle.class);
    }

    @Test
    void shouldRejectIllegalTopicNameNamingTheRecordType() {
        assertThatThrownBy(() -> Topics.named("articles raw", "articles.clean", "articles.dlq"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'articles raw'")
                .hasMessageContaining("RawArticle");
    }

    @Test
    void shouldRejectTheSameTopicForTwoRoles() {
        assertThatThrownBy(() -> Topics.named("articles", "articles", "articles.dlq"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("four different topics");
    }

    @Test
    void shouldRejectTheHealthTopicWhenItIsAnArticleTopic() {
        assertThatThrownBy(() -> Topics.named("a.raw", "a.clean", "a.dlq", "a.clean"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("four different topics");
    }
}
