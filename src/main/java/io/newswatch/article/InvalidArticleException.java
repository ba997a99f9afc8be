package io.newswatch.article;

import java.util.Objects;

/** An article that cannot exist, with what is wrong as a value, so readers choose their reason by it, never by the message. */
public final class InvalidArticleException extends IllegalArgumentException {

    /** What is wrong with the article. */
    public enum Problem {
        MISSING_BODY("fields body and title: missing"),
        BLANK_BODY("fields body and title: blank");

        private final String message;

        Problem(String message) {
            this.message = message;
        }
    }

    private final Problem problem;

    InvalidArticleException(Problem problem) {
        super(problem.message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }
}
