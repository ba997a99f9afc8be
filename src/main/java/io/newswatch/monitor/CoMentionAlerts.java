package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.AlertSettings;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CO_MENTION rule, per story: the pairs of watched entities an article brings into its story
 * ({@link StoryMember#newPairs()}) are counted per pair in tumbling windows ({@link TumblingWindows},
 * store {@code co-mention-state}, key = the pair), one count per story; the pairs that reach their
 * count (by default 1 in a day: the first story of the day to bring the pair together) make one
 * alert for the story, listing them. A pair's settings are those of its first entity that asks for
 * CO_MENTION; the alert goes to the first such entity's topics.
 */
final class CoMentionAlerts implements Processor<String, StoryMember, String, Alert> {

    private final String storeName;
    private final LiveWatchlist watchlist;
    private final AlertEmitter emitter;
    private final int evidenceLimit;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, TumblingWindows> store;

    CoMentionAlerts(String storeName, LiveWatchlist watchlist, AlertEmitter emitter, int evidenceLimit) {
        this.storeName = storeName;
        this.watchlist = watchlist;
        this.emitter = emitter;
        this.evidenceLimit = evidenceLimit;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, StoryMember> record) {
        StoryMember member = record.value();
        if (member.newPairs().isEmpty()) {
            return;
        }
        LiveWatchlist.Snapshot snapshot = watchlist.current();
        long ts = record.timestamp();
        WatchedEntity alerting = null;
        Window evidence = null;
        List<Alert.Pair> crossed = new ArrayList<>();
        for (List<String> pair : member.newPairs()) {
            Optional<WatchedEntity> a = snapshot.matcher().entity(pair.get(0));
            Optional<WatchedEntity> b = snapshot.matcher().entity(pair.get(1));
            if (a.isEmpty() || b.isEmpty()) {
                continue;
            }
            WatchedEntity asking = a.get().alerts().enabled(AlertKind.CO_MENTION) ? a.get()
                    : b.get().alerts().enabled(AlertKind.CO_MENTION) ? b.get() : null;
            if (asking == null) {
                continue;
            }
            WatchedEntity other = asking == a.get() ? b.get() : a.get();
            Alert.Evidence article = evidenceOf(member, asking.id(), ts);
            AlertSettings.CoMention settings = asking.alerts().coMention();
            long size = settings.window().toMillis();
            String key = pair.get(0).compareTo(pair.get(1)) < 0 ? pair.get(0) + "+" + pair.get(1) : pair.get(1) + "+" + pair.get(0);
            TumblingWindows state = Optional.ofNullable(store.get(key)).orElseGet(TumblingWindows::new);
            Window window = state.count(ts, size, settings.count(), article, evidenceLimit, true, true);
            store.put(key, state);
            if (window != null) {
                if (alerting == null) {
                    alerting = asking;
                    evidence = window;
                }
                crossed.add(new Alert.Pair(asking.id(), asking.name(), other.id(), other.name(), Instant.ofEpochMilli(window.start)));
            }
        }
        if (alerting != null) {
            Window article = Window.of(ts, evidence.evidence.isEmpty() ? evidenceOf(member, alerting.id(), ts) : evidence.evidence.get(0));
            article.count = evidence.count;
            article.stories = evidence.stories;
            article.sources = evidence.sources;
            emitter.emit(context, alerting, AlertEmitter.storyAlert(AlertKind.CO_MENTION, alerting, member.storyId(), article,
                    crossed, member.watchlistVersion()), ts, true);
        }
    }

    private static Alert.Evidence evidenceOf(StoryMember member, String entityId, long ts) {
        for (Mention m : member.mentions()) {
            if (m.entityId().equals(entityId)) {
                return m.evidence(Instant.ofEpochMilli(ts));
            }
        }
        return member.mentions().get(0).evidence(Instant.ofEpochMilli(ts));
    }
}
