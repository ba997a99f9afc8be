package io.newswatch.bench;

import io.newswatch.bench.StageProfile.Stage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The profile's stage of a sample is decided by its innermost frame that belongs to a stage. */
class StageProfileTest {

    private static final String LOOP = "org.apache.kafka.streams.processor.internals.StreamThread.runLoop";
    private static final String FORWARD = "org.apache.kafka.streams.processor.internals.ProcessorContextImpl.forward";
    private static final String SINK = "org.apache.kafka.streams.processor.internals.SinkNode.process";

    @Test
    void shouldChargeTheMatcherAndTheSketcherToTheirStages() {
        assertThat(StageProfile.classify(List.of("io.newswatch.match.Matcher.match", "io.newswatch.monitor.ArticleMatcher.process", LOOP)))
                .isEqualTo(Stage.MATCH);
        assertThat(StageProfile.classify(List.of("java.util.Arrays.sort", "io.newswatch.story.Sketcher.sketch",
                "io.newswatch.monitor.ArticleMatcher.process", LOOP))).isEqualTo(Stage.STORIES);
        assertThat(StageProfile.classify(List.of("io.newswatch.story.StoryIndex.place", "io.newswatch.monitor.StoryAssigner.process", LOOP)))
                .isEqualTo(Stage.STORIES);
    }

    @Test
    void shouldChargeTheDuplicateCheckStoreToDedupAndOtherStoresToTheirProcessor() {
        assertThat(StageProfile.classify(List.of("org.rocksdb.RocksDB.get", "org.apache.kafka.streams.state.internals.RocksDBStore.get",
                "io.newswatch.monitor.ArticleMatcher.process", LOOP))).isEqualTo(Stage.DEDUP);
        assertThat(StageProfile.classify(List.of("io.newswatch.monitor.ArticleMatcher.isDuplicate", "io.newswatch.monitor.ArticleMatcher.process")))
                .isEqualTo(Stage.DEDUP);
        assertThat(StageProfile.classify(List.of("org.apache.kafka.streams.state.internals.CachingKeyValueStore.put",
                "io.newswatch.monitor.EntityAlerts.process", LOOP))).isEqualTo(Stage.ALERT_RULES);
    }

    @Test
    void shouldChargeSerialisingAndSendingToProduceWhereverTheSinkSits() {
        assertThat(StageProfile.classify(List.of("com.fasterxml.jackson.databind.ObjectMapper.writeValueAsBytes",
                "io.newswatch.kafka.JsonSerde$1.serialize", "org.apache.kafka.streams.processor.internals.RecordCollectorImpl.send",
                SINK, FORWARD, "io.newswatch.monitor.StoryAlerts.process", LOOP))).isEqualTo(Stage.PRODUCE);
        assertThat(StageProfile.classify(List.of("org.apache.kafka.clients.producer.internals.RecordAccumulator.append",
                "org.apache.kafka.clients.producer.KafkaProducer.send", "org.apache.kafka.streams.processor.internals.RecordCollectorImpl.send",
                SINK, FORWARD, "io.newswatch.monitor.ArticleMatcher.process", LOOP))).isEqualTo(Stage.PRODUCE);
    }

    @Test
    void shouldTellCommitsParsingAndConsumingApart() {
        assertThat(StageProfile.classify(List.of("org.apache.kafka.clients.producer.internals.TransactionManager.beginCommit",
                "org.apache.kafka.clients.producer.KafkaProducer.commitTransaction",
                "org.apache.kafka.streams.processor.internals.StreamsProducer.commitTransaction",
                "org.apache.kafka.streams.processor.internals.TaskExecutor.commitOffsetsOrTransaction", LOOP))).isEqualTo(Stage.COMMIT);
        assertThat(StageProfile.classify(List.of("com.fasterxml.jackson.core.json.UTF8StreamJsonParser.nextToken",
                "io.newswatch.monitor.ArticleParser.process", LOOP))).isEqualTo(Stage.PARSE);
        assertThat(StageProfile.classify(List.of("org.apache.kafka.common.record.DefaultRecord.readFrom",
                "org.apache.kafka.clients.consumer.internals.CompletedFetch.fetchRecords", LOOP))).isEqualTo(Stage.CONSUME);
        assertThat(StageProfile.classify(List.of("io.newswatch.monitor.MatchedArticleSerde.deserialize",
                "org.apache.kafka.streams.processor.internals.SourceNode.deserializeValue", LOOP))).isEqualTo(Stage.CONSUME);
        assertThat(StageProfile.classify(List.of("java.util.HashMap.get", LOOP))).isEqualTo(Stage.OTHER);
    }

    @Test
    void shouldTakeEachRoundsRatioAndTheirMedian() {
        // a slow third round slows both sides: its ratio holds, the fastest-of ratio mixes rounds
        BenchReport.Ratio r = EndToEndBench.ratio("plain consumer", List.of(300.0, 330.0, 150.0, 310.0), List.of(1000.0, 1100.0, 500.0, 1300.0));
        assertThat(r.perRound()).containsExactly(0.3, 0.3, 0.3, 310.0 / 1300.0);
        assertThat(r.medianOfRounds()).isCloseTo(0.3, within(1e-12));
        assertThat(r.fastestOf()).isCloseTo(330.0 / 1300.0, within(1e-12));
        assertThat(EndToEndBench.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    }
}
