/**
 * What the monitor serves on its HTTP port beside its metrics: the query API under {@code /api}
 * ({@link io.newswatch.api.WebApp}, described by {@code /api/openapi.json}), answered from the
 * monitor's own state stores on any instance, and the web console at {@code /}: the alert inbox
 * with live updates, each entity's page (counts chart, latest stories, alerts, definition) and
 * the watchlist with its forms. Writes (the watchlist, silences) need the API token.
 *
 * <p>May import {@code monitor}, {@code watchlist}, {@code alert}, {@code story}, {@code notify}
 * (silences), {@code kafka}, {@code topics} and {@code text}.
 */
package io.newswatch.api;
