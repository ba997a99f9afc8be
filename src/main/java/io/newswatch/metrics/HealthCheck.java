package io.newswatch.metrics;

import java.util.Objects;

/**
 * What {@code /health} (liveness) and {@code /ready} (readiness) answer. Liveness fails only when
 * restarting the process is the cure (processing is stuck where it cannot recover by itself);
 * readiness fails whenever the process cannot do its work right now (starting, rebalancing, no
 * broker, stalled).
 */
public interface HealthCheck {

    /** A verdict and the one-line reason shown in the response body. */
    record Status(boolean ok, String detail) {
        public Status {
            Objects.requireNonNull(detail, "detail");
        }

        public static Status ok(String detail) {
            return new Status(true, detail);
        }

        public static Status failing(String detail) {
            return new Status(false, detail);
        }
    }

    Status liveness();

    Status readiness();

    /** Always live; ready while {@code ready} says so: for tools with no stream processing of their own. */
    static HealthCheck readyWhen(java.util.function.BooleanSupplier ready) {
        return new HealthCheck() {
            @Override
            public Status liveness() {
                return Status.ok("ok");
            }

            @Override
            public Status readiness() {
                return ready.getAsBoolean() ? Status.ok("ready") : Status.failing("not ready");
            }
        };
    }
}
