package io.newsflow.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The halting itself is proven by IngestKillIT, in a process of its own; here only that it is inert unless set. */
class CrashSeamTest {

    @AfterEach
    void clear() {
        System.clearProperty(CrashSeam.PROPERTY);
    }

    @Test
    void shouldBeInertWhenThePropertyIsNotSet() {
        CrashSeam seam = CrashSeam.fromSystemProperties();

        assertThat(seam).isSameAs(CrashSeam.INERT);
        AtomicInteger flushes = new AtomicInteger();
        MockProducer<String, String> producer = new MockProducer<>() {
            @Override
            public synchronized void flush() {
                flushes.incrementAndGet();
            }
        };
        for (int i = 0; i < 1000; i++) {
            seam.articleSent(producer); // would halt this JVM if it were armed
        }
        assertThat(flushes).as("an armed seam flushes before it halts; an inert one never").hasValue(0);
    }

    @Test
    void shouldRefuseAValueThatIsNotAPositiveNumberOfArticles() {
        System.setProperty(CrashSeam.PROPERTY, "soon");
        assertThatThrownBy(CrashSeam::fromSystemProperties).hasMessageContaining(CrashSeam.PROPERTY)
                .hasMessageContaining("soon");

        System.setProperty(CrashSeam.PROPERTY, "0");
        assertThatThrownBy(CrashSeam::fromSystemProperties).hasMessageContaining("at least 1");
    }
}
