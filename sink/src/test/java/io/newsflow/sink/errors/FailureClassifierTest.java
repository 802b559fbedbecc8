package io.newsflow.sink.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.schemas.registry.SchemaRegistryException;
import io.newsflow.schemas.serde.RegistryUnavailableException;
import java.net.ConnectException;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    private final FailureClassifier classifier = new FailureClassifier(ErrorPolicy.defaults());

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "429, es_rejected_execution_exception, overloaded",
        "429, circuit_breaking_exception, overloaded",
        "429, cluster_block_exception, cluster_block",
        "403, cluster_block_exception, cluster_block",
        "503, unavailable_shards_exception, shards_unavailable",
        "503, no_shard_available_action_exception, shards_unavailable",
        "404, index_not_found_exception, no_write_index",
        "400, index_closed_exception, no_write_index",
        "401, security_exception, auth",
        "403, security_exception, auth",
        "403, authorization_exception, auth",
        "0, connection_error, unreachable",
        "504, gateway_timeout, unreachable",
        "408, request_timeout, unreachable",
        "500, internal_server_error, server_error",
        "502, bad_gateway, server_error",
    })
    void shouldCallEveryFaultOfTheClusterAnEnvironmentFaultWithItsCause(int status, String type, String cause) {
        Failure failure = classifier.classify(IndexingError.item(status, type, "reason"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.ENVIRONMENT);
        assertThat(failure.cause().tag()).isEqualTo(cause);
        assertThat(failure.errorType()).isEqualTo(type);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "400, mapper_parsing_exception",
        "400, document_parsing_exception",
        "400, strict_dynamic_mapping_exception",
        "400, illegal_argument_exception",
        "413, content_too_long",
    })
    void shouldCallADocumentRejectionTheRecordsOwnFault(int status, String type) {
        Failure failure = classifier.classify(IndexingError.item(status, type, "reason"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.RECORD);
        assertThat(failure.cause()).isNull();
    }

    @Test
    void shouldTellAMissingWriteIndexFromAnIllegalArgumentOfTheDocument() {
        Failure failure = classifier.classify(IndexingError.item(400, "illegal_argument_exception",
                "no write index is defined for alias [articles]. The write index may be explicitly disabled"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.ENVIRONMENT);
        assertThat(failure.cause()).isEqualTo(FaultCause.NO_WRITE_INDEX);
    }

    @Test
    void shouldCallARequestWithoutAnswerUnreachable() {
        Failure failure = classifier.classify(IndexingError.noResponse(new ConnectException("Connection refused")));

        assertThat(failure.cause()).isEqualTo(FaultCause.UNREACHABLE);
    }

    @Test
    void shouldCallAnUnavailableRegistryWhileDecodingAnEnvironmentFault() {
        RegistryUnavailableException unavailable = new RegistryUnavailableException("cannot read yet",
                new SchemaRegistryException("http://registry", "fetch schema 7", null, 503, 0, "down", null));

        assertThat(classifier.classifyDecoding(unavailable).cause()).isEqualTo(FaultCause.REGISTRY_UNAVAILABLE);
        assertThat(classifier.classifyDecoding(new IllegalStateException("wrapped", unavailable)).cause())
                .isEqualTo(FaultCause.REGISTRY_UNAVAILABLE);
    }

    @Test
    void shouldCallBytesThatDoNotDecodeTheRecordsOwnFault() {
        Failure failure = classifier.classifyDecoding(new SerializationException("unknown magic byte 7"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.RECORD);
        assertThat(failure.errorType()).isEqualTo("SerializationException");
        assertThat(failure.reason()).isEqualTo("unknown magic byte 7");
    }

    @Test
    void shouldNeverCallAFailedDeadLetterSendTheRecordsFault() {
        RegistryUnavailableException unavailable = new RegistryUnavailableException("cannot write yet",
                new SchemaRegistryException("http://registry", "register", "dlq-value", 0, 0, "no answer", null));

        assertThat(classifier.classifyDeadLetterSend(unavailable).cause())
                .isEqualTo(FaultCause.REGISTRY_UNAVAILABLE);
        assertThat(classifier.classifyDeadLetterSend(new TimeoutException("expired")).cause())
                .isEqualTo(FaultCause.DEAD_LETTER_TOPIC_UNAVAILABLE);
    }

    @Test
    void shouldLetAConfiguredRuleDecide() {
        FailureClassifier configured = new FailureClassifier(ErrorPolicy.withOverrides(List.of(
                ErrorRule.type("illegal_argument_exception", ErrorAction.FATAL),
                ErrorRule.type("es_rejected_execution_exception", ErrorAction.DEAD_LETTER),
                ErrorRule.type("version_gap_exception", ErrorAction.RETRY))));

        assertThat(configured.classify(IndexingError.item(400, "illegal_argument_exception", "x")).kind())
                .isEqualTo(Failure.Kind.FATAL);
        assertThat(configured.classify(IndexingError.item(429, "es_rejected_execution_exception", "x")).kind())
                .isEqualTo(Failure.Kind.RECORD);
        assertThat(configured.classify(IndexingError.item(400, "version_gap_exception", "x")).cause())
                .isEqualTo(FaultCause.CONFIGURED_RETRY);
    }
}
