package io.newsflow.enrich.core.extract;

import io.newsflow.stack.junit.SharedFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;

/** The extraction fixtures in {@code shared/fixtures/extraction/}, read in place. */
public final class ExtractionCorpus {
    public static final String SCRAPINGHUB = "scrapinghub-aeb";
    public static final String READABILITY = "mozilla-readability";

    /** One page and the text a perfect extractor returns for it. */
    public record Page(String set, String id, byte[] html, String expectedText) {
        public String htmlAsString() {
            return new String(html, StandardCharsets.UTF_8);
        }
    }

    private ExtractionCorpus() {}

    /** The 22 scrapinghub pages: {@code <id>.html} against {@code <id>.expected.txt}. */
    public static List<Page> scrapinghub() {
        Path dir = SharedFolder.fixtures("extraction/" + SCRAPINGHUB + "/html");
        List<Page> pages = new ArrayList<>();
        for (Path html : list(dir, ".html")) {
            String name = html.getFileName().toString();
            String id = name.substring(0, name.length() - ".html".length());
            Path expected = dir.resolve(id + ".expected.txt");
            pages.add(new Page(SCRAPINGHUB, id, read(html), new String(read(expected), StandardCharsets.UTF_8)));
        }
        return requireSome(pages, dir);
    }

    /** The 29 Readability test pages: {@code source.html} against the text of {@code expected.html}. */
    public static List<Page> readability() {
        Path dir = SharedFolder.fixtures("extraction/" + READABILITY);
        List<Page> pages = new ArrayList<>();
        for (Path caseDir : listDirs(dir)) {
            Path source = caseDir.resolve("source.html");
            Path expected = caseDir.resolve("expected.html");
            if (Files.isRegularFile(source) && Files.isRegularFile(expected)) {
                String expectedText = Jsoup.parse(new String(read(expected), StandardCharsets.UTF_8)).text();
                pages.add(new Page(READABILITY, caseDir.getFileName().toString(), read(source), expectedText));
            }
        }
        return requireSome(pages, dir);
    }

    /** The article DOM Readability extracts from a page of the Readability set (already clean article HTML). */
    public static String readabilityExpectedHtml(Page page) {
        Path file = SharedFolder.fixtures("extraction/" + READABILITY).resolve(page.id()).resolve("expected.html");
        return new String(read(file), StandardCharsets.UTF_8);
    }

    public static Page readabilityCase(String name) {
        return readability().stream()
                .filter(page -> page.id().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No Readability fixture named " + name));
    }

    private static List<Page> requireSome(List<Page> pages, Path dir) {
        if (pages.isEmpty()) {
            throw new IllegalStateException("No extraction fixtures found in " + dir);
        }
        return pages;
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static List<Path> listDirs(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixture " + file, e);
        }
    }
}
