package io.newswatch.monitor;

import io.newswatch.alert.RoutedAlert;
import io.newswatch.alert.CoMention;

/** What the article matcher emits, each kind to its own sink. */
sealed interface Emit {

    record MentionOut(Mention mention) implements Emit {
    }

    /** An alert bound for one topic (the default alert topic, or a routed one). */
    record AlertOut(RoutedAlert routed) implements Emit {
    }

    /** Two entities in one article, keyed by the pair, for the co-mention alerter. */
    record PairOut(CoMention pair) implements Emit {
    }
}
