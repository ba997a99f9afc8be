package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.story.Story;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rules that fire once per story, from what the {@link StoryAssigner} found new:
 * <ul>
 *   <li>MENTION: the first article of a story to mention the entity; later copies do not fire it
 *       again (the alert id is the entity and the story's).</li>
 *   <li>SPREAD: the story reached the entity's number of distinct outlets.</li>
 * </ul>
 */
final class StoryAlerts implements Processor<String, StoryMember, String, Alert> {

    private final LiveWatchlist watchlist;
    private final AlertEmitter emitter;
    private final int evidenceLimit;
    private ProcessorContext<String, Alert> context;

    StoryAlerts(LiveWatchlist watchlist, AlertEmitter emitter, int evidenceLimit) {
        this.watchlist = watchlist;
        this.emitter = emitter;
        this.evidenceLimit = evidenceLimit;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, StoryMember> record) {
        StoryMember member = record.value();
        long ts = record.timestamp();
        LiveWatchlist.Snapshot snapshot = watchlist.current();
        for (Mention mention : member.mentions()) {
            Optional<WatchedEntity> entity = snapshot.matcher().entity(mention.entityId());
            if (mention.firstInStory() && entity.isPresent() && entity.get().alerts().enabled(AlertKind.MENTION)) {
                Window article = Window.of(ts, mention.evidence(Instant.ofEpochMilli(ts)));
                emitter.emit(context, entity.get(), flagged(member, AlertEmitter.storyAlert(AlertKind.MENTION, entity.get(),
                        member.storyId(), article, List.of(), member.watchlistVersion())), ts, true);
            }
        }
        for (String entityId : member.spreadReached()) {
            Optional<WatchedEntity> entity = snapshot.matcher().entity(entityId);
            if (entity.isPresent()) {
                emitter.emit(context, entity.get(), flagged(member, AlertEmitter.storyAlert(AlertKind.SPREAD, entity.get(),
                        member.storyId(), outlets(member.story(), ts), List.of(), member.watchlistVersion())), ts, true);
            }
        }
    }

    private static Alert flagged(StoryMember member, Alert alert) {
        return member.backfill() ? alert.asBackfill() : alert;
    }

    /** The story as the articles behind a SPREAD alert: its size, its outlets, its first and latest article. */
    private Window outlets(Story story, long ts) {
        Window window = new Window();
        window.start = ts;
        window.count = story.members();
        window.stories = 1;
        window.sources.addAll(story.outlets().subList(0, Math.min(story.outlets().size(), Window.MAX_SOURCES)));
        for (Story.Member m : story.latest().equals(story.first()) ? List.of(story.first()) : List.of(story.first(), story.latest())) {
            if (window.evidence.size() < evidenceLimit) {
                window.evidence.add(new Alert.Evidence(m.articleId(), m.title(), m.url(), m.source(), null, null, m.time()));
            }
        }
        return window;
    }
}
