package io.newsflow.enrich.health;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.SpamRemoval;
import io.newsflow.schemas.testdata.TestRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Clean articles of one source at a given fetch time, with or without spam removed: the input of source health. */
final class HealthArticles {
    private int next;

    CleanArticle clean(String source, Instant fetchedAt) {
        return article(source, fetchedAt, List.of());
    }

    /** An article with one line removed by each of {@code rules}. */
    CleanArticle withRemoved(String source, Instant fetchedAt, String... rules) {
        List<SpamRemoval> removed = new ArrayList<>();
        for (String rule : rules) {
            removed.add(SpamRemoval.newBuilder().setRule(rule).setText(rule + " line: slot gacor maxwin " + next)
                    .setRuleVersion(1).build());
        }
        return article(source, fetchedAt, removed);
    }

    private CleanArticle article(String source, Instant fetchedAt, List<SpamRemoval> removed) {
        String id = String.format("%s-%05d", source.toLowerCase().replace(' ', '-'), next++);
        return TestRecords.cleanArticle()
                .setId(id)
                .setUrl("https://" + host(source) + "/a/" + id)
                .setCanonicalUrl("https://" + host(source) + "/a/" + id)
                .setFeedName(source)
                .setSite(host(source))
                .setFetchedAt(fetchedAt)
                .setSpamRemoved(removed)
                .build();
    }

    static String host(String source) {
        return source.toLowerCase().replace(' ', '-') + ".example";
    }
}
