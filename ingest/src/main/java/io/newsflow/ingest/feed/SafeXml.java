package io.newsflow.ingest.feed;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaderJDOMFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Builds JDOM documents with the JDK's own SAX parser locked down: DOCTYPE declarations are fatal, external
 * entities and DTDs are never loaded, the entity resolver refuses everything, and element depth is bounded.
 * The {@link DoctypeFirewall} runs before this; this is the second line.
 */
final class SafeXml {

    static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final int MAX_ELEMENT_DEPTH = 256;

    private final SAXParserFactory factory;

    SafeXml() {
        // newDefaultInstance: the JDK's parser, whatever else is on the class path.
        factory = SAXParserFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK XML parser rejected a safety feature", e);
        }
    }

    /** Parses {@code text}; the caller maps the exception to a rejection. */
    Document build(String text) throws JDOMException, IOException {
        SAXBuilder builder = new SAXBuilder(new XMLReaderJDOMFactory() {
            @Override
            public XMLReader createXMLReader() throws JDOMException {
                return lockedDownReader();
            }

            @Override
            public boolean isValidating() {
                return false;
            }
        });
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entity refused: " + systemId);
        });
        builder.setFeature(DISALLOW_DOCTYPE, true);
        return builder.build(new InputSource(new StringReader(text)));
    }

    private XMLReader lockedDownReader() throws JDOMException {
        try {
            SAXParser parser;
            synchronized (factory) {
                parser = factory.newSAXParser();
            }
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.setProperty("jdk.xml.maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH));
            return parser.getXMLReader();
        } catch (ParserConfigurationException | SAXException e) {
            throw new JDOMException("cannot create a locked-down XML parser: " + e.getMessage(), e);
        }
    }
}
