package io.newsflow.enrich.statements;

import io.newsflow.enrich.core.ArticleBody;
import io.newsflow.enrich.core.Block;
import io.newsflow.enrich.core.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A tiny stand-in for the enrich core's segmentation, for tests only: the first line is the title; blank lines
 * separate blocks; a short line without end punctuation is a heading; "– " starts an item, "> " a quotation block.
 */
final class PlainTextArticle {
    private static final Pattern ITEM = Pattern.compile("^[–—•-]\\s+");
    private static final int HEADING_MAX_WORDS = 8;

    private PlainTextArticle() {}

    /** Splits {@code text}, after dropping its last {@code dropTrailing} non-blank lines (credit, spam). */
    static ArticleBody parse(String text, int dropTrailing) {
        List<String> lines = new ArrayList<>(List.of(text.replace("\r\n", "\n").split("\n", -1)));
        for (int dropped = 0; dropped < dropTrailing && !lines.isEmpty(); ) {
            String last = lines.remove(lines.size() - 1);
            if (!last.isBlank()) {
                dropped++;
            }
        }
        String title = null;
        List<Block> lead = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        String heading = null;
        List<Block> current = lead;
        StringBuilder paragraph = new StringBuilder();
        lines.add("");
        for (String raw : lines) {
            String line = raw.strip();
            if (!line.isEmpty()) {
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(line);
                continue;
            }
            if (paragraph.isEmpty()) {
                continue;
            }
            String p = paragraph.toString();
            paragraph.setLength(0);
            if (title == null) {
                title = p;
            } else if (isHeading(p)) {
                if (heading != null) {
                    sections.add(new Section(heading, current));
                }
                heading = p;
                current = new ArrayList<>();
            } else if (ITEM.matcher(p).find()) {
                current.add(Block.item(ITEM.matcher(p).replaceFirst("")));
            } else if (p.startsWith("> ")) {
                current.add(Block.quote(p.substring(2)));
            } else {
                current.add(Block.paragraph(p));
            }
        }
        if (heading != null) {
            sections.add(new Section(heading, current));
        }
        return new ArticleBody(title, lead, sections);
    }

    /** A body whose lead is these paragraphs, for short tests. */
    static ArticleBody lead(String... paragraphs) {
        List<Block> blocks = new ArrayList<>();
        for (String p : paragraphs) {
            blocks.add(Block.paragraph(p));
        }
        return new ArticleBody("t", blocks, List.of());
    }

    private static boolean isHeading(String p) {
        if (p.split("\\s+").length > HEADING_MAX_WORDS) {
            return false;
        }
        char last = p.charAt(p.length() - 1);
        return ".:;,\"”»".indexOf(last) < 0 && !p.contains("“") && !p.contains("\"") && !ITEM.matcher(p).find();
    }
}
