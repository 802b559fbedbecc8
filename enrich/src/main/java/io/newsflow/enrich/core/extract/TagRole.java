package io.newsflow.enrich.core.extract;

import java.util.HashMap;
import java.util.Map;

/**
 * What an HTML element means to the extractor, looked up once per element by its normalised tag name.
 * Unknown (custom) elements are treated as generic blocks: that never glues words together and never loses text.
 */
enum TagRole {
    /** Never visible as article text: scripts, styles, embedded media, form controls, navigation. */
    NOISE,
    /** Text flows through it into the surrounding paragraph. */
    INLINE,
    /** A line break inside a paragraph. */
    LINE_BREAK,
    /** A paragraph of its own (p, pre, dt, dd, figcaption, address). */
    PARAGRAPH,
    HEADING,
    ITEM,
    QUOTE,
    /** A list (ul, ol, dl, menu): a container whose link density matters more. */
    LIST,
    /** A table cell: scored like a paragraph, emitted as a container. */
    CELL,
    /** Generic block container (div, section, article, table, ...). */
    CONTAINER,
    /** A thematic break: ends the current paragraph, has no text. */
    RULE;

    private static final Map<String, TagRole> BY_TAG = new HashMap<>(128);

    static {
        for (String tag : new String[] {
            "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "frame", "frameset",
            "object", "embed", "applet", "video", "audio", "source", "track", "picture", "img", "map", "area",
            "input", "button", "select", "option", "optgroup", "textarea", "datalist", "output", "progress",
            "meter", "label", "link", "meta", "base", "head", "title", "nav", "aside", "dialog", "menuitem",
            "param", "portal"
        }) {
            BY_TAG.put(tag, NOISE);
        }
        for (String tag : new String[] {
            "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font",
            "i", "ins", "kbd", "mark", "nobr", "q", "rb", "rp", "rt", "rtc", "ruby", "s", "samp", "small", "span",
            "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr"
        }) {
            BY_TAG.put(tag, INLINE);
        }
        BY_TAG.put("br", LINE_BREAK);
        for (String tag : new String[] {"p", "pre", "dt", "dd", "figcaption", "address", "summary", "caption"}) {
            BY_TAG.put(tag, PARAGRAPH);
        }
        for (String tag : new String[] {"h1", "h2", "h3", "h4", "h5", "h6"}) {
            BY_TAG.put(tag, HEADING);
        }
        BY_TAG.put("li", ITEM);
        BY_TAG.put("blockquote", QUOTE);
        for (String tag : new String[] {"ul", "ol", "dl", "menu"}) {
            BY_TAG.put(tag, LIST);
        }
        BY_TAG.put("td", CELL);
        BY_TAG.put("th", CELL);
        BY_TAG.put("hr", RULE);
    }

    static TagRole of(String normalName) {
        return BY_TAG.getOrDefault(normalName, CONTAINER);
    }

    boolean isInline() {
        return this == INLINE || this == LINE_BREAK;
    }
}
