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
