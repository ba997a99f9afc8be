package io.newswatch.watchlist;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One watched entity: what to look for in articles and what to do when it is found. The value of
 * every record on {@code news.watchlist} (key = {@link #id()}) and one entry of a watchlist file.
 *
 * <pre>{@code
 * {"id": "icc", "name": "International Criminal Court",
 *  "aliases": ["ICC", {"text": "International Criminal Court", "case": "insensitive", "approximate": true}],
 *  "context": ["court", "judges", "warrant"], "exclude": ["cricket"],
 *  "tags": ["justice"],
 *  "alerts": {"kinds": ["MENTION", "THRESHOLD"], "threshold": {"count": 3, "window": "PT1H"},
 *             "topic": "news.alerts.justice"}}
 * }</pre>
 *
 * <p>Validated on construction; every problem is listed in one {@link InvalidEntityException}.
 * Sizes are bounded ({@link #MAX_NAME_CHARS}, {@link #MAX_ALIASES}, {@link Alias#MAX_CHARS},
 * {@link #MAX_TAGS}, {@link #MAX_TAG_CHARS}, {@link #MAX_TERMS}, {@link #MAX_TERM_CHARS}) because
 * the monitor copies names, aliases and tags into every mention and alert record, and those must
 * stay far below Kafka's record size limit (about 1 MB). Lengths count characters (Unicode code
 * points) of the stripped text.
 * Collections are copied into unmodifiable lists; null collections become empty, a null or blank
 * {@code name} becomes the first alias, null {@code alerts} become {@link AlertSettings#DEFAULT}.
 *
 * @param id            {@code [a-z0-9][a-z0-9._-]{0,63}}; the record key on the watchlist topic
 * @param name          display name
 * @param aliases       phrases that name the entity (at least one); see {@link Alias}
 * @param context       terms of which at least one must occur within {@code contextWindow} tokens
 *                      of a hit for the hit to count (empty: no condition); a term that is part of
 *                      the hit itself counts
 * @param contextWindow tokens between hit and context term, or {@link #ANYWHERE} in the article
 * @param exclude       phrases that veto a hit within {@code excludeWindow} tokens (overlapping
 *                      the hit included: {@code Georgia Tech} vetoes {@code Georgia})
 * @param excludeWindow tokens, or {@link #ANYWHERE}
 * @param tags          free labels, e.g. for alert routing and filtering
 * @param alerts        alert kinds and their settings
 * @param query         a boolean query ({@link Query}), or null: with aliases, an article must also
 *                      satisfy it; without, it alone finds the entity (its hits are the query's
 *                      words that satisfied it)
 * @param approximate   every alias of {@link Alias#APPROXIMATE_MIN_WORDS} or more words is
 *                      approximate, as if each said so (default false: each alias decides)
 * @param compounds     hits inside a hyphenated compound ({@code U.S.-led}, {@code London-based},
 *                      {@code pro-NATO}) count, flagged as compounds (default true; false keeps
 *                      only standalone names)
 */
@JsonSerialize(using = EntityCodec.Serializer.class)
@JsonDeserialize(using = EntityCodec.Deserializer.class)
public record WatchedEntity(
        String id,
        String name,
        List<Alias> aliases,
        List<String> context,
        int contextWindow,
        List<String> exclude,
        int excludeWindow,
        List<String> tags,
        AlertSettings alerts,
        Query query,
        boolean approximate,
        boolean compounds) {

    /** Allowed entity ids. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** Default distance, in tokens, for {@code context} and {@code exclude}. */
    public static final int DEFAULT_WINDOW = 30;
    /** A window that covers the whole article. */
    public static final int ANYWHERE = Integer.MAX_VALUE;
    /** Longest display name, in characters. */
    public static final int MAX_NAME_CHARS = 200;
    /** Most aliases of one entity. */
    public static final int MAX_ALIASES = 1_000;
    /** Most tags of one entity (after dropping repeats). */
    public static final int MAX_TAGS = 50;
    /** Longest tag, in characters. */
    public static final int MAX_TAG_CHARS = 64;
    /** Most {@code context} terms, and most {@code exclude} phrases, of one entity. */
    public static final int MAX_TERMS = 1_000;
    /** Longest {@code context} term or {@code exclude} phrase, in characters. */
    public static final int MAX_TERM_CHARS = 200;

    /** An entity without a query. */
    public WatchedEntity(String id, String name, List<Alias> aliases, List<String> context, int contextWindow,
                         List<String> exclude, int excludeWindow, List<String> tags, AlertSettings alerts) {
        this(id, name, aliases, context, contextWindow, exclude, excludeWindow, tags, alerts, null);
    }

    /** An entity whose aliases decide for themselves whether they are approximate, with hits in compounds. */
    public WatchedEntity(String id, String name, List<Alias> aliases, List<String> context, int contextWindow,
                         List<String> exclude, int excludeWindow, List<String> tags, AlertSettings alerts, Query query) {
        this(id, name, aliases, context, contextWindow, exclude, excludeWindow, tags, alerts, query, false, true);
    }

    public WatchedEntity {
        List<String> problems = new ArrayList<>();
        if (id == null || id.isEmpty()) {
            problems.add("id missing");
        } else if (!ID.matcher(id).matches()) {
            problems.add("id must match " + ID.pattern());
        }
        if (aliases == null || aliases.isEmpty()) {
            if (query == null) {
                problems.add("aliases: none given (or give a query)");
            }
            aliases = List.of();
        } else if (aliases.stream().anyMatch(Objects::isNull)) {
            problems.add("aliases: null alias");
        } else {
            aliases = List.copyOf(aliases);
        }
        if (aliases.size() > MAX_ALIASES) {
            problems.add("aliases: " + aliases.size() + " given, at most " + MAX_ALIASES);
        }
        if (name == null || name.isBlank()) {
            name = aliases.isEmpty() || aliases.get(0) == null ? id : aliases.get(0).text();
        } else {
            name = name.strip();
            if (chars(name) > MAX_NAME_CHARS) {
                problems.add("name: " + chars(name) + " characters, at most " + MAX_NAME_CHARS);
            }
        }
        context = phrases("context", context, problems);
        exclude = phrases("exclude", exclude, problems);
        tags = tags("tags", tags, problems);
        if (contextWindow < 1) {
            problems.add("contextWindow: must be at least 1 token, got " + contextWindow);
        }
        if (excludeWindow < 1) {
            problems.add("excludeWindow: must be at least 1 token, got " + excludeWindow);
        }
        alerts = alerts == null ? AlertSettings.DEFAULT : alerts;
        if (query != null && aliases.isEmpty() && !(context.isEmpty() && exclude.isEmpty())) {
            problems.add("query: context and exclude apply to aliases; without aliases, write them into the query"
                    + " (… AND (court OR judges) NOT cricket)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidEntityException(id, problems);
        }
    }

    /** An entity with these aliases (each a plain {@link Alias#of(String)}) and no rules. */
    public static WatchedEntity of(String id, String name, String... aliases) {
        return builder(id).name(name).aliases(aliases).build();
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A builder holding this entity's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.name = name;
        b.aliases.addAll(aliases);
        b.context.addAll(context);
        b.contextWindow = contextWindow;
        b.exclude.addAll(exclude);
        b.excludeWindow = excludeWindow;
        b.tags.addAll(tags);
        b.alerts = alerts;
        b.query = query;
        b.approximate = approximate;
        b.compounds = compounds;
        return b;
    }

    static List<String> phrases(String field, List<String> in, List<String> problems) {
        if (in == null) {
            return List.of();
        }
        if (in.size() > MAX_TERMS) {
            problems.add(field + ": " + in.size() + " given, at most " + MAX_TERMS);
        }
        List<String> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            String s = in.get(i);
            if (s == null || s.isBlank()) {
                problems.add(field + "[" + i + "]: blank");
            } else if (chars(s.strip()) > MAX_TERM_CHARS) {
                problems.add(field + "[" + i + "]: " + chars(s.strip()) + " characters, at most " + MAX_TERM_CHARS);
            } else if (Alias.wordCount(s) == 0) {
                problems.add(field + "[" + i + "]: '" + s.strip() + "' has no letter or digit");
            } else {
                out.add(s.strip());
            }
        }
        return List.copyOf(out);
    }

    private static List<String> tags(String field, List<String> in, List<String> problems) {
        if (in == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            String s = in.get(i);
            if (s == null || s.isBlank()) {
                problems.add(field + "[" + i + "]: blank");
            } else if (chars(s.strip()) > MAX_TAG_CHARS) {
                problems.add(field + "[" + i + "]: " + chars(s.strip()) + " characters, at most " + MAX_TAG_CHARS);
            } else if (!out.contains(s.strip())) {
                out.add(s.strip());
            }
        }
        if (out.size() > MAX_TAGS) {
            problems.add(field + ": " + out.size() + " given, at most " + MAX_TAGS);
        }
        return List.copyOf(out);
    }

    private static int chars(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private final String id;
        private String name;
        private final List<Alias> aliases = new ArrayList<>();
        private final List<String> context = new ArrayList<>();
        private int contextWindow = DEFAULT_WINDOW;
        private final List<String> exclude = new ArrayList<>();
        private int excludeWindow = DEFAULT_WINDOW;
        private final List<String> tags = new ArrayList<>();
        private AlertSettings alerts = AlertSettings.DEFAULT;
        private Query query;
        private boolean approximate;
        private boolean compounds = true;

        private Builder(String id) {
            this.id = id;
        }

        public Builder name(String n) {
            this.name = n;
            return this;
        }

        public Builder alias(Alias a) {
            aliases.add(a);
            return this;
        }

        public Builder alias(String text) {
            return alias(Alias.of(text));
        }

        public Builder aliases(String... texts) {
            Arrays.stream(texts).forEach(this::alias);
            return this;
        }

        public Builder clearAliases() {
            aliases.clear();
            return this;
        }

        public Builder context(String... terms) {
            context.addAll(Arrays.asList(terms));
            return this;
        }

        public Builder contextWindow(int tokens) {
            this.contextWindow = tokens;
            return this;
        }

        public Builder exclude(String... phrases) {
            exclude.addAll(Arrays.asList(phrases));
            return this;
        }

        public Builder excludeWindow(int tokens) {
            this.excludeWindow = tokens;
            return this;
        }

        public Builder tags(String... t) {
            tags.addAll(Arrays.asList(t));
            return this;
        }

        public Builder alerts(AlertSettings a) {
            this.alerts = a;
            return this;
        }

        /** A query to parse; see {@link Query}. */
        public Builder query(String text) {
            this.query = text == null ? null : Query.parse(text);
            return this;
        }

        /** Makes every alias of two or more words approximate. */
        public Builder approximate(boolean all) {
            this.approximate = all;
            return this;
        }

        /** Whether hits inside hyphenated compounds count. */
        public Builder compounds(boolean count) {
            this.compounds = count;
            return this;
        }

        public WatchedEntity build() {
            return new WatchedEntity(id, name, aliases, context, contextWindow, exclude, excludeWindow, tags, alerts, query,
                    approximate, compounds);
        }
    }
}
