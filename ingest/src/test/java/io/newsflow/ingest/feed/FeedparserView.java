package io.newsflow.ingest.feed;

import java.nio.charset.Charset;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Our result shaped like feedparser's, for {@link PythonExpectation}: only what our model really has. */
final class FeedparserView {

    private static final Map<String, String> VERSIONS = Map.ofEntries(
            Map.entry("rss_0.9", "rss090"), Map.entry("rss_0.91N", "rss091n"), Map.entry("rss_0.91U", "rss091u"),
            Map.entry("rss_0.92", "rss092"), Map.entry("rss_0.93", "rss093"), Map.entry("rss_0.94", "rss094"),
            Map.entry("rss_1.0", "rss10"), Map.entry("rss_2.0", "rss20"), Map.entry("atom_0.3", "atom03"),
            Map.entry("atom_1.0", "atom10"), Map.entry("json_1.0", "json1"), Map.entry("json_1.1", "json11"));

    private FeedparserView() {
    }

    /** Names for a refused feed: only bozo, so anything else an expectation needs fails. */
    static Map<String, Object> rejected() {
        return Map.of("bozo", true);
    }

    static Map<String, Object> of(ParsedFeed feed) {
        Map<String, Object> names = new HashMap<>();
        names.put("bozo", feed.recovered());
        names.put("version", VERSIONS.getOrDefault(feed.format(), feed.format()));
        names.put("encoding", (PythonExpectation.Comparable) other -> other instanceof String label
                && Charset.isSupported(label) && Charset.forName(label).equals(Charset.forName(feed.encoding())));
        Map<String, Object> channel = new HashMap<>();
        channel.put("title", feed.title());
        channel.put("link", feed.link());
        names.put("feed", channel);
        List<Object> entries = new ArrayList<>();
        for (FeedItem item : feed.items()) {
            Map<String, Object> entry = new HashMap<>();
            entry.put("title", item.title());
            entry.put("link", item.link());
            entry.put("id", item.guid());
            entry.put("guid", item.guid());
            entry.put("author", item.author());
            entry.put("summary", item.summary());
            entry.put("description", item.summary());
            entry.put("content", item.contentHtml() == null ? null : List.of(Map.of("value", item.contentHtml())));
            entry.put("published_parsed", item.publishedAt() == null ? null : timeTuple(item.publishedAt()
                    .atZone(ZoneOffset.UTC)));
            entry.put("tags", item.categories().stream().map(term -> Map.of("term", term)).toList());
            entries.add(entry);
        }
        names.put("entries", entries);
        return names;
    }

    /** Python's time.struct_time as feedparser fills it: weekday Monday=0, day of year, no DST. */
    private static List<Object> timeTuple(ZonedDateTime time) {
        return List.of((long) time.getYear(), (long) time.getMonthValue(), (long) time.getDayOfMonth(),
                (long) time.getHour(), (long) time.getMinute(), (long) time.getSecond(),
                (long) (time.getDayOfWeek().getValue() - 1), (long) time.getDayOfYear(), 0L);
    }
}
