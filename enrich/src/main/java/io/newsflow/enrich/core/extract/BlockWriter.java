package io.newsflow.enrich.core.extract;

import io.newsflow.enrich.core.extract.ExtractedBlock.Kind;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns DOM subtrees into blocks in reading order. Inline elements flow into the current block with white space
 * collapsed as a browser renders it (no space invented between {@code <b>foo</b><i>bar</i>}, none lost around
 * them); every block element ends the current block, so neighbouring blocks never glue words together. A single
 * {@code <br>} stays inside the block as a line break ({@code '\n'}); two or more in a row split the block.
 */
final class BlockWriter {
    /** Decides, element by element, what belongs to the output. */
    interface ElementFilter {
        boolean keep(Element element, TagRole role);
    }

    /** Keeps everything a reader could see if it were shown: all but scripts, styles, media and controls. */
    static final ElementFilter EVERYTHING_BUT_NOISE = (element, role) -> true;

    private final ElementFilter filter;
    private final List<ExtractedBlock> blocks = new ArrayList<>();
    private final StringBuilder run = new StringBuilder(256);
    private Kind runKind = Kind.PARAGRAPH;
    private boolean pendingSpace;
    private int depth;

    BlockWriter(ElementFilter filter) {
        this.filter = filter;
    }

    void write(Element element) {
        write(element, Kind.PARAGRAPH);
    }

    /** Writes an element's content whatever its own tag is (a hidden nav's links are still its text). */
    void writeContent(Element element) {
        writeBlock(element, Kind.PARAGRAPH);
    }

    List<ExtractedBlock> finish() {
        flush();
        return blocks;
    }

    private void write(Element element, Kind context) {
        TagRole role = TagRole.of(element.normalName());
        if (role == TagRole.NOISE || !filter.keep(element, role)) {
            return;
        }
        switch (role) {
            case INLINE -> writeChildren(element, context);
            case LINE_BREAK -> lineBreak();
            case RULE -> flush();
            case HEADING -> writeBlock(element, Kind.HEADING);
            case ITEM -> writeBlock(element, Kind.ITEM);
            case QUOTE -> writeBlock(element, Kind.QUOTE);
            case PARAGRAPH -> writeBlock(element, context == Kind.HEADING ? Kind.PARAGRAPH : context);
            default -> writeBlock(element, context);
        }
    }

    private void writeBlock(Element element, Kind context) {
        flush();
        writeChildren(element, context);
        flush();
    }

    private void writeChildren(Element element, Kind context) {
        if (depth >= ContentAnalysis.MAX_DEPTH) {
            // Too deep to walk: the subtree's text, flat, rather than a stack overflow.
            appendText(element.text(), context);
            return;
        }
        depth++;
        try {
            writeChildNodes(element, context);
        } finally {
            depth--;
        }
    }

    private void writeChildNodes(Element element, Kind context) {
        for (int i = 0, n = element.childNodeSize(); i < n; i++) {
            Node child = element.childNode(i);
            if (child instanceof TextNode text) {
                appendText(text.getWholeText(), context);
            } else if (child instanceof Element childElement) {
                write(childElement, context);
            }
        }
    }

    private void appendText(String raw, Kind context) {
        for (int i = 0, n = raw.length(); i < n; i++) {
            char c = raw.charAt(i);
            if (Text.isSpace(c)) {
                int length = run.length();
                pendingSpace = length > 0 && run.charAt(length - 1) != '\n';
            } else if (!Text.isInvisible(c)) {
                if (run.isEmpty()) {
                    runKind = context;
                } else if (pendingSpace) {
                    run.append(' ');
                }
                pendingSpace = false;
                run.append(c);
            }
        }
    }

    private void lineBreak() {
        if (!run.isEmpty()) {
            run.append('\n');
        }
        pendingSpace = false;
    }

    private void flush() {
        pendingSpace = false;
        if (run.isEmpty()) {
            return;
        }
        int start = 0;
        int length = run.length();
        while (start < length) {
            int split = run.indexOf("\n\n", start);
            int end = split < 0 ? length : split;
            addBlock(start, end);
            if (split < 0) {
                break;
            }
            start = split + 2;
            while (start < length && run.charAt(start) == '\n') {
                start++;
            }
        }
        run.setLength(0);
    }

    private void addBlock(int start, int end) {
        while (start < end && run.charAt(start) == '\n') {
            start++;
        }
        while (end > start && (run.charAt(end - 1) == '\n' || run.charAt(end - 1) == ' ')) {
            end--;
        }
        if (end > start) {
            blocks.add(new ExtractedBlock(runKind, run.substring(start, end)));
        }
    }
}
