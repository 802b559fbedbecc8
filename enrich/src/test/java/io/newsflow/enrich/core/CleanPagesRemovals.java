package io.newsflow.enrich.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the whole core removes from the 51 clean extraction fixture pages, counted by rule: spam rules must take
 * nothing there. A {@code main}, so that the before/after figures of BENCHMARKS.md come from one harness run
 * against two builds of the core.
 */
public final class CleanPagesRemovals {
    private CleanPagesRemovals() {}

    public static void main(String[] args) throws Exception {
        Map<String, Integer> byRule = new TreeMap<>();
        int pages = 0;
        for (Path page : FixturePagesTest.pages().toList()) {
            pages++;
            CleanResult result = TestCleaner.get().clean(
                    ArticleInput.ofBytes(page.toString(), "text/html", Files.readAllBytes(page), Instant.EPOCH));
            if (result instanceof CleanResult.Cleaned cleaned) {
                List<SpamRemoval> removals = cleaned.article().spamRemoved();
                removals.forEach(r -> byRule.merge(r.rule(), 1, Integer::sum));
            }
        }
        System.out.println(pages + " clean pages; lines removed by rule: " + byRule);
    }
}
