package io.github.splunkdeltabridge.emulator.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Splunk's Atom responses (REST API User Manual, "Atom Feed responses"; captures in the SDKs' test data such as
 * splunk-sdk-python {@code tests/unit/data/services.server.info.xml}) and their {@code output_mode=json} twin.
 * A feed has a title, id, updated, generator, author, paging ({@code opensearch:totalResults} …), messages and
 * entries; an entry has a title, id, updated, published, links, author and content, an {@code s:dict} of keys.
 * Booleans are {@code 1}/{@code 0} in XML and true/false in JSON; lists and dicts nest.
 */
final class Atom {

    static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    static final String REST_NS = "http://dev.splunk.com/ns/rest";
    static final String OPENSEARCH_NS = "http://a9.com/-/spec/opensearch/1.1/";

    private static final JsonFactory JSON = new JsonFactory();

    private Atom() {}

    /**
     * @param title      entry title (the entity's name; for a job, its search)
     * @param path       the entry's path, e.g. {@code /services/server/info/server-info}
     * @param published  null when the entity has none
     * @param links      rel to href, in order
     * @param acl        the entry's {@code eai:acl}
     */
    record Entry(
            String name,
            String title,
            String path,
            String updated,
            String published,
            String author,
            Map<String, String> links,
            Map<String, Object> content,
            Map<String, Object> acl) {}

    /** @param links rel to href of the feed itself, e.g. {@code create} */
    record Feed(
            String title,
            String path,
            String updated,
            Map<String, String> links,
            List<Entry> entries,
            long total,
            int perPage,
            int offset) {}

    /** What every response names: where the server is and what it runs. */
    record Origin(String baseUri, String build, String version) {}

    static String feedXml(Feed feed, Origin origin) {
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<feed xmlns=\"")
                .append(ATOM_NS)
                .append("\" xmlns:s=\"")
                .append(REST_NS)
                .append("\" xmlns:opensearch=\"")
                .append(OPENSEARCH_NS)
                .append("\">\n");
        x.append("  <title>").append(escape(feed.title())).append("</title>\n");
        x.append("  <id>").append(escape(origin.baseUri() + feed.path())).append("</id>\n");
        x.append("  <updated>").append(feed.updated()).append("</updated>\n");
        x.append("  <generator build=\"")
                .append(escape(origin.build()))
                .append("\" version=\"")
                .append(escape(origin.version()))
                .append("\"/>\n");
        x.append("  <author>\n    <name>Splunk</name>\n  </author>\n");
        feed.links().forEach((rel, href) -> link(x, "  ", rel, href));
        x.append("  <opensearch:totalResults>").append(feed.total()).append("</opensearch:totalResults>\n");
        x.append("  <opensearch:itemsPerPage>").append(feed.perPage()).append("</opensearch:itemsPerPage>\n");
        x.append("  <opensearch:startIndex>").append(feed.offset()).append("</opensearch:startIndex>\n");
        x.append("  <s:messages/>\n");
        for (Entry entry : feed.entries()) {
            entryXml(x, entry, origin, "  ", false);
        }
        x.append("</feed>\n");
        return x.toString();
    }

    /** A lone {@code <entry>} document, as {@code GET search/jobs/<sid>} answers. */
    static String entryXml(Entry entry, Origin origin) {
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        entryXml(x, entry, origin, "", true);
        return x.toString();
    }

    private static void entryXml(StringBuilder x, Entry entry, Origin origin, String indent, boolean root) {
        x.append(indent).append("<entry");
        if (root) {
            x.append(" xmlns=\"")
                    .append(ATOM_NS)
                    .append("\" xmlns:s=\"")
                    .append(REST_NS)
                    .append("\" xmlns:opensearch=\"")
                    .append(OPENSEARCH_NS)
                    .append("\"");
        }
        x.append(">\n");
        String in = indent + "  ";
        x.append(in).append("<title>").append(escape(entry.title())).append("</title>\n");
        x.append(in)
                .append("<id>")
                .append(escape(origin.baseUri() + entry.path()))
                .append("</id>\n");
        x.append(in).append("<updated>").append(entry.updated()).append("</updated>\n");
        boolean first = true;
        for (Map.Entry<String, String> link : entry.links().entrySet()) {
            link(x, in, link.getKey(), link.getValue());
            if (first && entry.published() != null) {
                x.append(in).append("<published>").append(entry.published()).append("</published>\n");
            }
            first = false;
        }
        x.append(in)
                .append("<author>\n")
                .append(in)
                .append("  <name>")
                .append(escape(entry.author()))
                .append("</name>\n")
                .append(in)
                .append("</author>\n");
        x.append(in).append("<content type=\"text/xml\">\n");
        x.append(in).append("  <s:dict>\n");
        for (Map.Entry<String, Object> key : entry.content().entrySet()) {
            keyXml(x, in + "    ", key.getKey(), key.getValue());
        }
        if (!entry.acl().isEmpty()) {
            keyXml(x, in + "    ", "eai:acl", entry.acl());
        }
        x.append(in).append("  </s:dict>\n");
        x.append(in).append("</content>\n");
        x.append(indent).append("</entry>\n");
    }

    private static void link(StringBuilder x, String indent, String rel, String href) {
        x.append(indent)
                .append("<link href=\"")
                .append(escape(href))
                .append("\" rel=\"")
                .append(escape(rel))
                .append("\"/>\n");
    }

    private static void keyXml(StringBuilder x, String indent, String name, Object value) {
        x.append(indent).append("<s:key name=\"").append(escape(name)).append("\"");
        if (value == null) {
            x.append("/>\n");
            return;
        }
        x.append(">");
        valueXml(x, indent, value);
        x.append("</s:key>\n");
    }

    private static void valueXml(StringBuilder x, String indent, Object value) {
        if (value instanceof Map<?, ?> map) {
            x.append("\n").append(indent).append("  <s:dict>\n");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                keyXml(x, indent + "    ", String.valueOf(e.getKey()), e.getValue());
            }
            x.append(indent).append("  </s:dict>\n").append(indent);
        } else if (value instanceof List<?> list) {
            x.append("\n").append(indent).append("  <s:list>\n");
            for (Object item : list) {
                x.append(indent).append("    <s:item>");
                valueXml(x, indent + "    ", item);
                x.append("</s:item>\n");
            }
            x.append(indent).append("  </s:list>\n").append(indent);
        } else if (value instanceof Boolean b) {
            x.append(b ? "1" : "0");
        } else {
            x.append(escape(String.valueOf(value)));
        }
    }

    static String feedJson(Feed feed, Origin origin) {
        return json(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("links");
            for (Map.Entry<String, String> link : feed.links().entrySet()) {
                g.writeStringField(link.getKey(), link.getValue());
            }
            g.writeEndObject();
            g.writeStringField("origin", origin.baseUri() + feed.path());
            g.writeStringField("updated", feed.updated());
            g.writeObjectFieldStart("generator");
            g.writeStringField("build", origin.build());
            g.writeStringField("version", origin.version());
            g.writeEndObject();
            g.writeArrayFieldStart("entry");
            for (Entry entry : feed.entries()) {
                entryJson(g, entry, origin);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("paging");
            g.writeNumberField("total", feed.total());
            g.writeNumberField("perPage", feed.perPage());
            g.writeNumberField("offset", feed.offset());
            g.writeEndObject();
            g.writeArrayFieldStart("messages");
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void entryJson(JsonGenerator g, Entry entry, Origin origin) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", entry.name());
        g.writeStringField("id", origin.baseUri() + entry.path());
        g.writeStringField("updated", entry.updated());
        g.writeObjectFieldStart("links");
        for (Map.Entry<String, String> link : entry.links().entrySet()) {
            g.writeStringField(link.getKey(), link.getValue());
        }
        g.writeEndObject();
        if (entry.published() != null) {
            g.writeStringField("published", entry.published());
        }
        g.writeStringField("author", entry.author());
        g.writeFieldName("acl");
        valueJson(g, entry.acl());
        g.writeObjectFieldStart("fields");
        for (String kind : List.of("required", "optional", "wildcard")) {
            g.writeArrayFieldStart(kind);
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeFieldName("content");
        valueJson(g, entry.content());
        g.writeEndObject();
    }

    static void valueJson(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                valueJson(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                valueJson(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else {
            g.writeString(String.valueOf(value));
        }
    }

    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    static String json(JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // Characters XML 1.0 cannot carry are dropped, as a real XML writer must.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
