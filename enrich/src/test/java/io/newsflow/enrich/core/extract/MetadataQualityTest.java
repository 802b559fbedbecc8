package io.newsflow.enrich.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Title and language against the Readability suite's expected-metadata.json. */
class MetadataQualityTest {
    private final HtmlExtractor extractor = new HtmlExtractor();

    @Test
    @DisplayName("the declared language matches Readability's on every page")
    void languageMatchesEveryPage() throws IOException {
        for (ExtractionCorpus.Page fixture : ExtractionCorpus.readability()) {
            String expected = jsonString(metadata(fixture), "lang");
            assertThat(extractor.extract(fixture.htmlAsString(), "").htmlLanguage()).as(fixture.id())
                    .isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("the title is Readability's, or Readability's without the site name, on nearly every page")
    void titleMatchesNearlyEveryPage() throws IOException {
        List<String> misses = new ArrayList<>();
        List<ExtractionCorpus.Page> pages = ExtractionCorpus.readability();
        for (ExtractionCorpus.Page fixture : pages) {
            String expected = Text.normalize(jsonString(metadata(fixture), "title"));
            String title = extractor.extract(fixture.htmlAsString(), "").title();
            boolean same = expected == null ? title == null : title != null && expected.startsWith(title);
            if (!same) {
                misses.add(fixture.id() + ": expected <" + expected + "> got <" + title + ">");
            }
        }
        assertThat(misses).as("titles that differ").hasSizeLessThanOrEqualTo(2);
    }

    private static String metadata(ExtractionCorpus.Page fixture) throws IOException {
        Path file = SharedFixtures.fixtures("extraction/" + ExtractionCorpus.READABILITY)
                .resolve(fixture.id()).resolve("expected-metadata.json");
        return Files.readString(file);
    }

    /** A top-level string field of a small JSON object; null when absent or JSON null. */
    private static String jsonString(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        if (!matcher.find()) {
            return null;
        }
        String raw = matcher.group(1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                switch (next) {
                    case 'u' -> {
                        out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    default -> out.append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
