package io.newswatch.story;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A story's id: a hash of the id of the article that founded it, so a re-run gives the same ids. */
public final class StoryIds {

    private StoryIds() {
    }

    public static String of(String foundingArticleId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(foundingArticleId.getBytes(StandardCharsets.UTF_8));
            return "story-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
