package io.github.splunkdeltabridge.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the relative links of the docs that do not resolve on GitHub: a file that does not exist, or a {@code #anchor}
 * that no heading of the linked Markdown page produces. Links with a scheme ({@code https:}, {@code mailto:}) are not
 * followed.
 */
final class DocLinks {

    /** A link that does not resolve, where it is and why. */
    record BrokenLink(String page, int line, String target, String reason) {
        @Override
        public String toString() {
            return page + ":" + line + ": (" + target + ") " + reason;
        }
    }

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private DocLinks() {}

    /**
     * The user-facing pages: the Markdown files at the top of the project, the README of each top-level directory
     * (config/, docker/, modules) and every page under docs/.
     */
    static List<Path> pages(Path root) {
        List<Path> pages = new ArrayList<>();
        try (Stream<Path> top = Files.list(root)) {
            top.sorted().forEach(path -> {
                if (Files.isRegularFile(path) && isMarkdown(path)) {
                    pages.add(path);
                } else if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("README.md"))) {
                    pages.add(path.resolve("README.md"));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.walk(docs)) {
                files.filter(path -> Files.isRegularFile(path) && isMarkdown(path))
                        .sorted()
                        .forEach(pages::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pages;
    }

    /** Every broken relative link of {@code pages}, in page and line order. */
    static List<BrokenLink> check(Path root, List<Path> pages) {
        Path normalRoot = root.toAbsolutePath().normalize();
        List<BrokenLink> broken = new ArrayList<>();
        for (Path page : pages) {
            Path normalPage = page.toAbsolutePath().normalize();
            String pageName = normalRoot.relativize(normalPage).toString();
            for (MarkdownPage.Link link : new MarkdownPage(GeneratedDocs.read(normalPage)).links()) {
                String problem = problem(normalRoot, normalPage, link.target());
                if (problem != null) {
                    broken.add(new BrokenLink(pageName, link.line(), link.target(), problem));
                }
            }
        }
        return broken;
    }

    /** Why {@code target}, linked from {@code page}, does not resolve; null when it does or is not relative. */
    private static String problem(Path root, Path page, String target) {
        if (target.isEmpty()) {
            return "empty link";
        }
        if (SCHEME.matcher(target).find() || target.startsWith("//")) {
            return null;
        }
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : decode(target.substring(hash + 1));
        Path file;
        if (pathPart.isEmpty()) {
            file = page;
        } else {
            String decoded = decode(pathPart);
            file = (decoded.startsWith("/") ? root.resolve(decoded.substring(1)) : page.resolveSibling(decoded))
                    .normalize();
            if (!file.startsWith(root)) {
                return "points outside the project";
            }
            if (!Files.exists(file)) {
                return "no such file: " + root.relativize(file);
            }
        }
        if (anchor == null || anchor.isEmpty() || !isMarkdown(file) || Files.isDirectory(file)) {
            return null;
        }
        if (!new MarkdownPage(GeneratedDocs.read(file)).anchors().contains(anchor)) {
            return "no heading with anchor #" + anchor + " in " + root.relativize(file);
        }
        return null;
    }

    private static boolean isMarkdown(Path path) {
        return path.getFileName().toString().endsWith(".md");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
