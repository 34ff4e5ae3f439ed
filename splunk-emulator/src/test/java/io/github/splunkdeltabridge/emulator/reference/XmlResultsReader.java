package io.github.splunkdeltabridge.emulator.reference;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads Splunk's XML results as splunklib's {@code ResultsReader} does: strips every {@code <?…?>} declaration,
 * wraps the stream of {@code <results>} documents in one root, and reads each {@code <results preview='0|1'>}
 * with its {@code <meta><fieldOrder>}, {@code <messages>} and {@code <result>}s; a field's values are its
 * {@code <text>} or {@code <v>} elements (one value: a String; several: a List). Like the Java SDK's reader it
 * requires the {@code preview} attribute and reads the field order from {@code <meta>}.
 */
final class XmlResultsReader {

    record ResultSet(
            boolean preview, List<String> fieldOrder, List<Map<String, Object>> rows, List<String[]> messages) {}

    private XmlResultsReader() {}

    static List<ResultSet> read(String body) {
        String stripped = body.replaceAll("<\\?[^>]*\\?>", "");
        String wrapped = "<doc>" + stripped + "</doc>";
        List<ResultSet> sets = new ArrayList<>();
        try {
            XMLInputFactory factory = XMLInputFactory.newInstance();
            factory.setProperty(XMLInputFactory.IS_COALESCING, true);
            XMLStreamReader r = factory.createXMLStreamReader(
                    new ByteArrayInputStream(wrapped.getBytes(StandardCharsets.UTF_8)), "UTF-8");
            Boolean preview = null;
            List<String> fieldOrder = null;
            List<Map<String, Object>> rows = null;
            List<String[]> messages = null;
            Map<String, Object> row = null;
            String field = null;
            List<String> values = null;
            boolean inFieldOrder = false;
            String msgType = null;
            StringBuilder text = new StringBuilder();
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    text.setLength(0);
                    switch (name) {
                        case "results" -> {
                            String attr = r.getAttributeValue(null, "preview");
                            if (attr == null) {
                                throw new IllegalStateException("<results> without a preview attribute");
                            }
                            preview = attr.equals("1");
                            fieldOrder = new ArrayList<>();
                            rows = new ArrayList<>();
                            messages = new ArrayList<>();
                        }
                        case "fieldOrder" -> inFieldOrder = true;
                        case "result" -> row = new LinkedHashMap<>();
                        case "field" -> {
                            if (row != null) {
                                field = r.getAttributeValue(null, "k");
                                values = new ArrayList<>();
                            }
                        }
                        case "msg" -> msgType = r.getAttributeValue(null, "type");
                        default -> {}
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    text.append(r.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = r.getLocalName();
                    switch (name) {
                        case "field" -> {
                            if (inFieldOrder) {
                                fieldOrder.add(text.toString());
                            } else if (row != null && field != null) {
                                row.put(field, values.size() == 1 ? values.get(0) : List.copyOf(values));
                                field = null;
                            }
                        }
                        case "text", "v" -> {
                            if (values != null) {
                                values.add(text.toString());
                            }
                        }
                        case "fieldOrder" -> inFieldOrder = false;
                        case "result" -> {
                            rows.add(row);
                            row = null;
                        }
                        case "msg" -> messages.add(new String[] {msgType, text.toString()});
                        case "results" -> sets.add(new ResultSet(preview, fieldOrder, rows, messages));
                        default -> {}
                    }
                    text.setLength(0);
                }
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException("XML results do not parse: " + e.getMessage(), e);
        }
        return sets;
    }

    /** The final (non-preview) rows of every set, concatenated, as the SDKs read an export. */
    static List<Map<String, Object>> finalRows(String body) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ResultSet set : read(body)) {
            if (!set.preview()) {
                rows.addAll(set.rows());
            }
        }
        return rows;
    }
}
