package io.newsflow.ingest.http;

import static io.newsflow.ingest.http.FetcherTesting.SHORT_LIMITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.ingest.testing.RawServer;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OkHttpExchangeTest {

    @Test
    void shouldRefuseToConnectToAnAddressThePolicyRefusesEvenWhenHandedOne() throws Exception {
        try (OkHttpExchange.Clients base = FetcherTesting.platformClients();
                RawServer server = new RawServer((socket, self) -> RawServer.write(socket,
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))) {
            // The fetcher never hands over an unchecked address; the socket checks again on connect all the same.
            assertThatThrownBy(() -> OkHttpExchange.open(base, server.url("/"),
                    List.of(InetAddress.getLoopbackAddress()), false, Map.of(), SHORT_LIMITS,
                    System.nanoTime() + SHORT_LIMITS.totalTimeout().toNanos()))
                    .isInstanceOfSatisfying(FetchException.class, e -> {
                        assertThat(e.reason()).isEqualTo(FetchFailure.Reason.SSRF_BLOCKED);
                        assertThat(e.getMessage()).contains("127.0.0.1 is a loopback address");
                    });
            assertThat(server.connections()).isZero();
        }
    }
}
