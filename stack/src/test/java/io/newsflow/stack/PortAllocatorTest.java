package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void shouldNeverHandOutTheSamePortTwice() {
        PortAllocator allocator = new PortAllocator();

        int[] ports = IntStream.range(0, 20).flatMap(i -> Arrays.stream(allocator.allocate(2))).toArray();

        assertThat(ports).hasSize(40).doesNotHaveDuplicates();
        assertThat(Arrays.stream(ports).allMatch(PortAllocator::isFree)).isTrue();
    }

    @Test
    void shouldSeeAPortSomeoneListensOnAsTaken() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(PortAllocator.LOOPBACK, 0));

            assertThat(PortAllocator.isFree(socket.getLocalPort())).isFalse();
        }
    }
}
