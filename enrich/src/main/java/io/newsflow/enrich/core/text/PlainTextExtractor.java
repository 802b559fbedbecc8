package io.newsflow.enrich.core.text;

import io.newsflow.enrich.core.InvisibleChars;
import io.newsflow.enrich.core.extract.BylineLine;
import io.newsflow.enrich.core.extract.ExtractedBlock;
import io.newsflow.enrich.core.extract.ExtractedBlock.Kind;
import io.newsflow.enrich.core.extract.ExtractedPage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plain-text article into the same {@link ExtractedPage} the HTML extractor makes, so everything after
 * extraction is shared. The first line is the title; blocks are separated by blank lines; a short line without end
 * punctuation standing on its own is a heading; "– ", "- ", "• " and "* " start list items; "> " starts a quotation;
 * a "By ..."/"Oleh ..." line just under the title is the byline. Inside a block, lines are joined when they are a
 * hard-wrapped paragraph and kept apart when each one ends a sentence.
 */
public final class PlainTextExtractor {
    private static final Pattern ITEM = Pattern.compile("^\\s*(?:[–•*]|-(?!-))\\s+(.*)$");
    private static final Pattern QUOTE = Pattern.compile("^\\s*>\\s?(.*)$");
    private static final int HEADING_MAX_CHARS = 90;
    private static final int HEADING_MAX_WORDS = 12;

    public ExtractedPage extract(String text) {
        List<String> lines = InvisibleChars.strip(text).replace("\r\n", "\n").replace('\r', '\n').lines().map(String::strip).toList();
        int first = 0;
        while (first < lines.size() && lines.get(first).isEmpty()) {
            first++;
        }
        String title = first < lines.size() ? lines.get(first) : null;
        List<List<String>> groups = paragraphGroups(lines.subList(Math.min(first + 1, lines.size()), lines.size()));

        String byline = null;
        List<ExtractedBlock> blocks = new ArrayList<>();
        for (List<String> group : groups) {
            List<String> units = units(group);
            for (int i = 0; i < units.size(); i++) {
                String unit = units.get(i);
                if (byline == null && blocks.isEmpty() && BylineLine.matches(unit)) {
                    byline = unit;
                    continue;
                }
                // A heading stands alone between blank lines, or opens a group whose text follows on the next line.
                blocks.add(block(unit, i == 0 && unit.equals(group.get(0))));
            }
        }
        return new ExtractedPage(title, byline, null, blocks, List.of());
    }

    /** Lines between blank lines. */
    private static List<List<String>> paragraphGroups(List<String> lines) {
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    groups.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(line);
            }
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    /**
     * Splits a group of lines into blocks: a line that starts an item or quotation, follows a line that ended a
     * sentence, or is short enough to be a heading or an injected line starts a new block; other lines continue
     * a hard-wrapped paragraph.
     */
    private static List<String> units(List<String> group) {
        List<String> units = new ArrayList<>();
        StringBuilder current = null;
        String previous = null;
        for (String line : group) {
            boolean startsNew = current == null
                    || ITEM.matcher(line).matches()
                    || QUOTE.matcher(line).matches()
                    || endsSentence(previous)
                    || looksLikeHeading(previous)
                    || looksLikeHeading(line);
            if (startsNew) {
                if (current != null) {
                    units.add(current.toString());
                }
                current = new StringBuilder(line);
            } else {
                current.append(' ').append(line);
            }
            previous = line;
        }
        if (current != null) {
            units.add(current.toString());
        }
        return units;
    }

    private static ExtractedBlock block(String unit, boolean mayBeHeading) {
        Matcher item = ITEM.matcher(unit);
        if (item.matches()) {
            return new ExtractedBlock(Kind.ITEM, item.group(1).strip());
        }
        Matcher quote = QUOTE.matcher(unit);
        if (quote.matches()) {
            return new ExtractedBlock(Kind.QUOTE, quote.group(1).strip());
        }
        if (mayBeHeading && looksLikeHeading(unit)) {
            return new ExtractedBlock(Kind.HEADING, unit);
        }
        return new ExtractedBlock(Kind.PARAGRAPH, unit);
    }

    /** Short, and not ending like a sentence or clause; a question ("Apa sekarang?") may be a heading. */
    static boolean looksLikeHeading(String line) {
        if (line == null || line.length() > HEADING_MAX_CHARS || line.isEmpty()) {
            return false;
        }
        char last = line.charAt(line.length() - 1);
        if (".,;:!…\"”’'»)".indexOf(last) >= 0) {
            return false;
        }
        if (ITEM.matcher(line).matches() || QUOTE.matcher(line).matches() || BylineLine.matches(line)) {
            return false; // "By Reuters", "Oleh Andi": a name line, not a heading
        }
        return line.split("\\s+").length <= HEADING_MAX_WORDS;
    }

    private static boolean endsSentence(String line) {
        if (line == null || line.isEmpty()) {
            return false;
        }
        char last = line.charAt(line.length() - 1);
        return ".!?…\"”»".indexOf(last) >= 0;
    }
}
