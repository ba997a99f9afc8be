package io.newswatch.alert;

/** An alert and the topic it goes to; only the alert is written. */
public record RoutedAlert(Alert alert, String topic) {
}
