package io.github.splunkdeltabridge.emulator.http;

import java.util.List;

/**
 * Splunk's {@code messages} bodies, which it sends with error statuses and with job control answers: XML by
 * default ({@code <response><messages><msg type="…">…</msg></messages></response>}), JSON with
 * {@code output_mode=json} ({@code {"messages":[{"type":…,"text":…}]}}).
 */
final class ErrorBodies {

    private ErrorBodies() {}

    static String body(boolean json, String type, String text, String code) {
        if (json) {
            return Atom.json(g -> {
                g.writeStartObject();
                g.writeArrayFieldStart("messages");
                g.writeStartObject();
                g.writeStringField("type", type);
                if (code != null) {
                    g.writeStringField("code", code);
                }
                g.writeStringField("text", text);
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            });
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n  <messages>\n    <msg type=\"" + type + "\""
                + (code == null ? "" : " code=\"" + code + "\"") + ">"
                + Atom.escape(text).replace("&apos;", "'")
                + "</msg>\n  </messages>\n</response>\n";
    }

    /** Messages in a results document ({@code <messages><msg type="WARN">…</msg></messages>}). */
    static String resultsMessagesXml(List<Message> messages) {
        StringBuilder x = new StringBuilder("<messages>\n");
        for (Message m : messages) {
            x.append("  <msg type=\"")
                    .append(m.type())
                    .append("\">")
                    .append(Atom.escape(m.text()))
                    .append("</msg>\n");
        }
        return x.append("</messages>\n").toString();
    }

    /** A message in a response body: type (INFO, WARN, ERROR, FATAL) and text. */
    record Message(String type, String text) {}
}
