package io.newswatch.bench;

import io.newswatch.article.Article;
import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The baseline: Lucene's {@code monitor} with one stored query per entity, its aliases as phrase
 * queries OR'ed, over a UAX #29 tokenizer with possessive stripping, lower-casing and ASCII
 * folding (the closest Lucene analysis chain to the matcher's normalisation). The monitor's
 * default term-filtered presearcher picks candidate queries per document.
 */
final class LuceneMonitorBaseline implements Closeable {

    static final String FIELD = "text";

    private final Monitor monitor;

    LuceneMonitorBaseline(List<WatchedEntity> entities) throws IOException {
        Analyzer analyzer = analyzer();
        this.monitor = new Monitor(analyzer);
        QueryBuilder builder = new QueryBuilder(analyzer);
        List<MonitorQuery> batch = new ArrayList<>(10_000);
        for (WatchedEntity e : entities) {
            BooleanQuery.Builder bq = new BooleanQuery.Builder();
            for (Alias a : e.aliases()) {
                Query q = builder.createPhraseQuery(FIELD, a.text());
                if (q != null) {
                    bq.add(q, BooleanClause.Occur.SHOULD);
                }
            }
            batch.add(new MonitorQuery(e.id(), bq.build()));
            if (batch.size() == 10_000) {
                monitor.register(batch);
                batch.clear();
            }
        }
        monitor.register(batch);
    }

    static Analyzer analyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream ts = new EnglishPossessiveFilter(source);
                ts = new LowerCaseFilter(ts);
                ts = new ASCIIFoldingFilter(ts);
                return new TokenStreamComponents(source, ts);
            }
        };
    }

    /** Ids of the entities whose query matches the text. */
    Set<String> match(String text) {
        Document doc = new Document();
        doc.add(new TextField(FIELD, text, Field.Store.NO));
        try {
            MatchingQueries<QueryMatch> result = monitor.match(doc, QueryMatch.SIMPLE_MATCHER);
            Set<String> ids = new TreeSet<>();
            for (QueryMatch m : result.getMatches()) {
                ids.add(m.getQueryId());
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Title and body as one text, as the benchmark feeds both engines. */
    static String text(Article a) {
        return a.title() == null ? a.body() : a.title() + "\n\n" + a.body();
    }

    @Override
    public void close() throws IOException {
        monitor.close();
    }
}
