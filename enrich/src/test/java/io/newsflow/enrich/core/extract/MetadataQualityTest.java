package io.newsflow.enrich.core.extract;

import io.newsflow.stack.junit.SharedFolder;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Title, language, publication time and site name against the Readability suite's expected-metadata.json. */
class MetadataQualityTest {
    private final HtmlExtractor extractor = new HtmlExtractor();

    @Test
    void shouldReadTheDeclaredLanguageAsReadabilityDoesOnEveryPage() throws IOException {
        for (ExtractionCorpus.Page fixture : ExtractionCorpus.readability()) {
            String expected = jsonString(metadata(fixture), "lang");
            assertThat(extractor.extract(fixture.htmlAsString(), "").htmlLanguage()).as(fixture.id())
                    .isEqualTo(expected);
        }
    }

    @Test
    void shouldFindReadabilitysTitleOnAllPagesButOne() throws IOException {
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
        assertThat(misses).as("titles that differ").hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void shouldReadThePublicationTimeAsReadabilityDoesWhereAPageDeclaresOne() throws IOException {
        int declared = 0;
        for (ExtractionCorpus.Page fixture : ExtractionCorpus.readability()) {
            String expected = jsonString(metadata(fixture), "publishedTime");
            if (expected == null) {
                continue;
            }
            declared++;
            assertThat(extractor.extract(fixture.htmlAsString(), "").publishedAt()).as(fixture.id())
                    .isEqualTo(instant(expected));
        }
        assertThat(declared).isEqualTo(7);
    }

    @Test
    void shouldReadTheSiteNameAsReadabilityDoesOnAllDeclaringPagesButOne() throws IOException {
        List<String> misses = new ArrayList<>();
        for (ExtractionCorpus.Page fixture : ExtractionCorpus.readability()) {
            String expected = jsonString(metadata(fixture), "siteName");
            String siteName = extractor.extract(fixture.htmlAsString(), "").siteName();
            if (expected != null && !expected.equals(siteName)) {
                misses.add(fixture.id() + ": expected <" + expected + "> got <" + siteName + ">");
            }
        }
        assertThat(misses).hasSizeLessThanOrEqualTo(1);
    }

    /** Readability's publishedTime values: ISO-8601 with or without offset (UTC then), "T" or a space. */
    private static Instant instant(String value) {
        String iso = value.replace(' ', 'T').replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2");
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        }
    }

    private static String metadata(ExtractionCorpus.Page fixture) throws IOException {
        Path file = SharedFolder.fixtures("extraction/" + ExtractionCorpus.READABILITY)
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
