package io.newsflow.ingest.feed;

import io.newsflow.ingest.url.Urls;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdom2.Attribute;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Makes the links of a feed document absolute before ROME reads it: each element's base is its inherited
 * xml:base (only http and https bases count; others are ignored as unsafe) over the document URL, and the
 * link-bearing elements of RSS and Atom are resolved against it.
 */
final class XmlBase {

    private static final Set<String> RSS_NAMESPACES = Set.of("", "http://purl.org/rss/1.0/",
            "http://my.netscape.com/rdf/simple/0.9/", "http://backend.userland.com/rss2");
    private static final Set<String> ATOM_NAMESPACES = Set.of("http://www.w3.org/2005/Atom",
            "http://purl.org/atom/ns#");
    private static final String CONTENT_MODULE = "http://purl.org/rss/1.0/modules/content/";
    private static final Set<String> ATOM_TEXT_CONSTRUCTS = Set.of("title", "subtitle", "summary", "content",
            "rights", "tagline");
    private static final Set<String> RSS_LINK_ELEMENTS = Set.of("link", "comments", "docs", "url");
    private static final Set<String> ATOM_TEXT_LINKS = Set.of("icon", "logo", "uri", "url");

    private XmlBase() {
    }

    static void absolutize(Element root, URI documentUrl) {
        walk(root, documentUrl);
    }

    private static void walk(Element element, URI inherited) {
        URI base = inherited;
        Attribute xmlBase = element.getAttribute("base", Namespace.XML_NAMESPACE);
        if (xmlBase != null) {
            Optional<URI> declared = Urls.resolve(inherited, xmlBase.getValue());
            if (declared.isPresent() && isHttp(declared.get())) {
                base = declared.get();
                xmlBase.setValue(base.toString());
            } else {
                element.removeAttribute(xmlBase); // an unsafe or unusable base: keep the parent's
            }
        }
        if (base != null) {
            String namespace = element.getNamespaceURI();
            String name = element.getName();
            if (RSS_NAMESPACES.contains(namespace)) {
                if (RSS_LINK_ELEMENTS.contains(name) && element.getChildren().isEmpty()) {
                    resolveText(element, base);
                }
                if (name.equals("enclosure") || name.equals("source")) {
                    resolveAttribute(element, "url", base);
                }
                if (name.equals("description")) {
                    resolveHtmlText(element, base);
                }
            } else if (CONTENT_MODULE.equals(namespace) && name.equals("encoded")) {
                resolveHtmlText(element, base);
            } else if (ATOM_NAMESPACES.contains(namespace)) {
                if (ATOM_TEXT_CONSTRUCTS.contains(name)) {
                    if ("xhtml".equals(element.getAttributeValue("type"))) {
                        resolveXhtml(element, base);
                    } else {
                        resolveHtmlText(element, base);
                    }
                }
                if (name.equals("link")) {
                    resolveAttribute(element, "href", base);
                } else if (name.equals("content")) {
                    resolveAttribute(element, "src", base);
                } else if (ATOM_TEXT_LINKS.contains(name)) {
                    resolveText(element, base);
                }
            }
        }
        for (Element child : element.getChildren()) {
            walk(child, base);
        }
    }

    private static void resolveHtmlText(Element element, URI base) {
        if (element.getChildren().isEmpty()) {
            String text = element.getText();
            String absolute = HtmlLinks.absolutize(text, base);
            if (!absolute.equals(text)) {
                element.setText(absolute);
            }
        }
    }

    private static void resolveXhtml(Element element, URI base) {
        for (Element child : element.getDescendants(org.jdom2.filter.Filters.element())) {
            for (String attribute : new String[] {"href", "src"}) {
                if (HtmlLinks.isRelative(child.getAttributeValue(attribute))) {
                    resolveAttribute(child, attribute, base);
                }
            }
        }
    }

    private static void resolveText(Element element, URI base) {
        String text = element.getTextTrim();
        if (!text.isEmpty()) {
            Urls.resolve(base, text).filter(XmlBase::isHttp).ifPresent(url -> element.setText(url.toString()));
        }
    }

    private static void resolveAttribute(Element element, String attribute, URI base) {
        String value = element.getAttributeValue(attribute);
        if (value != null && !value.isBlank()) {
            Urls.resolve(base, value).filter(XmlBase::isHttp)
                    .ifPresent(url -> element.setAttribute(attribute, url.toString()));
        }
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }
}
