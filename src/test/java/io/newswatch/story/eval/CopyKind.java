package io.newswatch.story.eval;

/** How an article of the evaluation set was made from its story's original. */
public enum CopyKind {
    /** The article a story starts from (a Wikinews or GUM article, or one template instance). */
    ORIGINAL("original"),
    /** The same title and text under another id and URL. */
    EXACT("exact"),
    /** The same text under another headline. */
    HEADLINE("headline"),
    /** The text inside an outlet's header and footer. */
    BOILERPLATE_ADDED("boilerplate added"),
    /** The text without the header and footer its original was published with. */
    BOILERPLATE_REMOVED("boilerplate removed"),
    /** The lead 60% of the words, cut at a sentence end when one is near. */
    CUT("cut (lead 60%)"),
    /** The text followed by follow-up paragraphs and a "related" block. */
    EXTENDED("extended"),
    /** 20% of the replaceable words replaced by a thesaurus synonym. */
    SPUN20("spun 20%"),
    /** 30% of the replaceable words replaced. */
    SPUN30("spun 30%"),
    /** 40% of the replaceable words replaced. */
    SPUN40("spun 40%");

    private final String label;

    CopyKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
