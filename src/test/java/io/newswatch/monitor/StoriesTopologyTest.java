package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.story.Story;
import io.newswatch.testing.TestData;
import io.newswatch.watchlist.AlertKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The story rules on the topology: copies of one article make one story and fire what a story fires, once. */
class StoriesTopologyTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String WIRE = """
            Rosatom, the Russian state nuclear corporation, signed an agreement on Tuesday to build a small \
            modular reactor in the north of the country, officials said. The plant, the first of its kind in the \
            region, is expected to supply power to mines and two towns by 2031. The deal was signed in the \
            presence of the energy minister, who called it a milestone for the grid. Critics said the cost of the \
            project, estimated at 2.4 billion dollars, had not been disclosed to parliament, and asked for the \
            contract to be published before construction begins next spring.""";
    private static final String OTHER = """
            A fire broke out at a warehouse near the port on Sunday night, and firefighters worked until morning to \
            bring it under control. Nobody was hurt, the fire service said, but several tonnes of grain were lost. \
            Rosatom, which leases part of the site for equipment storage, said none of its cargo had been damaged. \
            Investigators are looking into a faulty power line as the possible cause of the blaze.""";
    private static final String ROSATOM = """
            {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"]}""";

    private MonitorDriver monitor = new MonitorDriver();

    @AfterEach
    void close() {
        monitor.close();
    }

    @Test
    void shouldGiveAStoryAndItsCopiesOneStoryIdAndOneMentionAlert() {
        monitor.watch(ROSATOM);

        monitor.article("wire", "Rosatom to build reactor", WIRE, "Wire", T0);
        monitor.article("copy-1", "Rosatom to build reactor", WIRE, "Daily A", T0.plusSeconds(60));
        monitor.article("copy-2", "Russia's nuclear giant signs reactor deal", WIRE, "Daily B", T0.plusSeconds(120));
        monitor.article("copy-3", "Reactor deal", "Subscribe to our newsletter for the latest news from the region. " + WIRE
                + " Share this article. Follow us on social media. All rights reserved.", "Daily C", T0.plusSeconds(180));

        List<Mention> mentions = monitor.mentions();
        assertThat(mentions).hasSize(4);
        assertThat(mentions).extracting(Mention::storyId).containsOnly(mentions.get(0).storyId());
        assertThat(mentions).extracting(Mention::firstInStory).containsExactly(true, false, false, false);
        List<Alert> alerts = monitor.alerts();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.MENTION);
            assertThat(a.storyId()).isEqualTo(mentions.get(0).storyId());
            assertThat(a.evidence().get(0).articleId()).isEqualTo("wire");
        });
        Story story = last(monitor.stories());
        assertThat(story.storyId()).isEqualTo(mentions.get(0).storyId());
        assertThat(story.members()).isEqualTo(4);
        assertThat(story.outletCount()).isEqualTo(4);
        assertThat(story.outlets()).containsExactly("Wire", "Daily A", "Daily B", "Daily C");
        assertThat(story.first().articleId()).isEqualTo("wire");
        assertThat(story.latest().articleId()).isEqualTo("copy-3");
        assertThat(story.entities()).containsExactly("rosatom");
    }

    @Test
    void shouldKeepAnotherStoryAboutTheSameEntityApart() {
        monitor.watch(ROSATOM);

        monitor.article("wire", "Rosatom to build reactor", WIRE, "Wire", T0);
        monitor.article("fire", "Warehouse fire", OTHER, "Wire", T0.plusSeconds(60));

        assertThat(monitor.alerts()).extracting(Alert::storyId).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void shouldCountStoriesForThresholdByDefaultAndReportBothCounts() {
        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"],
                 "alerts":{"kinds":["THRESHOLD"],"threshold":{"count":2,"window":"PT1H"}}}""");

        monitor.article("wire", "t", WIRE, "Wire", T0);
        monitor.article("copy-1", "t", WIRE, "Daily A", T0.plusSeconds(60));
        monitor.article("copy-2", "t", WIRE, "Daily B", T0.plusSeconds(120));
        assertThat(monitor.alerts()).as("three copies of one story are one story").isEmpty();

        monitor.article("fire", "t", OTHER, "Wire", T0.plusSeconds(180));

        assertThat(monitor.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.THRESHOLD);
            assertThat(a.storyCount()).isEqualTo(2);
            assertThat(a.articleCount()).isEqualTo(4);
            assertThat(a.sources()).containsExactly("Wire", "Daily A", "Daily B");
            assertThat(a.evidence()).extracting(Alert.Evidence::articleId).containsExactly("wire", "fire");
        });
    }

    @Test
    void shouldCountEveryCopyWhenAskedToCountArticles() {
        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"],
                 "alerts":{"kinds":["THRESHOLD"],"threshold":{"count":2,"window":"PT1H"},"countBy":"articles"}}""");

        monitor.article("wire", "t", WIRE, "Wire", T0);
        monitor.article("copy-1", "t", WIRE, "Daily A", T0.plusSeconds(60));

        assertThat(monitor.alerts()).singleElement().satisfies(a -> {
            assertThat(a.articleCount()).isEqualTo(2);
            assertThat(a.storyCount()).isEqualTo(1);
        });
    }

    @Test
    void shouldFireSpreadOnceWhenTheStoryReachesTheOutlets() {
        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"],
                 "alerts":{"kinds":["SPREAD"],"spread":{"outlets":3}}}""");

        monitor.article("wire", "t", WIRE, "Wire", T0);
        monitor.article("copy-1", "t", WIRE, "Daily A", T0.plusSeconds(60));
        monitor.article("copy-1b", "t", WIRE, "Daily A", T0.plusSeconds(90));
        assertThat(monitor.alerts()).as("two outlets, one of them twice").isEmpty();

        monitor.article("copy-2", "t", WIRE, "Daily B", T0.plusSeconds(120));
        monitor.article("copy-3", "t", WIRE, "Daily C", T0.plusSeconds(180));

        assertThat(monitor.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.SPREAD);
            assertThat(a.sources()).containsExactly("Wire", "Daily A", "Daily B");
            assertThat(a.articleCount()).isEqualTo(4);
            assertThat(a.evidence()).extracting(Alert.Evidence::articleId).containsExactly("wire", "copy-2");
        });
    }

    @Test
    void shouldFireOneCoMentionPerStoryListingItsPairs() {
        monitor.watch("""
                {"id":"icc","name":"ICC","aliases":["International Criminal Court","worldwide criminal court","ICC"],
                 "alerts":{"kinds":["CO_MENTION"]}}""");
        monitor.watch("""
                {"id":"myanmar","name":"Myanmar","aliases":["Myanmar"],"alerts":{"kinds":["CO_MENTION"]}}""");
        monitor.watch("""
                {"id":"putin","name":"Vladimir Putin","aliases":["Putin"],"alerts":{"kinds":["CO_MENTION"]}}""");
        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"],"alerts":{"kinds":["CO_MENTION"]}}""");
        String seed = TestData.seedArticle();

        monitor.article("seed", "Junta chief in Moscow", seed, "Wire", T0);
        monitor.article("seed-copy", "Myanmar's leader meets Putin", seed, "Daily A", T0.plusSeconds(60));

        assertThat(monitor.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.CO_MENTION);
            assertThat(a.pairs()).hasSize(6);
            assertThat(a.pairs()).extracting(p -> p.entityId() + "+" + p.coEntityId())
                    .allMatch(pair -> pair.split("\\+").length == 2);
        });
    }

    @Test
    void shouldGiveTheSameStoryIdsAndAlertIdsOnAReRun() {
        List<String> first = storyScenario();
        monitor.close();
        monitor = new MonitorDriver();

        assertThat(storyScenario()).isEqualTo(first);
    }

    private List<String> storyScenario() {
        monitor.watch(ROSATOM);
        monitor.article("wire", "t", WIRE, "Wire", T0);
        monitor.article("copy", "t", WIRE, "Daily A", T0.plusSeconds(60));
        monitor.article("fire", "t", OTHER, "Wire", T0.plusSeconds(120));
        return java.util.stream.Stream.concat(monitor.mentions().stream().map(Mention::storyId),
                monitor.alerts().stream().map(Alert::alertId)).toList();
    }

    private static Story last(List<Story> stories) {
        assertThat(stories).isNotEmpty();
        return stories.get(stories.size() - 1);
    }
}
