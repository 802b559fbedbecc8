package io.newsflow.ingest.feed;

import io.newsflow.ingest.testing.SharedFixtures;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExploreFixturesTest {
    @Test
    void explore() throws Exception {
        FeedParser parser = new FeedParser();
        StringBuilder out = new StringBuilder();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SharedFixtures.feeds())) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("LICENSE")).sorted().toList();
        }
        for (Path file : files) {
            try {
                ParsedFeed feed = parser.parse(Files.readAllBytes(file), null, URI.create("http://127.0.0.1:8097/" + file.getFileName()));
                out.append("OK   ").append(SharedFixtures.feeds().relativize(file)).append(" fmt=").append(feed.format())
                   .append(" enc=").append(feed.encoding()).append(" title=").append(feed.title()).append(" items=").append(feed.items().size())
                   .append(feed.items().isEmpty() ? "" : " first=" + feed.items().get(0)).append(" warn=").append(feed.warnings()).append('\n');
            } catch (FeedRejected e) {
                out.append("REJ  ").append(SharedFixtures.feeds().relativize(file)).append(' ').append(e.reason()).append(' ').append(e.getMessage()).append('\n');
            } catch (Exception e) {
                out.append("EXC  ").append(SharedFixtures.feeds().relativize(file)).append(' ').append(e).append('\n');
            }
        }
        Files.writeString(Path.of("target/explore.txt"), out);
    }
}
