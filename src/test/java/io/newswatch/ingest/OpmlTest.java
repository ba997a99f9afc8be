package io.newswatch.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpmlTest {

    @TempDir
    Path dir;

    @Test
    void shouldListEveryFeedOfNestedOutlinesOnceInOrder() throws IOException {
        Path opml = Files.writeString(dir.resolve("feeds.opml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="2.0">
                  <head><title>My feeds</title></head>
                  <body>
                    <outline text="World">
                      <outline text="Wire" type="rss" xmlUrl="https://wire.example.org/feed.xml" htmlUrl="https://wire.example.org/"/>
                      <outline text="Asia" type="rss" xmlUrl="http://asia.example.org/rss"/>
                    </outline>
                    <outline text="Wire again" type="rss" xmlUrl="https://wire.example.org/feed.xml"/>
                    <outline text="Local file" type="rss" xmlUrl="file:///etc/passwd"/>
                    <outline text="A folder without feeds"/>
                  </body>
                </opml>
                """);

        assertThat(Opml.feeds(opml)).containsExactly("https://wire.example.org/feed.xml", "http://asia.example.org/rss");
    }

    @Test
    void shouldRefuseWhatIsNotOpmlInOneLine() throws IOException {
        Path rss = Files.writeString(dir.resolve("feed.opml"), "<rss version=\"2.0\"><channel/></rss>");
        Path dtd = Files.writeString(dir.resolve("evil.opml"),
                "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><opml><body>"
                        + "<outline xmlUrl=\"https://a.example.org/&x;\"/></body></opml>");
        Path empty = Files.writeString(dir.resolve("empty.opml"), "<opml><body><outline text=\"x\"/></body></opml>");

        assertThatThrownBy(() -> Opml.feeds(rss)).hasMessage(rss + ": not an OPML file: the root element is <rss>, not <opml>");
        assertThatThrownBy(() -> Opml.feeds(dtd)).hasMessageStartingWith(dtd + ": not an OPML file: ");
        assertThatThrownBy(() -> Opml.feeds(empty)).hasMessage(empty + ": no http(s) feed URL (xmlUrl) in its outlines");
        assertThatThrownBy(() -> Opml.feeds(dir.resolve("missing.opml")))
                .hasMessage("cannot read OPML file " + dir.resolve("missing.opml") + ": there is no such file");
    }
}
