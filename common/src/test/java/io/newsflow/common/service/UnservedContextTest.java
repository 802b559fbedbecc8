package io.newsflow.common.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.common.ops.Health;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class UnservedContextTest {

    @Test
    void shouldAnswerWhatTheRegisteredCheckSaysNow() {
        UnservedContext context = ServiceContext.unserved(new SimpleMeterRegistry());
        AtomicReference<Health> current = new AtomicReference<>(Health.up("starting"));
        context.health("sink", current::get);
        current.set(Health.degraded("elasticsearch unreachable"));

        assertThat(context.check("sink")).isEqualTo(Health.degraded("elasticsearch unreachable"));
        assertThatThrownBy(() -> context.check("enrich")).hasMessageContaining("registered: [sink]");
    }

    @Test
    void shouldThrowAFailureUnlessGivenAHandler() {
        RuntimeException cause = new RuntimeException("disk full");
        assertThatThrownBy(() -> ServiceContext.unserved(new SimpleMeterRegistry()).fail("cannot write", cause))
                .isInstanceOf(IllegalStateException.class).hasMessage("cannot write").hasCause(cause);

        AtomicReference<Throwable> handled = new AtomicReference<>();
        ServiceContext.unserved(new SimpleMeterRegistry(), (reason, thrown) -> handled.set(thrown)).fail("x", cause);
        assertThat(handled).hasValue(cause);
    }
}
