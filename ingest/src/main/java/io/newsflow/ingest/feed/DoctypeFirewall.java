package io.newsflow.ingest.feed;

import io.newsflow.ingest.feed.FeedRejected.Reason;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks at the DOCTYPE before any XML parser does, so that no DTD is ever processed by one.
 *
 * <ul>
 *   <li>No DOCTYPE: nothing to do.</li>
 *   <li>A DOCTYPE that only names an external DTD (RSS 0.91's Netscape DTD, XHTML's): removed, never fetched;
 *       its public and system ids are kept as inert metadata (ROME tells RSS 0.91 Netscape from Userland by them).
 *   </li>
 *   <li>External entities ({@code SYSTEM}/{@code PUBLIC}) or parameter entities: refused, {@link
 *       Reason#EXTERNAL_ENTITY} or {@link Reason#ENTITY_EXPANSION}.</li>
 *   <li>Internal entities whose values refer to other entities or hold markup, are longer than
 *       {@code maxEntityValueChars}, or are too many: refused, {@link Reason#ENTITY_EXPANSION} (billion laughs,
 *       quadratic blowup).</li>
 *   <li>Otherwise (a few short plain-text entities, as feedparser accepts): the DOCTYPE is removed and the
 *       references are replaced here, within a total of {@code maxEntityExpansion} characters.</li>
 * </ul>
 * The XML parser runs afterwards with DOCTYPEs disallowed, so anything this scan missed is refused there too.
 */
final class DoctypeFirewall {

    /** The document without its DOCTYPE, and the DOCTYPE's ids (null when it had none). */
    record Result(String text, String doctypeName, String publicId, String systemId) {
    }

    private static final int MAX_ENTITIES = 32;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_:][-A-Za-z0-9._:]*");
    private static final Pattern EXTERNAL_ID = Pattern.compile(
            "\\s*(?:PUBLIC\\s*(\"[^\"]*\"|'[^']*')\\s*(\"[^\"]*\"|'[^']*')?|SYSTEM\\s*(\"[^\"]*\"|'[^']*'))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CHAR_REF = Pattern.compile("&#(?:[0-9]+|x[0-9a-fA-F]+);");

    private DoctypeFirewall() {
    }

    static Result apply(String text, FeedLimits limits, String feed) throws FeedRejected {
        int start = doctypeStart(text);
        if (start < 0) {
            return new Result(text, null, null, null);
        }
        int end = doctypeEnd(text, start, feed);
        String doctype = text.substring(start, end);
        Matcher name = NAME.matcher(doctype);
        boolean named = name.find(9);
        String doctypeName = named ? name.group() : "";
        int afterName = named ? name.end() : 9;
        String publicId = null;
        String systemId = null;
        Matcher external = EXTERNAL_ID.matcher(doctype);
        external.region(afterName, doctype.length());
        if (external.lookingAt()) {
            publicId = unquote(external.group(1));
            systemId = unquote(external.group(2) != null ? external.group(2) : external.group(3));
        }
        int open = doctype.indexOf('[');
        Map<String, String> entities = open < 0 ? Map.of()
                : internalEntities(doctype.substring(open + 1, doctype.lastIndexOf(']')), limits, feed);
        // Keep line numbers right for later error messages: replace the DOCTYPE by its line breaks.
        String blank = doctype.replaceAll("[^\\n]", "");
        String rest = text.substring(0, start) + blank + text.substring(end);
        if (!entities.isEmpty()) {
            rest = expand(rest, start + blank.length(), entities, limits, feed);
        }
        return new Result(rest, doctypeName, publicId, systemId);
    }

    /** Where the DOCTYPE starts in the prolog (after declaration, comments, PIs, whitespace), or -1. */
    private static int doctypeStart(String text) {
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
            } else if (text.startsWith("<?", i)) {
                int close = text.indexOf("?>", i + 2);
                if (close < 0) {
                    return -1;
                }
                i = close + 2;
            } else if (text.startsWith("<!--", i)) {
                int close = text.indexOf("-->", i + 4);
                if (close < 0) {
                    return -1;
                }
                i = close + 3;
            } else if (text.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
                return i;
            } else {
                return -1;
            }
        }
        return -1;
    }

    /** The index just past the DOCTYPE's closing '>', honouring quotes, comments and the internal subset. */
    private static int doctypeEnd(String text, int start, String feed) throws FeedRejected {
        int depth = 0;
        char quote = 0;
        for (int i = start + 9; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (depth > 0 && text.startsWith("<!--", i)) {
                int close = text.indexOf("-->", i + 4);
                if (close < 0) {
                    break;
                }
                i = close + 2;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '>' && depth <= 0) {
                return i + 1;
            }
        }
        throw new FeedRejected(Reason.MALFORMED, feed + ": unterminated DOCTYPE declaration");
    }

    private static Map<String, String> internalEntities(String subset, FeedLimits limits, String feed)
            throws FeedRejected {
        String withoutComments = subset.replaceAll("(?s)<!--.*?-->", " ");
        Map<String, String> entities = new LinkedHashMap<>();
        int i = 0;
        while ((i = withoutComments.indexOf("<!ENTITY", i)) >= 0) {
            int close = declarationEnd(withoutComments, i);
            String declaration = withoutComments.substring(i + 8, close).strip();
            i = close;
            boolean parameter = declaration.startsWith("%");
            if (parameter) {
                declaration = declaration.substring(1).strip();
            }
            Matcher name = NAME.matcher(declaration);
            if (!name.lookingAt()) {
                throw new FeedRejected(Reason.MALFORMED, feed + ": unreadable ENTITY declaration in the DOCTYPE");
            }
            String entity = name.group();
            String definition = declaration.substring(name.end()).strip();
            String upper = definition.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SYSTEM") || upper.startsWith("PUBLIC")) {
                throw new FeedRejected(Reason.EXTERNAL_ENTITY, feed + ": DOCTYPE declares external "
                        + (parameter ? "parameter " : "") + "entity '" + entity + "' ("
                        + abbreviate(definition) + "); external entities are never loaded");
            }
            if (parameter) {
                throw new FeedRejected(Reason.ENTITY_EXPANSION, feed + ": DOCTYPE declares parameter entity '"
                        + entity + "'; DTD processing is refused");
            }
            if (definition.length() < 2 || (definition.charAt(0) != '"' && definition.charAt(0) != '\'')
                    || definition.indexOf(definition.charAt(0), 1) < 0) {
                throw new FeedRejected(Reason.MALFORMED, feed + ": unreadable value of entity '" + entity + "'");
            }
            String value = definition.substring(1, definition.indexOf(definition.charAt(0), 1));
            String withoutCharRefs = CHAR_REF.matcher(value).replaceAll("");
            if (withoutCharRefs.indexOf('&') >= 0 || withoutCharRefs.indexOf('%') >= 0) {
                throw new FeedRejected(Reason.ENTITY_EXPANSION, feed + ": entity '" + entity
                        + "' refers to other entities (nested expansion, as in billion laughs)");
            }
            if (value.indexOf('<') >= 0) {
                throw new FeedRejected(Reason.ENTITY_EXPANSION, feed + ": entity '" + entity + "' contains markup");
            }
            if (value.length() > limits.maxEntityValueChars()) {
                throw new FeedRejected(Reason.ENTITY_EXPANSION, feed + ": entity '" + entity + "' has a value of "
                        + value.length() + " characters, more than " + limits.maxEntityValueChars()
                        + " (quadratic blowup)");
            }
            entities.put(entity, decodeCharRefs(value));
            if (entities.size() > MAX_ENTITIES) {
                throw new FeedRejected(Reason.ENTITY_EXPANSION, feed + ": DOCTYPE declares more than " + MAX_ENTITIES
                        + " entities");
            }
        }
        if (withoutComments.replaceAll("(?s)<!ENTITY.*?>|\"[^\"]*\"|'[^']*'", "").contains("%")) {
            throw new FeedRejected(Reason.ENTITY_EXPANSION, feed + ": DOCTYPE uses parameter entity references");
        }
        return entities;
    }

    private static int declarationEnd(String subset, int from) {
        char quote = 0;
        for (int i = from; i < subset.length(); i++) {
            char c = subset.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        return subset.length();
    }

    /** Replaces references to the accepted entities outside comments, CDATA and processing instructions. */
    private static String expand(String text, int from, Map<String, String> entities, FeedLimits limits,
            String feed) throws FeedRejected {
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, from);
        long expanded = 0;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            String skipTo = c != '<' ? null
                    : text.startsWith("<!--", i) ? "-->"
                    : text.startsWith("<![CDATA[", i) ? "]]>"
                    : text.startsWith("<?", i) ? "?>" : null;
            if (skipTo != null) {
                int close = text.indexOf(skipTo, i);
                int end = close < 0 ? text.length() : close + skipTo.length();
                out.append(text, i, end);
                i = end;
                continue;
            }
            if (c == '&') {
                int semicolon = text.indexOf(';', i);
                if (semicolon > i && semicolon - i <= 64) {
                    String value = entities.get(text.substring(i + 1, semicolon));
                    if (value != null) {
                        expanded += value.length();
                        if (expanded > limits.maxEntityExpansion()) {
                            throw new FeedRejected(Reason.ENTITY_EXPANSION, feed + ": entity references expand to"
                                    + " more than " + limits.maxEntityExpansion() + " characters");
                        }
                        out.append(escape(value));
                        i = semicolon + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String decodeCharRefs(String value) {
        Matcher ref = CHAR_REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (ref.find()) {
            String body = ref.group().substring(2, ref.group().length() - 1);
            int codePoint;
            try {
                codePoint = body.startsWith("x") ? Integer.parseInt(body.substring(1), 16) : Integer.parseInt(body);
            } catch (NumberFormatException outOfRange) {
                codePoint = -1;
            }
            ref.appendReplacement(out, Matcher.quoteReplacement(Character.isValidCodePoint(codePoint)
                    ? new String(Character.toChars(codePoint)) : ""));
        }
        ref.appendTail(out);
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    private static String unquote(String quoted) {
        return quoted == null ? null : quoted.substring(1, quoted.length() - 1);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 100 ? oneLine.substring(0, 100) + "..." : oneLine;
    }
}
