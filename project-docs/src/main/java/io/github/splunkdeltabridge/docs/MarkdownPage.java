package io.github.splunkdeltabridge.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Markdown page links to and which anchors it offers, as GitHub renders it: links inside code (fenced blocks and
 * inline code spans) are text, not links; headings get GitHub's slugs.
 */
final class MarkdownPage {

    /** One link target and the line (1-based) it is on. */
    record Link(int line, String target) {}

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```+|~~~+)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*(<[^>]*>|[^\\s)]*)(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern LINK_IN_HEADING = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]+>");

    private final List<Link> links = new ArrayList<>();
    private final Set<String> anchors = new LinkedHashSet<>();

    MarkdownPage(String text) {
        Map<String, Integer> slugCounts = new HashMap<>();
        String openFence = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher fence = FENCE.matcher(line);
            if (fence.find()) {
                String marker = fence.group(1);
                if (openFence == null) {
                    openFence = marker;
                } else if (marker.charAt(0) == openFence.charAt(0) && marker.length() >= openFence.length()) {
                    openFence = null;
                }
                continue;
            }
            if (openFence != null) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                anchors.add(uniqueSlug(slug(rendered(heading.group(1))), slugCounts));
            }
            Matcher htmlAnchor = HTML_ANCHOR.matcher(line);
            while (htmlAnchor.find()) {
                anchors.add(htmlAnchor.group(1));
            }
            String withoutCode = CODE_SPAN.matcher(line).replaceAll("code");
            Matcher link = INLINE_LINK.matcher(withoutCode);
            while (link.find()) {
                links.add(new Link(i + 1, unbracketed(link.group(1))));
            }
            Matcher definition = REFERENCE_DEFINITION.matcher(withoutCode);
            if (definition.find()) {
                links.add(new Link(i + 1, unbracketed(definition.group(1))));
            }
        }
    }

    List<Link> links() {
        return links;
    }

    Set<String> anchors() {
        return anchors;
    }

    /**
     * GitHub's anchor for a heading's rendered text: lower case, every character that is not a letter, digit, space,
     * hyphen or underscore dropped, each space a hyphen.
     */
    static String slug(String headingText) {
        StringBuilder slug = new StringBuilder();
        headingText.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (c == ' ') {
                slug.append('-');
            } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            }
        });
        return slug.toString();
    }

    /** GitHub numbers repeated headings: the second "Settings" is "settings-1". */
    private static String uniqueSlug(String slug, Map<String, Integer> counts) {
        int seen = counts.merge(slug, 1, Integer::sum) - 1;
        return seen == 0 ? slug : slug + "-" + seen;
    }

    /** The text GitHub shows for a heading's Markdown: code without backticks, links as their text, no HTML tags. */
    private static String rendered(String markdown) {
        String text = CODE_SPAN.matcher(markdown).replaceAll(match -> Matcher.quoteReplacement(match.group(2)));
        text = LINK_IN_HEADING.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
        return HTML_TAG.matcher(text).replaceAll("").strip();
    }

    private static String unbracketed(String target) {
        return target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1) : target;
    }
}
