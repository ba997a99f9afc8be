package io.newswatch.ingest;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An OPML subscription list, as every feed reader exports it: the {@code xmlUrl} of each
 * {@code outline}, at any depth (folders nest outlines), each once, in document order. Only
 * http(s) URLs are taken; the document may not declare a DTD (no external entities).
 */
public final class Opml {

    private Opml() {
    }

    /**
     * The feed URLs of the file.
     *
     * @throws IngestException (a usage error) when the file cannot be read or is not OPML
     */
    public static List<String> feeds(Path file) {
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            doc = f.newDocumentBuilder().parse(in);
        } catch (NoSuchFileException e) {
            throw new IngestException("cannot read OPML file " + file + ": there is no such file", true);
        } catch (IOException e) {
            throw new IngestException("cannot read OPML file " + file + ": " + e.getMessage(), true);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IngestException(file + ": not an OPML file: " + firstLine(e.getMessage()), true);
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equalsIgnoreCase("opml")) {
            throw new IngestException(file + ": not an OPML file: the root element is <" + root.getTagName() + ">, not <opml>", true);
        }
        Set<String> urls = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        NodeList outlines = doc.getElementsByTagName("outline");
        for (int i = 0; i < outlines.getLength(); i++) {
            String url = ((Element) outlines.item(i)).getAttribute("xmlUrl").strip();
            if (url.isEmpty()) {
                continue; // a folder
            }
            String scheme = scheme(url);
            if (scheme.equals("http") || scheme.equals("https")) {
                urls.add(url);
            } else {
                skipped.add(url);
            }
        }
        if (urls.isEmpty()) {
            throw new IngestException(file + ": no http(s) feed URL (xmlUrl) in its outlines"
                    + (skipped.isEmpty() ? "" : "; skipped " + skipped.size() + " of other schemes"), true);
        }
        return List.copyOf(urls);
    }

    private static String scheme(String url) {
        try {
            String s = URI.create(url).getScheme();
            return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
