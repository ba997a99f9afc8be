package io.newswatch.metrics;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntityLabelsTest {

    @Test
    void shouldLabelConfiguredEntitiesAlwaysAndTheFirstNOthersThenOther() {
        EntityLabels labels = new EntityLabels(Set.of("icc"), 2);

        assertThat(labels.label("a")).isEqualTo("a");
        assertThat(labels.label("b")).isEqualTo("b");
        assertThat(labels.label("c")).isEqualTo(EntityLabels.OTHER);
        assertThat(labels.label("icc")).isEqualTo("icc");
        assertThat(labels.label("a")).as("an admitted entity keeps its label").isEqualTo("a");
    }

    @Test
    void shouldPutEveryUnconfiguredEntityUnderOtherWithALimitOfZero() {
        EntityLabels labels = new EntityLabels(Set.of("icc"), 0);

        assertThat(labels.label("myanmar")).isEqualTo(EntityLabels.OTHER);
        assertThat(labels.label("icc")).isEqualTo("icc");
    }

    @Test
    void shouldRefuseANegativeLimit() {
        assertThatThrownBy(() -> new EntityLabels(Set.of(), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
