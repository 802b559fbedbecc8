package io.newsflow.ingest.feed;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.module.SyModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedInput;
import io.newsflow.ingest.feed.FeedRejected.Reason;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdom2.DocType;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;

/** RSS 0.90 to 2.0, RDF and Atom 0.3/1.0 through ROME, on a document {@link SafeXml} built. */
final class XmlFeedParser {

    private static final java.util.regex.Pattern XHTML_DIV = java.util.regex.Pattern.compile(
            "(?s)<div\\s+xmlns=\"http://www.w3.org/1999/xhtml\"[^>]*>(.*)</div>");

    private final SafeXml xml = new SafeXml();

    ParsedFeed parse(CharsetResolver.Decoded decoded, URI base, FeedLimits limits, String feed)
            throws FeedRejected {
        List<String> warnings = new ArrayList<>(decoded.warnings());
        DoctypeFirewall.Result cleaned = DoctypeFirewall.apply(withoutXmlDeclaration(decoded.text()), limits, feed);
        Document document = build(cleaned.text(), feed, warnings);
        FeedShapes.normalize(document);
        if (cleaned.doctypeName() != null && !cleaned.doctypeName().isEmpty()) {
            // Inert metadata only: ROME tells RSS 0.91 Netscape from Userland by the DOCTYPE's ids.
            document.setDocType(new DocType(cleaned.doctypeName(), cleaned.publicId(), cleaned.systemId()));
        }
        if (base != null) {
            XmlBase.absolutize(document.getRootElement(), base);
        }
        WireFeed wire;
        try {
            wire = new WireFeedInput(false, Locale.US).build(document);
        } catch (IllegalArgumentException notAFeed) {
            throw new FeedRejected(Reason.NOT_A_FEED, feed + ": root element <" + document.getRootElement()
                    .getQualifiedName() + "> is not RSS, RDF or Atom");
        } catch (FeedException | RuntimeException e) {
            throw new FeedRejected(Reason.MALFORMED, feed + ": not a readable feed: " + e.getMessage(), e);
        }
        SyndFeed synd = new SyndFeedImpl(wire);
        FieldLimiter limiter = new FieldLimiter(limits, base);
        for (SyndEntry entry : synd.getEntries()) {
            limiter.add(entry.getUri(), entry.getLink(), withoutXhtmlWrapper(entry.getTitle()), author(entry),
                    published(entry), instant(entry.getUpdatedDate()), entry.getDescription() == null ? null
                            : withoutXhtmlWrapper(entry.getDescription().getValue()), content(entry),
                    entry.getCategories().stream().map(SyndCategory::getName).filter(name -> name != null).toList());
        }
        warnings.addAll(limiter.warnings());
        return new ParsedFeed(limiter.cut(withoutXhtmlWrapper(synd.getTitle()), limits.maxTitleChars(), "feed title"),
                limiter.link(synd.getLink()), refreshHint(wire, document), limiter.items(), wire.getFeedType(),
                decoded.encoding(), warnings);
    }

    /**
     * The text is already decoded, so the XML declaration's encoding is spent; it is removed, which also forgives
     * feeds that put a comment or whitespace before it (the parser would refuse the declaration there).
     */
    static String withoutXmlDeclaration(String text) {
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\uFEFF') {
                i++;
            } else if (text.startsWith("<!--", i)) {
                int close = text.indexOf("-->", i + 4);
                if (close < 0) {
                    break;
                }
                i = close + 3;
            } else {
                break;
            }
        }
        if (text.startsWith("<?xml", i) && i + 5 < text.length() && Character.isWhitespace(text.charAt(i + 5))) {
            int close = text.indexOf("?>", i);
            if (close > 0) {
                text = text.substring(0, i) + text.substring(close + 2);
            }
        }
        return text.stripLeading();
    }

    /** Strict parse; on a well-formedness error one repaired retry, reported as a warning. */
    private Document build(String text, String feed, List<String> warnings) throws FeedRejected {
        Exception strict;
        try {
            return xml.build(text);
        } catch (JDOMException e) {
            refuseIfDoctype(e, feed);
            strict = e;
        } catch (IOException | RuntimeException e) { // JDOM refuses some names with unchecked exceptions
            strict = e;
        }
        String repaired = XmlRepair.repair(text);
        if (!repaired.equals(text)) {
            try {
                Document document = xml.build(repaired);
                warnings.add("repaired malformed XML: " + describe(strict));
                return document;
            } catch (JDOMException | IOException | RuntimeException stillBroken) {
                // report the original error below: it names what the feed got wrong
            }
        }
        throw new FeedRejected(Reason.MALFORMED, feed + ": not well-formed XML: " + describe(strict), strict);
    }

    private static void refuseIfDoctype(JDOMException error, String feed) throws FeedRejected {
        String message = String.valueOf(error.getMessage());
        if (message.contains("DOCTYPE") || message.contains("external entity refused")) {
            throw new FeedRejected(Reason.DOCTYPE_REFUSED, feed + ": DOCTYPE refused by the XML parser: "
                    + describe(error), error);
        }
    }

    private static String describe(Exception error) {
        String message = error.getCause() != null && error.getCause().getMessage() != null
                ? error.getCause().getMessage() : String.valueOf(error.getMessage());
        if (error instanceof JDOMParseException parse && parse.getLineNumber() > 0) {
            return "line " + parse.getLineNumber() + ", column " + parse.getColumnNumber() + ": " + message;
        }
        return message;
    }

    private static String author(SyndEntry entry) {
        List<String> names = new ArrayList<>();
        for (SyndPerson person : entry.getAuthors()) {
            if (person.getName() != null && !person.getName().isBlank()) {
                names.add(person.getName().strip());
            }
        }
        if (names.isEmpty() && entry.getAuthor() != null && !entry.getAuthor().isBlank()) {
            names.add(entry.getAuthor().strip());
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    private static Instant published(SyndEntry entry) {
        return instant(entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate());
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** The first full content as HTML; plain-text content is escaped so the field is always HTML. */
    private static String content(SyndEntry entry) {
        for (SyndContent content : entry.getContents()) {
            if (content.getValue() != null && !content.getValue().isBlank()) {
                String type = content.getType() == null ? "" : content.getType().toLowerCase(Locale.ROOT);
                return html(content);
            }
        }
        return null;
    }

    /**
     * Content as HTML: plain text escaped, Atom XHTML without the wrapping div that RFC 4287 says is not part of
     * the content.
     */
    private static String html(SyndContent content) {
        String value = content.getValue();
        String type = content.getType() == null ? "" : content.getType().toLowerCase(Locale.ROOT);
        if (value == null || type.equals("text") || type.equals("text/plain")) {
            return value == null ? null : type.isEmpty() ? value : Html.escape(value);
        }
        return type.equals("xhtml") ? withoutXhtmlWrapper(value) : value;
    }

    /** Atom XHTML text sits in a div that RFC 4287 says is not part of it. */
    private static String withoutXhtmlWrapper(String value) {
        if (value == null) {
            return null;
        }
        java.util.regex.Matcher wrapper = XHTML_DIV.matcher(value.strip());
        return wrapper.matches() ? wrapper.group(1) : value;
    }

    /**
     * RSS ttl (minutes) and sy:updatePeriod / sy:updateFrequency (read from the document: ROME maps the
     * syndication module for RSS 1.0 only); the longer when both are declared.
     */
    private static Optional<Duration> refreshHint(WireFeed wire, Document document) {
        Duration ttl = null;
        if (wire instanceof Channel channel && channel.getTtl() > 0) {
            ttl = Duration.ofMinutes(channel.getTtl());
        }
        Duration sy = syndicationPeriod(document.getRootElement());
        for (Element child : document.getRootElement().getChildren()) {
            if (sy == null && child.getName().equals("channel")) {
                sy = syndicationPeriod(child);
            }
        }
        if (ttl == null) {
            return Optional.ofNullable(sy);
        }
        return Optional.of(sy == null || ttl.compareTo(sy) >= 0 ? ttl : sy);
    }

    private static Duration syndicationPeriod(Element parent) {
        Namespace sy = Namespace.getNamespace(SyModule.URI);
        String periodText = parent.getChildTextTrim("updatePeriod", sy);
        if (periodText == null) {
            return null;
        }
        Duration period = switch (periodText.toLowerCase(Locale.ROOT)) {
            case "hourly" -> Duration.ofHours(1);
            case "daily" -> Duration.ofDays(1);
            case "weekly" -> Duration.ofDays(7);
            case "monthly" -> Duration.ofDays(30);
            case "yearly" -> Duration.ofDays(365);
            default -> null;
        };
        int frequency = 1;
        try {
            String frequencyText = parent.getChildTextTrim("updateFrequency", sy);
            frequency = frequencyText == null ? 1 : Math.max(1, Integer.parseInt(frequencyText));
        } catch (NumberFormatException ignored) {
            // a malformed frequency means the default, 1
        }
        return period == null ? null : period.dividedBy(frequency);
    }
}
