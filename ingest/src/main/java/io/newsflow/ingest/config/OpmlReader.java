package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigProblem;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An OPML subscription list, as every feed reader exports it. Every {@code outline} with an {@code xmlUrl} is a
 * feed, named by its {@code title} (else {@code text}); its {@code category} paths ({@code /Tech/AI,/News}) and
 * the folders (outlines without {@code xmlUrl}) it sits in become its tags; {@code language} its language hint.
 *
 * <p>Read with StAX, DTDs and external entities off: a DOCTYPE is refused, as in feeds.
 */
public final class OpmlReader {
    static final int MAX_OUTLINES = 50_000;

    private OpmlReader() {}

    public static SourceFile read(String name, byte[] content, boolean allowFileUrls) {
        List<FeedSpec> feeds = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        XMLStreamReader xml = null;
        try {
            xml = factory().createXMLStreamReader(new ByteArrayInputStream(content));
            Deque<String> folders = new ArrayDeque<>();
            Deque<Boolean> isFolder = new ArrayDeque<>();
            boolean sawRoot = false;
            int outlines = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    return SourceFile.unreadable(name, at(name, xml), "a DOCTYPE is not allowed in OPML files");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = xml.getLocalName();
                    if (!sawRoot) {
                        sawRoot = true;
                        if (!element.equals("opml")) {
                            return SourceFile.unreadable(name, at(name, xml),
                                    "not an OPML file: the root element is <" + element + ">, not <opml>");
                        }
                    } else if (element.equals("outline")) {
                        if (++outlines > MAX_OUTLINES) {
                            problems.add(new ConfigProblem(at(name, xml), "",
                                    "more than " + MAX_OUTLINES + " outlines; the rest are ignored"));
                            break;
                        }
                        String xmlUrl = attribute(xml, "xmlUrl");
                        String title = Optional.ofNullable(attribute(xml, "title")).orElse(attribute(xml, "text"));
                        if (xmlUrl == null) {
                            isFolder.push(true);
                            folders.push(title == null ? "" : title);
                        } else {
                            isFolder.push(false);
                            outline(name, xml, xmlUrl, title, folders, allowFileUrls, feeds, problems);
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("outline")) {
                    if (!isFolder.isEmpty() && isFolder.pop()) {
                        folders.pop();
                    }
                }
            }
            if (!sawRoot) {
                return SourceFile.unreadable(name, name, "the file is empty");
            }
            return new SourceFile(name, feeds, problems, false);
        } catch (XMLStreamException e) {
            String location = e.getLocation() == null ? name : name + ":" + e.getLocation().getLineNumber();
            return SourceFile.unreadable(name, location, "not well-formed XML: " + firstLine(e.getMessage()));
        } finally {
            close(xml);
        }
    }

    private static void outline(String name, XMLStreamReader xml, String xmlUrl, String title, Deque<String> folders,
            boolean allowFileUrls, List<FeedSpec> feeds, List<ConfigProblem> problems) {
        String location = at(name, xml);
        Optional<String> problem = FeedUrls.problemWith(xmlUrl, allowFileUrls);
        if (problem.isPresent()) {
            problems.add(new ConfigProblem(location, "xmlUrl", problem.get()));
            return;
        }
        Set<String> tags = new LinkedHashSet<>();
        folders.descendingIterator().forEachRemaining(folder -> {
            if (!folder.isBlank()) {
                tags.add(folder.strip());
            }
        });
        String category = attribute(xml, "category");
        if (category != null) {
            Arrays.stream(category.split(","))
                    .flatMap(path -> Arrays.stream(path.split("/")))
                    .map(String::strip)
                    .filter(tag -> !tag.isEmpty())
                    .forEach(tags::add);
        }
        feeds.add(new FeedSpec(xmlUrl.strip(), title == null || title.isBlank() ? null : title.strip(), null,
                language(attribute(xml, "language")), List.copyOf(tags), null, false, location));
    }

    /** {@code en}, {@code en-US} and {@code en_us} all give {@code en}; anything else is ignored. */
    private static String language(String value) {
        if (value == null) {
            return null;
        }
        String primary = value.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return primary.matches("[a-z]{2}") ? primary : null;
    }

    private static String attribute(XMLStreamReader xml, String localName) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equals(localName)) {
                String value = xml.getAttributeValue(i);
                return value == null || value.isBlank() ? null : value;
            }
        }
        return null;
    }

    private static String at(String name, XMLStreamReader xml) {
        return name + ":" + xml.getLocation().getLineNumber();
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String last = message.lines().reduce((a, b) -> b).orElse(message);
        return last.replaceFirst("^Message:\\s*", "");
    }

    private static void close(XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException ignored) {
                // Nothing was written; closing a reader has nothing to lose.
            }
        }
    }
}
