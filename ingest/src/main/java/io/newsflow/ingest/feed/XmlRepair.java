package io.newsflow.ingest.feed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * The repairs real feeds need and feed readers make, applied only after a strict parse failed: bare ampersands
 * escaped, HTML named entities ({@code &nbsp;}) turned into character references, characters XML forbids removed,
 * and undeclared namespace prefixes declared. Comments and CDATA sections are left as they are.
 */
final class XmlRepair {

    private static final Set<String> XML_ENTITIES = Set.of("amp", "lt", "gt", "quot", "apos");
    private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|([A-Za-z][A-Za-z0-9]{0,31});)?");
    private static final Pattern PREFIXED_NAME = Pattern.compile("</?([A-Za-z_][\\w.-]*):[A-Za-z_]|\\s([A-Za-z_][\\w.-]*):[A-Za-z_][\\w.-]*\\s*=");
    private static final Pattern DECLARED_PREFIX = Pattern.compile("xmlns:([A-Za-z_][\\w.-]*)\\s*=");
    private static final Pattern NAMESPACE_WITH_SPACES = Pattern.compile(
            "(\\sxmlns(?::[A-Za-z_][\\w.-]*)?\\s*=\\s*)([\"'])\\s+([^\"'<>]*?)\\s*\\2");
    private static final Pattern UNFINISHED_END_TAG = Pattern.compile("</[A-Za-z_][\\w.:-]*$");
    private static final Map<String, String> WELL_KNOWN = Map.of(
            "dc", "http://purl.org/dc/elements/1.1/",
            "content", "http://purl.org/rss/1.0/modules/content/",
            "atom", "http://www.w3.org/2005/Atom",
            "media", "http://search.yahoo.com/mrss/",
            "sy", "http://purl.org/rss/1.0/modules/syndication/",
            "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd",
            "slash", "http://purl.org/rss/1.0/modules/slash/",
            "wfw", "http://wellformedweb.org/CommentAPI/");

    private XmlRepair() {
    }

    static String repair(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int i = 0;
        while (i < text.length()) {
            String skipTo = text.startsWith("<!--", i) ? "-->" : text.startsWith("<![CDATA[", i) ? "]]>" : null;
            if (skipTo != null) {
                int close = text.indexOf(skipTo, i);
                int end = close < 0 ? text.length() : close + skipTo.length();
                out.append(text, i, end);
                i = end;
                continue;
            }
            char c = text.charAt(i);
            if (c == '&') {
                i = repairReference(text, i, out);
                continue;
            }
            if (isXmlChar(c) || Character.isSurrogate(c)) {
                out.append(c);
            }
            i++;
        }
        return declareMissingPrefixes(closeFinalEndTag(trimNamespaceUris(out.toString())));
    }

    /** {@code xmlns:x=" http://..."}: namespace URIs may not carry surrounding whitespace. */
    private static String trimNamespaceUris(String text) {
        return NAMESPACE_WITH_SPACES.matcher(text).replaceAll("$1$2$3$2");
    }

    /** A document cut just before its last '>' ({@code </rss}) gets it back. */
    private static String closeFinalEndTag(String text) {
        String trimmed = text.stripTrailing();
        return UNFINISHED_END_TAG.matcher(trimmed).find() ? trimmed + ">" : text;
    }

    private static int repairReference(String text, int at, StringBuilder out) {
        Matcher reference = REFERENCE.matcher(text);
        reference.region(at, text.length());
        if (!reference.lookingAt() || reference.group(1) == null) {
            out.append("&amp;");
            return at + 1;
        }
        String name = reference.group(2);
        if (name == null || XML_ENTITIES.contains(name)) {
            out.append(reference.group());
        } else if (Entities.isNamedEntity(name)) {
            Entities.getByName(name).codePoints().forEach(cp -> out.append("&#").append(cp).append(';'));
        } else {
            out.append("&amp;").append(name).append(';');
        }
        return reference.end();
    }

    private static boolean isXmlChar(char c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }

    private static String declareMissingPrefixes(String text) {
        Set<String> used = new TreeSet<>();
        Matcher prefixed = PREFIXED_NAME.matcher(text);
        while (prefixed.find()) {
            used.add(prefixed.group(1) != null ? prefixed.group(1) : prefixed.group(2));
        }
        Matcher declared = DECLARED_PREFIX.matcher(text);
        while (declared.find()) {
            used.remove(declared.group(1));
        }
        used.remove("xml");
        used.remove("xmlns");
        if (used.isEmpty()) {
            return text;
        }
        int root = rootStart(text);
        if (root < 0) {
            return text;
        }
        Matcher rootName = Pattern.compile("<[^\\s/>]+").matcher(text);
        if (!rootName.find(root)) {
            return text;
        }
        Map<String, String> declarations = new LinkedHashMap<>();
        for (String prefix : used) {
            declarations.put(prefix, WELL_KNOWN.getOrDefault(prefix, "urn:newsflow:undeclared:" + prefix));
        }
        StringBuilder attributes = new StringBuilder();
        declarations.forEach((prefix, uri) -> attributes.append(" xmlns:").append(prefix).append("=\"").append(uri)
                .append('"'));
        return text.substring(0, rootName.end()) + attributes + text.substring(rootName.end());
    }

    /** Index of the root element's '<', skipping declaration, comments, PIs and whitespace. */
    private static int rootStart(String text) {
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("<?", i)) {
                int close = text.indexOf("?>", i);
                i = close < 0 ? text.length() : close + 2;
            } else if (text.startsWith("<!--", i)) {
                int close = text.indexOf("-->", i);
                i = close < 0 ? text.length() : close + 3;
            } else if (text.charAt(i) == '<') {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }
}
