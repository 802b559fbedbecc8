package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A plain {@code .txt} drop file: one feed URL a line; blank lines and {@code #} comments are ignored. */
public final class UrlListReader {
    private UrlListReader() {}

    public static SourceFile read(String name, String text, boolean allowFileUrls) {
        List<FeedSpec> feeds = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            String location = name + ":" + (i + 1);
            if (line.chars().anyMatch(Character::isWhitespace)) {
                problems.add(new ConfigProblem(location, "", "'" + line + "' is not one URL; write one URL a line"));
                continue;
            }
            Optional<String> problem = FeedUrls.problemWith(line, allowFileUrls);
            if (problem.isPresent()) {
                problems.add(new ConfigProblem(location, "", problem.get()));
            } else {
                feeds.add(FeedSpec.ofUrl(line, location));
            }
        }
        return new SourceFile(name, feeds, problems, false);
    }

    /** A {@code #} starts a comment at the line's start or after a space; a URL's own fragment is kept. */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
