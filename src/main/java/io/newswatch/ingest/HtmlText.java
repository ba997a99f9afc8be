package io.newswatch.ingest;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.Set;

/**
 * HTML reduced to clean text: entities decoded, scripts, styles and other non-text elements
 * dropped, block elements (paragraphs, headings, list items, …) kept as paragraphs separated by
 * a blank line, {@code <br>} as a line break, runs of white space collapsed.
 */
final class HtmlText {

    static final String DROPPED = "script, style, noscript, template, iframe, object, embed, svg, canvas, head, form, button, select";

    private static final Set<String> BLOCKS = Set.of(
            "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote", "pre",
            "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "figure",
            "figcaption", "hr", "address", "details", "summary", "body");

    private HtmlText() {
    }

    /** The text of an HTML fragment (a feed's description or content). */
    static String fromFragment(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        return of(Jsoup.parseBodyFragment(html).body());
    }

    /** A short inline text such as a title: tags removed, entities decoded, one line. */
    static String inline(String html) {
        if (html == null) {
            return null;
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return collapse(html).strip();
        }
        return collapse(Jsoup.parseBodyFragment(html).body().text()).strip();
    }

    /** The text of an element, which is not changed. */
    static String of(Element root) {
        Element copy = root.clone();
        copy.select(DROPPED).remove();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    boolean pre = text.parent() != null && isInPre((Element) text.parent());
                    String s = pre ? text.getWholeText() : collapse(text.getWholeText());
                    if (!pre && (out.isEmpty() || endsWithSpaceOrBreak(out)) && s.startsWith(" ")) {
                        s = s.substring(1);
                    }
                    out.append(s);
                } else if (node instanceof Element element) {
                    if (element.nameIs("br")) {
                        trimTrailingSpace(out);
                        out.append('\n');
                    } else if (BLOCKS.contains(element.normalName())) {
                        paragraph(out);
                    } else if (element.nameIs("td") || element.nameIs("th")) {
                        if (!out.isEmpty() && !endsWithSpaceOrBreak(out)) {
                            out.append(' ');
                        }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    paragraph(out);
                }
            }
        }, copy);
        return tidy(out);
    }

    private static boolean isInPre(Element e) {
        for (Element p = e; p != null; p = p.parent()) {
            if (p.nameIs("pre")) {
                return true;
            }
        }
        return false;
    }

    private static void paragraph(StringBuilder out) {
        trimTrailingSpace(out);
        if (out.isEmpty()) {
            return;
        }
        int newlines = 0;
        for (int i = out.length() - 1; i >= 0 && out.charAt(i) == '\n'; i--) {
            newlines++;
        }
        for (; newlines < 2; newlines++) {
            out.append('\n');
        }
    }

    private static void trimTrailingSpace(StringBuilder out) {
        while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
    }

    private static boolean endsWithSpaceOrBreak(StringBuilder out) {
        char c = out.charAt(out.length() - 1);
        return c == ' ' || c == '\n';
    }

    /** White space, including no-break and zero-width spaces, collapsed to single spaces. */
    static String collapse(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
            } else if (c == '\u200B' || c == '\uFEFF') {
                // zero-width: dropped
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        if (space) {
            b.append(' ');
        }
        return b.toString();
    }

    private static String tidy(StringBuilder out) {
        String text = out.toString().replaceAll(" *\n *", "\n").replaceAll("\n{3,}", "\n\n");
        return text.strip();
    }
}
