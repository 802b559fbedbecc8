package io.newsflow.sink.errors;

import static io.newsflow.sink.errors.ErrorAction.DEAD_LETTER;
import static io.newsflow.sink.errors.ErrorAction.FATAL;
import static io.newsflow.sink.errors.ErrorAction.RETRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorPolicyTest {

    private final ErrorPolicy defaults = ErrorPolicy.defaults();

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "429, es_rejected_execution_exception, RETRY",
        "429, circuit_breaking_exception, RETRY",
        "503, unavailable_shards_exception, RETRY",
        "502, some_proxy_error, RETRY",
        "504, gateway_timeout, RETRY",
        "500, internal_server_error, RETRY",
        "400, mapper_parsing_exception, DEAD_LETTER",
        "400, document_parsing_exception, DEAD_LETTER",
        "400, strict_dynamic_mapping_exception, DEAD_LETTER",
        "400, illegal_argument_exception, DEAD_LETTER",
        "400, some_new_validation_exception, DEAD_LETTER",
        "413, content_too_long, DEAD_LETTER",
        "401, security_exception, RETRY",
        "403, authorization_exception, RETRY",
        "404, index_not_found_exception, RETRY",
        "400, index_closed_exception, RETRY",
    })
    void shouldSendEachDocumentedErrorWhereTheDocsSayByDefault(int status, String type, ErrorAction expected) {
        assertThat(defaults.actionFor(IndexingError.item(status, type, "reason"))).isEqualTo(expected);
    }

    @Test
    void shouldRetryRequestThatGotNoResponse() {
        IndexingError error = IndexingError.noResponse(new ConnectException("Connection refused"));

        assertThat(defaults.actionFor(error)).isEqualTo(RETRY);
        assertThat(error.itemLevel()).isFalse();
        assertThat(error.reason()).isEqualTo("ConnectException: Connection refused");
    }

    @Test
    void shouldLetErrorTypeWinOverStatus() {
        // a write block answers 403 but lifts by itself (disk watermark released)
        assertThat(defaults.actionFor(IndexingError.item(403, "cluster_block_exception", "blocked")))
                .isEqualTo(RETRY);
    }

    @Test
    void shouldLetOverrideWinOverDefaults() {
        ErrorPolicy policy = ErrorPolicy.withOverrides(List.of(
                ErrorRule.type("illegal_argument_exception", FATAL), ErrorRule.status(429, DEAD_LETTER)));

        assertThat(policy.actionFor(IndexingError.item(400, "illegal_argument_exception", "x"))).isEqualTo(FATAL);
        assertThat(policy.actionFor(IndexingError.item(429, "too_many", "x"))).isEqualTo(DEAD_LETTER);
        // a type default still wins over a status override
        assertThat(policy.actionFor(IndexingError.item(429, "es_rejected_execution_exception", "x")))
                .isEqualTo(RETRY);
        assertThat(policy.rules().get(0).match()).isEqualTo("illegal_argument_exception");
    }

    @Test
    void shouldRefuseRuleThatMatchesBothTypeAndStatus() {
        assertThatThrownBy(() -> new ErrorRule("x", 400, RETRY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErrorRule(null, null, RETRY)).isInstanceOf(IllegalArgumentException.class);
    }
}
