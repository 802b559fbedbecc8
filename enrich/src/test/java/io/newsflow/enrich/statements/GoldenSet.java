package io.newsflow.enrich.statements;

import io.newsflow.enrich.core.ArticleBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The hand-checked golden articles under test resources statements/golden/. */
final class GoldenSet {
    /** One expected statement; {@code roleGiven}/{@code viaGiven} say whether those fields are checked. */
    record Expected(String section, int block, String contains, String speaker, boolean roleGiven, String role,
                    String act, List<String> quotes, String via) {}

    /** {@code missClass}: the class of miss the case stands for (statements/classes), else null. */
    record Case(String id, String language, List<String> shapes, ArticleBody body, List<Expected> statements,
                String missClass) {}

    private GoldenSet() {}

    /** The development set the tagger was tuned on. */
    static List<Case> load() {
        return load("statements/golden");
    }

    /** The held-out sets, each written after a round of tuning and first measured blind. */
    static List<Case> holdout() {
        List<Case> all = new ArrayList<>(load("statements/holdout"));
        all.addAll(load("statements/holdout2"));
        return all;
    }

    /** Cases of the classes of miss found on real pages (issue 14), one or more per class, both languages. */
    static List<Case> classes() {
        return load("statements/classes");
    }

    static List<Case> load(String folder) {
        URL url = GoldenSet.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException(folder + " missing from test resources");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<Case> cases = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                cases.add(read(p));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Case read(Path p) throws IOException {
        Map<String, Object> doc;
        try (InputStream in = Files.newInputStream(p)) {
            doc = new Yaml().load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Expected> expected = new ArrayList<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) doc.getOrDefault("statements", List.of())) {
            Object section = s.get("section");
            expected.add(new Expected(
                    String.valueOf(section), ((Number) s.get("block")).intValue(),
                    (String) s.get("contains"), (String) s.get("speaker"),
                    s.containsKey("role"), (String) s.get("role"), (String) s.get("act"),
                    (List<String>) s.getOrDefault("quotes", List.of()), (String) s.get("via")));
        }
        return new Case((String) doc.get("id"), (String) doc.get("language"),
                (List<String>) doc.getOrDefault("shapes", List.of()),
                PlainTextArticle.parse((String) doc.get("text"), 0), expected, (String) doc.get("class"));
    }
}
