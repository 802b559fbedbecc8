package io.newsflow.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompactHashMapTest {

    @Test
    void shouldFindEveryKeyLeftAfterRemovingOthersFromTheirRuns() {
        CompactHashMap map = new CompactHashMap();
        SplittableRandom random = new SplittableRandom(7);
        long[][] keys = new long[5000][];
        for (int i = 0; i < keys.length; i++) {
            // few distinct low bits: long runs of colliding slots, where a removal must move its followers back
            keys[i] = new long[] {random.nextLong(), random.nextInt(64)};
            map.put(keys[i][0], keys[i][1], i + 1);
        }
        for (int i = 0; i < keys.length; i += 2) {
            map.remove(keys[i][0], keys[i][1]);
        }
        map.remove(42, 42); // absent: nothing happens

        assertThat(map.size()).isEqualTo(keys.length / 2);
        for (int i = 0; i < keys.length; i++) {
            long expected = i % 2 == 0 ? -1 : i + 1;
            assertThat(map.get(keys[i][0], keys[i][1], -1)).as("key %d", i).isEqualTo(expected);
        }
    }
}
