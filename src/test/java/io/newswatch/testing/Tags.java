package io.newswatch.testing;

/** JUnit tags: Surefire runs everything but {@link #INTEGRATION}; Failsafe runs only those. */
public final class Tags {
    /** Needs a real (embedded) Kafka broker. */
    public static final String INTEGRATION = "integration";

    private Tags() {
    }
}
