package io.newsflow.enrich.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.core.extract.ExtractedPage;
import io.newsflow.enrich.core.segment.Segmentation;
import io.newsflow.enrich.core.segment.Segmenter;
import io.newsflow.enrich.core.spam.SpamRules;
import io.newsflow.enrich.core.spam.SpamStripper;
import io.newsflow.enrich.core.spam.StrippedPage;
import io.newsflow.enrich.core.text.PlainTextExtractor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SpamAndSegmentationPropertiesTest {
    private final SpamStripper stripper = new SpamStripper(SpamRules.defaults());
    private final PlainTextExtractor reader = new PlainTextExtractor();
    private final Segmenter segmenter = new Segmenter();

    @Property(tries = 400)
    @Label("stripping a stripped page removes nothing more and changes nothing")
    void shouldStripIdempotently(@ForAll("pages") ExtractedPage page) {
        StrippedPage once = stripper.strip(page);
        StrippedPage twice = stripper.strip(once.page());
        assertThat(twice.removals()).isEmpty();
        assertThat(twice.page()).isEqualTo(once.page());
    }

    @Property(tries = 400)
    @Label("every word of a text article that no rule removed appears exactly once in title, byline, body or credit")
    void shouldKeepEveryNonSpamWordThroughSegmentation(@ForAll("articles") String text) {
        ExtractedPage page = reader.extract(text);
        StrippedPage stripped = stripper.strip(page);
        Segmentation segmentation = segmenter.segment(stripped.page());

        Map<String, Integer> expected = count(Words.of(text));
        stripped.removals().forEach(r -> subtract(expected, Words.of(r.text())));

        List<String> output = new ArrayList<>();
        ArticleBody body = segmentation.body();
        if (body.title() != null) {
            output.add(body.title());
        }
        if (segmentation.byline() != null) {
            output.add(segmentation.byline());
        }
        body.lead().forEach(b -> output.add(b.text()));
        body.sections().forEach(s -> {
            output.add(s.heading());
            s.blocks().forEach(b -> output.add(b.text()));
        });
        if (segmentation.credit() != null) {
            output.add(segmentation.credit().line());
        }
        assertThat(count(Words.of(String.join("\n", output)))).isEqualTo(expected);
    }

    @Provide
    Arbitrary<ExtractedPage> pages() {
        return ArticleGenerators.extractedPage();
    }

    @Provide
    Arbitrary<String> articles() {
        return ArticleGenerators.plainTextArticle();
    }

    private static Map<String, Integer> count(List<String> words) {
        Map<String, Integer> counts = new HashMap<>();
        words.forEach(w -> counts.merge(w, 1, Integer::sum));
        return counts;
    }

    private static void subtract(Map<String, Integer> counts, List<String> words) {
        for (String w : words) {
            counts.computeIfPresent(w, (k, n) -> n == 1 ? null : n - 1);
        }
    }
}
