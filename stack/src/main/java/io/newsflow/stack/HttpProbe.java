package io.newsflow.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small HTTP GETs for readiness checks. */
final class HttpProbe implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    record Answer(int status, String body) {
    }

    Answer get(String url) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
