package io.github.splunkdeltabridge.emulator.reference;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads Splunk's Atom responses with a namespace-aware DOM parser, the way splunklib's {@code data.load} and the
 * Java SDK's {@code AtomFeed}/{@code AtomEntry} do: the feed's paging and entries, each entry's title, id, updated,
 * published, links (rel to href), author and content ({@code s:dict} to a Map, {@code s:list} to a List, text to
 * a String, an empty key to null). Anything missing that SDKs need fails the read with the element named.
 */
final class AtomReader {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String REST = "http://dev.splunk.com/ns/rest";
    static final String OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/";

    record Entry(
            String title,
            String id,
            String updated,
            String published,
            Map<String, String> links,
            String author,
            Map<String, Object> content) {}

    record Feed(
            String title,
            String id,
            String updated,
            String generatorVersion,
            String author,
            long totalResults,
            long itemsPerPage,
            long startIndex,
            List<Entry> entries) {}

    private AtomReader() {}

    static Feed feed(String xml) {
        Element root = parse(xml);
        require(root, ATOM, "feed");
        List<Entry> entries = new ArrayList<>();
        for (Element e : children(root, ATOM, "entry")) {
            entries.add(entry(e));
        }
        Element generator = child(root, ATOM, "generator");
        return new Feed(
                text(child(root, ATOM, "title")),
                text(child(root, ATOM, "id")),
                text(child(root, ATOM, "updated")),
                generator.getAttribute("version"),
                text(child(child(root, ATOM, "author"), ATOM, "name")),
                Long.parseLong(text(child(root, OPENSEARCH, "totalResults"))),
                Long.parseLong(text(child(root, OPENSEARCH, "itemsPerPage"))),
                Long.parseLong(text(child(root, OPENSEARCH, "startIndex"))),
                entries);
    }

    /** A lone {@code <entry>} document, as the job endpoint answers (splunklib: {@code _load_atom(response).entry}). */
    static Entry entry(String xml) {
        Element root = parse(xml);
        require(root, ATOM, "entry");
        return entry(root);
    }

    private static Entry entry(Element e) {
        Map<String, String> links = new LinkedHashMap<>();
        for (Element link : children(e, ATOM, "link")) {
            links.put(link.getAttribute("rel"), link.getAttribute("href"));
        }
        List<Element> published = children(e, ATOM, "published");
        Element content = child(e, ATOM, "content");
        Element dict = child(content, REST, "dict");
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) value(dict);
        return new Entry(
                text(child(e, ATOM, "title")),
                text(child(e, ATOM, "id")),
                text(child(e, ATOM, "updated")),
                published.isEmpty() ? null : text(published.get(0)),
                links,
                text(child(child(e, ATOM, "author"), ATOM, "name")),
                values);
    }

    private static Object value(Element element) {
        if (element.getLocalName().equals("dict")) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Element key : children(element, REST, "key")) {
                map.put(key.getAttribute("name"), keyValue(key));
            }
            return map;
        }
        List<Object> list = new ArrayList<>();
        for (Element item : children(element, REST, "item")) {
            list.add(keyValue(item));
        }
        return list;
    }

    private static Object keyValue(Element key) {
        for (Node n = key.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element structure) {
                return value(structure);
            }
        }
        String text = key.getTextContent();
        return text.isEmpty() ? null : text;
    }

    static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document =
                    factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("Not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    private static void require(Element e, String ns, String name) {
        if (!ns.equals(e.getNamespaceURI()) || !name.equals(e.getLocalName())) {
            throw new IllegalStateException(
                    "Expected {" + ns + "}" + name + " but got {" + e.getNamespaceURI() + "}" + e.getLocalName());
        }
    }

    static Element child(Element parent, String ns, String name) {
        List<Element> found = children(parent, ns, name);
        if (found.isEmpty()) {
            throw new IllegalStateException("<" + parent.getLocalName() + "> has no {" + ns + "}" + name);
        }
        return found.get(0);
    }

    static List<Element> children(Element parent, String ns, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            String uri = ns.isEmpty() ? null : ns;
            if (n instanceof Element c && Objects.equals(uri, c.getNamespaceURI()) && name.equals(c.getLocalName())) {
                found.add(c);
            }
        }
        return found;
    }

    private static String text(Element e) {
        return e.getTextContent();
    }
}
