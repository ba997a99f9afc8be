package io.newswatch.story.eval;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Articles written from one template with other numbers and names — a daily market report, a
 * daily weather report, a football result, an earthquake bulletin — as news agencies publish
 * them every day. Two issues of one template are different stories: the hard negatives that the
 * same wording, names and grammar must not merge. Names come from the linked entities of GUM.
 */
final class TemplateReports {

    static final List<String> TEMPLATES = List.of("market", "weather", "football", "earthquake");

    record Report(String template, int issue, LocalDate date, String title, String body) {
    }

    /** GUM's linked places include buildings, regions and Gotham: not where a weather report or an earthquake is. */
    private static final Pattern NOT_A_TOWN = Pattern.compile(
            "Planetarium|Asylum|Batcave|Museum|Hall|Cent(er|re)|station|Bridge|Hotel|Base|Complex|Towers|Place|Stadium|Arena"
                    + "|Factory|Temple|Project|Force|Council|World|House|Channel|Solent|Plaza|Airport|Haram|Northwest|Asia|America");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.ENGLISH);

    private final List<String> people;
    private final List<String> places;
    private final List<String> companies;
    private final List<String> teams;

    TemplateReports(List<String> people, List<String> places, List<String> organisations) {
        this.people = people.stream().filter(p -> p.contains(" ") && !p.contains("%")).toList();
        this.places = places.stream().filter(p -> !p.contains(",") && p.length() < 20 && !NOT_A_TOWN.matcher(p).find()).toList();
        this.companies = List.of("Google", "Microsoft", "Ubisoft", "Budweiser", "Twitter", "Facebook",
                "The Walt Disney Company", "Cloud9", "Deseret News", "Sky News");
        this.teams = organisations.stream().filter(o -> o.endsWith("national football team"))
                .map(o -> o.replace(" national football team", "")).toList();
    }

    List<Report> reports(int issues, long seed) {
        List<Report> out = new ArrayList<>();
        String town = places.get(new Random(seed).nextInt(places.size()));
        for (int t = 0; t < TEMPLATES.size(); t++) {
            for (int i = 0; i < issues; i++) {
                Random r = new Random(seed + 1000L * t + i);
                // one market and one town every day, as a daily report has them; other teams and places each time
                LocalDate date = LocalDate.of(2020, 3, 2).plusDays(i);
                out.add(switch (TEMPLATES.get(t)) {
                    case "market" -> market(i, date, r);
                    case "weather" -> weather(i, date, town, r);
                    case "football" -> football(i, date, r);
                    default -> earthquake(i, date, r);
                });
            }
        }
        return out;
    }

    private Report market(int issue, LocalDate date, Random r) {
        double index = 6_800 + r.nextInt(900) + r.nextInt(100) / 100.0;
        double change = (r.nextInt(300) - 150) / 100.0;
        String up = pick(companies, r);
        String down = pick(companies, r);
        while (down.equals(up)) {
            down = pick(companies, r);
        }
        String title = "Markets: the FTSE 100 " + (change >= 0 ? "gains " : "falls ") + fmt(Math.abs(change)) + "% as "
                + up + " leads";
        String body = date.format(DAY) + "\n\n"
                + "London's FTSE 100 index closed " + (change >= 0 ? "up " : "down ") + fmt(Math.abs(change)) + "% at "
                + fmt(index) + " points on " + date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                + ", while the FTSE 250 " + (r.nextBoolean() ? "rose " : "slipped ") + fmt(r.nextInt(200) / 100.0) + "% to "
                + fmt(18_000 + r.nextInt(3_000) + r.nextInt(100) / 100.0) + ". Shares of " + up + " gained "
                + fmt(1 + r.nextInt(900) / 100.0) + "% after the company reported quarterly revenue of $"
                + (2 + r.nextInt(40)) + "." + r.nextInt(10) + " billion, beating analysts' forecasts.\n\n"
                + down + " was the biggest faller, losing " + fmt(1 + r.nextInt(700) / 100.0) + "% as investors took"
                + " profits. Trading volume reached " + (400 + r.nextInt(700)) + " million shares, against a 30-day average"
                + " of " + (500 + r.nextInt(300)) + " million.\n\n"
                + "On currency markets the pound was at $" + fmt(1.18 + r.nextInt(20) / 100.0) + " and "
                + fmt(1.08 + r.nextInt(12) / 100.0) + " euros. Brent crude traded at $" + fmt(40 + r.nextInt(35)
                + r.nextInt(100) / 100.0) + " a barrel and gold at $" + (1_450 + r.nextInt(300)) + " an ounce. The yield on"
                + " ten-year gilts " + (r.nextBoolean() ? "rose" : "fell") + " to " + fmt(0.1 + r.nextInt(60) / 100.0)
                + "%. Analysts at " + pick(companies, r) + " said markets would watch figures on inflation due on "
                + date.plusDays(2).getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ".";
        return new Report("market", issue, date, title, body);
    }

    private Report weather(int issue, LocalDate date, String city, Random r) {
        int high = 8 + r.nextInt(25);
        int low = high - 4 - r.nextInt(10);
        String title = city + " weather: " + (r.nextBoolean() ? "showers" : "sunny spells") + " and a high of " + high
                + " degrees";
        String body = date.format(DAY) + "\n\n"
                + "The forecast for " + city + " today is for " + (r.nextBoolean() ? "scattered showers" : "sunny spells")
                + " with a high of " + high + " degrees Celsius and an overnight low of " + low + ". Winds from the "
                + pick(List.of("north", "south", "east", "west", "north-west", "south-west"), r) + " will blow at "
                + (5 + r.nextInt(30)) + " kilometres an hour, with gusts of up to " + (35 + r.nextInt(40)) + " in exposed"
                + " areas.\n\n"
                + "Humidity will be around " + (40 + r.nextInt(55)) + "%, and there is a " + (10 * r.nextInt(10))
                + "% chance of rain in the afternoon. Sunrise is at " + (5 + r.nextInt(2)) + ":" + (10 + r.nextInt(49))
                + " and sunset at " + (18 + r.nextInt(3)) + ":" + (10 + r.nextInt(49)) + ". The pollen count is "
                + pick(List.of("low", "moderate", "high"), r) + " and the UV index is " + (1 + r.nextInt(10)) + ".\n\n"
                + "Tomorrow will be " + pick(List.of("cooler", "warmer", "drier", "wetter"), r) + ", with temperatures between "
                + (low + r.nextInt(4)) + " and " + (high + r.nextInt(5) - 2) + " degrees. The weekend outlook is "
                + pick(List.of("unsettled", "mostly dry", "changeable", "bright but cold"), r) + ", the national weather"
                + " service said, with air pressure of " + (990 + r.nextInt(40)) + " hectopascals.";
        return new Report("weather", issue, date, title, body);
    }

    private Report football(int issue, LocalDate date, Random r) {
        String home = pick(teams, r);
        String away = pick(teams, r);
        while (away.equals(home)) {
            away = pick(teams, r);
        }
        int hg = r.nextInt(5);
        int ag = r.nextInt(4);
        String scorer = pick(people, r);
        String title = home + " " + hg + "–" + ag + " " + away + ": " + (hg > ag ? home + " win" : hg < ag ? away
                + " win" : "honours even") + " in " + pick(places, r);
        String body = date.format(DAY) + "\n\n"
                + home + " and " + away + " met on " + date.getDayOfWeek().getDisplayName(TextStyle.FULL,
                Locale.ENGLISH) + " in front of " + (20_000 + r.nextInt(50_000)) + " spectators, the match ending "
                + hg + "–" + ag + ". " + scorer + " opened the scoring in the " + (3 + r.nextInt(40)) + "th minute, and "
                + pick(people, r) + " replied in the " + (46 + r.nextInt(40)) + "th.\n\n"
                + "The referee showed " + r.nextInt(6) + " yellow cards and awarded " + r.nextInt(3) + " penalties. "
                + home + " had " + (35 + r.nextInt(30)) + "% of possession and " + (4 + r.nextInt(15)) + " shots, "
                + (1 + r.nextInt(7)) + " of them on target; " + away + " managed " + (2 + r.nextInt(12)) + ".\n\n"
                + "The result leaves " + home + " on " + (r.nextInt(9) + 1) + " points after " + (2 + r.nextInt(3))
                + " games, with " + away + " on " + r.nextInt(8) + ". The coach said after the match that the team"
                + " would review the game before the next fixture on " + date.plusDays(4).format(DAY) + ".";
        return new Report("football", issue, date, title, body);
    }

    private Report earthquake(int issue, LocalDate date, Random r) {
        String place = pick(places, r);
        double magnitude = 4.5 + r.nextInt(30) / 10.0;
        int depth = 5 + r.nextInt(60);
        String title = "Magnitude " + fmt1(magnitude) + " earthquake strikes near " + place;
        String body = date.format(DAY) + "\n\n"
                + "An earthquake of magnitude " + fmt1(magnitude) + " struck " + (5 + r.nextInt(80)) + " kilometres "
                + pick(List.of("north", "south", "east", "west", "north-east", "south-east"), r) + " of " + place
                + " at " + String.format(Locale.ROOT, "%02d:%02d", r.nextInt(24), r.nextInt(60)) + " local time, at a"
                + " depth of " + depth + " kilometres, the geological survey said.\n\n"
                + "The tremor was felt up to " + (50 + r.nextInt(250)) + " kilometres away. Authorities said "
                + r.nextInt(12) + " people were injured and " + (r.nextInt(40) + 2) + " buildings were damaged; there"
                + " were no immediate reports of deaths. " + (r.nextInt(20) + 3) + " aftershocks were recorded in the"
                + " following " + (2 + r.nextInt(10)) + " hours, the strongest of magnitude " + fmt1(3.0 + r.nextInt(12) / 10.0)
                + ".\n\n"
                + "No tsunami warning was issued. Schools in the area will stay closed until " + date.plusDays(1 + r.nextInt(3))
                .format(DAY) + " while engineers inspect " + (10 + r.nextInt(90)) + " public buildings, the regional"
                + " government said in a statement.";
        return new Report("earthquake", issue, date, title, body);
    }

    private static String pick(List<String> from, Random r) {
        return from.get(r.nextInt(from.size()));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String fmt1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
