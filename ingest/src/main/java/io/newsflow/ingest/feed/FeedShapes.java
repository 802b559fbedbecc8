package io.newsflow.ingest.feed;

import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Small normalisations of legal-but-unusual feed shapes that ROME cannot take as they are: an RSS or RDF root
 * without a channel (an empty feed, not a broken one), and base64 content wrapped over several lines.
 */
final class FeedShapes {

    private static final List<String> RDF_CHANNEL_NAMESPACES = List.of("http://purl.org/rss/1.0/",
            "http://my.netscape.com/rdf/simple/0.9/");
    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    private FeedShapes() {
    }

    static void normalize(Document document) {
        Element root = document.getRootElement();
        if (root.getName().equals("rss") && root.getChild("channel", root.getNamespace()) == null) {
            root.addContent(new Element("channel", root.getNamespace()));
        }
        if (root.getName().equals("RDF") && root.getNamespaceURI().equals(RDF)) {
            Namespace rss = root.getNamespace("");
            if (rss != null && RDF_CHANNEL_NAMESPACES.contains(rss.getURI()) && root.getChild("channel", rss) == null) {
                root.addNamespaceDeclaration(rss);
                root.addContent(new Element("channel", rss));
            }
        }
        unwrapBase64(root);
        flattenMarkupInHtmlText(root);
    }

    private static final List<String> ATOM = List.of("http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#");
    private static final List<String> TEXT_CONSTRUCTS = List.of("title", "subtitle", "summary", "content");

    /**
     * Atom text declared as html (or text) but written as markup: ROME would keep only the text before the first
     * element, so the markup is serialised back into the text it was meant to be.
     */
    private static void flattenMarkupInHtmlText(Element element) {
        String type = element.getAttributeValue("type");
        if (ATOM.contains(element.getNamespaceURI()) && TEXT_CONSTRUCTS.contains(element.getName())
                && !element.getChildren().isEmpty() && type != null && !type.equals("xhtml")
                && !type.contains("xml") && element.getAttribute("src") == null) {
            List<Element> children = element.getChildren();
            Element only = children.size() == 1 ? children.get(0) : null;
            if (only != null && only.getName().equals("div") && only.getNamespaceURI().equals(XHTML)
                    && only.getChildren().isEmpty() && element.getTextTrim().isEmpty()) {
                element.setText(only.getText().strip()); // TypePad style: escaped HTML inside an XHTML div
                return;
            }
            for (Element descendant : element.getDescendants(org.jdom2.filter.Filters.element())) {
                if (ATOM.contains(descendant.getNamespaceURI())) {
                    descendant.setNamespace(Namespace.NO_NAMESPACE); // inherited default namespace, not HTML's
                }
            }
            String markup = new org.jdom2.output.XMLOutputter(org.jdom2.output.Format.getRawFormat())
                    .outputString(element.getContent());
            element.setText(markup);
            return;
        }
        for (Element child : element.getChildren()) {
            flattenMarkupInHtmlText(child);
        }
    }

    private static void unwrapBase64(Element element) {
        if ("base64".equals(element.getAttributeValue("mode")) && element.getChildren().isEmpty()) {
            element.setText(element.getText().replaceAll("\\s+", ""));
        }
        for (Element child : element.getChildren()) {
            unwrapBase64(child);
        }
    }
}
