package io.newswatch.ingest;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatesTest {

    @Test
    void shouldKeepTheZoneOfRfc822Dates() {
        assertThat(Dates.parse("Tue, 14 May 2024 09:30:00 +0100")).isEqualTo(OffsetDateTime.parse("2024-05-14T09:30:00+01:00"));
        assertThat(Dates.parse("14 May 2024 09:30 GMT")).isEqualTo(OffsetDateTime.parse("2024-05-14T09:30:00Z"));
        assertThat(Dates.parse("Thu, 16 May 2024 08:00:00 PDT")).isEqualTo(OffsetDateTime.parse("2024-05-16T08:00:00-07:00"));
        assertThat(Dates.parse("Thu, 6 Jun 24 08:00:00 -0330")).isEqualTo(OffsetDateTime.parse("2024-06-06T08:00:00-03:30"));
    }

    @Test
    void shouldReadIsoDatesWithOrWithoutOffsetAndDateOnly() {
        assertThat(Dates.parse("2024-03-02T21:15:00+11:00")).isEqualTo(OffsetDateTime.parse("2024-03-02T21:15:00+11:00"));
        assertThat(Dates.parse("2024-03-02T21:15:00.250Z")).isEqualTo(OffsetDateTime.parse("2024-03-02T21:15:00.250Z"));
        assertThat(Dates.parse("2024-03-02 21:15:00+0530")).isEqualTo(OffsetDateTime.parse("2024-03-02T21:15:00+05:30"));
        assertThat(Dates.parse("2024-03-02T21:15")).isEqualTo(OffsetDateTime.parse("2024-03-02T21:15:00Z"));
        assertThat(Dates.parse("2019-01-04")).isEqualTo(OffsetDateTime.parse("2019-01-04T00:00:00Z"));
        assertThat(Dates.parse(" ")).isNull();
    }

    @Test
    void shouldRefuseWhatIsNotADate() {
        assertThatThrownBy(() -> Dates.parse("next Tuesday")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dates.parse("2019-02-30")).isInstanceOf(IllegalArgumentException.class);
    }
}
