package io.newswatch.story.eval;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Site boilerplate of five made-up outlets: a header (masthead, section, byline, time stamps,
 * share buttons) and a footer (copyright, newsletter, follow, "most read"), together 60 to 70
 * words, with a byline, dates and times that differ from article to article as on real sites.
 */
final class Outlets {

    private static final String[] AUTHORS = {"Maria Keller", "James Okafor", "Lena Fischer", "Tom Whitaker",
            "Aisha Rahman", "Pedro Alves", "Hannah Lindqvist", "Daniel Mercer", "Yuki Tanaka", "Sofia Marchetti"};

    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

    /** A wrapped text: header, the text, footer. */
    record Wrapped(String outlet, String header, String footer) {
        String around(String body) {
            return header + "\n\n" + body.strip() + "\n\n" + footer;
        }
    }

    private Outlets() {
    }

    static final int COUNT = 5;

    static Wrapped wrap(int outlet, LocalDate date, Random random) {
        String author = AUTHORS[random.nextInt(AUTHORS.length)];
        String time = String.format(Locale.ROOT, "%02d:%02d", 5 + random.nextInt(17), random.nextInt(60));
        String later = String.format(Locale.ROOT, "%02d:%02d", 6 + random.nextInt(17), random.nextInt(60));
        int year = date.getYear();
        return switch (Math.floorMod(outlet, COUNT)) {
            case 0 -> new Wrapped("The Daily Ledger",
                    "The Daily Ledger | World | Published " + time + " GMT, " + date.format(LONG) + " | Updated "
                            + later + " GMT\nBy " + author + ", staff reporter\nShare this article: Facebook Twitter Email WhatsApp",
                    "Copyright " + year + " The Daily Ledger. All rights reserved. This material may not be published,"
                            + " broadcast, rewritten or redistributed without permission.\nSign up for our morning"
                            + " newsletter to get the top stories delivered to your inbox.");
            case 1 -> new Wrapped("Metro Herald Online",
                    "HOME > NEWS > INTERNATIONAL\nMetro Herald Online\n" + date.format(US) + " at " + time
                            + "\nWritten by " + author,
                    "Read more:\nMost popular: Ten things to know before the weekend\nEditor's picks: The week in pictures"
                            + "\nAdvertisement\nDo you have a story to share? Contact our newsroom by email. Follow Metro Herald"
                            + " on Twitter, Instagram and YouTube. © " + year + " Metro Herald Media Group");
            case 2 -> new Wrapped("Coastal Times",
                    "Coastal Times — Latest News\n" + author + " | " + date.format(LONG) + ", " + time + "\nListen to this"
                            + " article (" + (2 + random.nextInt(6)) + " min)\nTopics: World, Politics, Breaking",
                    "This story has been updated with additional information. The Coastal Times is committed to accurate"
                            + " reporting; to report an error, use our corrections form.\nSubscribe for $" + (1 + random.nextInt(9))
                            + " a month and support independent journalism. Already a subscriber? Log in.");
            case 3 -> new Wrapped("NewsLine 24",
                    "NewsLine 24 / Breaking news / " + date.format(US) + "\nLast updated " + later + " by " + author
                            + "\nWe use cookies to improve your experience on our site. By continuing you agree to our"
                            + " privacy policy.",
                    "Share on Facebook | Share on Twitter | Copy link\nRelated topics: International news, Government,"
                            + " Society\nGet breaking news alerts on your phone: download the NewsLine 24 app. Terms of use"
                            + " | Privacy | Contact us");
            default -> new Wrapped("Valley Post-Gazette",
                    "VALLEY POST-GAZETTE\nSection: Nation & World\n" + date.format(LONG) + " " + time + " local time\nStory by "
                            + author + " with wire reports",
                    "The Valley Post-Gazette welcomes letters to the editor; letters should be under 300 words and include"
                            + " your full name and town.\nYou have read " + (2 + random.nextInt(4)) + " of 5 free articles this"
                            + " month. Subscribe today for unlimited access.\nPosted in: News, World, Top Stories");
        };
    }

    static List<String> names() {
        return List.of("The Daily Ledger", "Metro Herald Online", "Coastal Times", "NewsLine 24", "Valley Post-Gazette");
    }
}
