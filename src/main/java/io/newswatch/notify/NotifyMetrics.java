package io.newswatch.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * What notify reports to Prometheus: alerts read by outcome ({@code read}, {@code silenced},
 * {@code invalid}), notifications by receiver and result ({@code delivered}, {@code failed} — a
 * failed attempt that will be retried — and {@code parked}), alerts parked, and delivery time.
 * Every receiver's series start at zero.
 */
public final class NotifyMetrics {

    private final MeterRegistry registry;

    public NotifyMetrics(MeterRegistry registry, java.util.Collection<String> receivers) {
        this.registry = registry;
        for (String outcome : new String[] {"read", "silenced", "invalid"}) {
            alerts(outcome);
        }
        for (String receiver : receivers) {
            for (String result : new String[] {"delivered", "failed", "parked"}) {
                notifications(receiver, result);
            }
            parkedAlerts(receiver);
            timer(receiver);
        }
    }

    void alert(String outcome) {
        alerts(outcome).increment();
    }

    void alert(String outcome, int n) {
        alerts(outcome).increment(n);
    }

    void delivered(String receiver, Duration took) {
        notifications(receiver, "delivered").increment();
        timer(receiver).record(took);
    }

    void failed(String receiver) {
        notifications(receiver, "failed").increment();
    }

    void parked(String receiver, int alerts) {
        notifications(receiver, "parked").increment();
        parkedAlerts(receiver).increment(alerts);
    }

    private Counter alerts(String outcome) {
        return Counter.builder("newswatch.notify.alerts").description("Alerts read by notify, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private Counter notifications(String receiver, String result) {
        return Counter.builder("newswatch.notify.notifications").description("Notifications by receiver and result")
                .tag("receiver", receiver).tag("result", result).register(registry);
    }

    private Counter parkedAlerts(String receiver) {
        return Counter.builder("newswatch.notify.parked.alerts").description("Alerts parked on the notification dead-letter topic")
                .tag("receiver", receiver).register(registry);
    }

    private Timer timer(String receiver) {
        return Timer.builder("newswatch.notify.delivery.time").description("Time to deliver one notification")
                .tag("receiver", receiver).publishPercentileHistogram().register(registry);
    }
}
