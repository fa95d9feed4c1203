package org.classbot.knowledge.langchain4j;

import java.util.Collection;
import java.util.UUID;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;

import org.classbot.knowledge.index.ChunkSchema;

/**
 * LangChain4j metadata {@link Filter}s as Lucene queries, with LangChain4j's semantics: "not equal" and
 * "not in" also match entries that lack the key; numbers compare as numbers, strings lexicographically.
 */
public final class MetadataFilters {
    private MetadataFilters() {
    }

    public static Query toQuery(Filter f) {
        if (f instanceof And a) {
            return new BooleanQuery.Builder().add(toQuery(a.left()), Occur.FILTER).add(toQuery(a.right()), Occur.FILTER).build();
        }
        if (f instanceof Or o) {
            return new BooleanQuery.Builder().add(toQuery(o.left()), Occur.SHOULD).add(toQuery(o.right()), Occur.SHOULD)
                    .setMinimumNumberShouldMatch(1).build();
        }
        if (f instanceof Not n) {
            return not(toQuery(n.expression()));
        }
        if (f instanceof IsEqualTo e) {
            return equal(e.key(), e.comparisonValue());
        }
        if (f instanceof IsNotEqualTo e) {
            return not(equal(e.key(), e.comparisonValue()));
        }
        if (f instanceof IsIn in) {
            return anyOf(in.key(), in.comparisonValues());
        }
        if (f instanceof IsNotIn in) {
            return not(anyOf(in.key(), in.comparisonValues()));
        }
        if (f instanceof IsGreaterThan c) {
            return range(c.key(), c.comparisonValue(), false, true, false);
        }
        if (f instanceof IsGreaterThanOrEqualTo c) {
            return range(c.key(), c.comparisonValue(), true, true, false);
        }
        if (f instanceof IsLessThan c) {
            return range(c.key(), c.comparisonValue(), false, false, true);
        }
        if (f instanceof IsLessThanOrEqualTo c) {
            return range(c.key(), c.comparisonValue(), true, false, true);
        }
        if (f instanceof ContainsString c) {
            String v = c.comparisonValue().replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
            return new WildcardQuery(new Term(ChunkSchema.STRING + c.key(), "*" + v + "*"));
        }
        throw new UnsupportedOperationException("metadata filter " + f.getClass().getSimpleName() + " is not supported by the Lucene store");
    }

    private static Query not(Query q) {
        return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER).add(q, Occur.MUST_NOT).build();
    }

    private static Query equal(String key, Object value) {
        if (value instanceof Number n) {
            return DoublePoint.newExactQuery(ChunkSchema.NUMBER + key, n.doubleValue());
        }
        if (value instanceof String || value instanceof UUID) {
            return new TermQuery(new Term(ChunkSchema.STRING + key, value.toString()));
        }
        throw new IllegalArgumentException("metadata filter value of type " + value.getClass().getSimpleName() + " is not supported");
    }

    private static Query anyOf(String key, Collection<?> values) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Object v : values) {
            b.add(equal(key, v), Occur.SHOULD);
        }
        return b.setMinimumNumberShouldMatch(values.isEmpty() ? 0 : 1).build();
    }

    private static Query range(String key, Comparable<?> value, boolean inclusive, boolean lowerBound, boolean upperBound) {
        if (value instanceof Number n) {
            double v = n.doubleValue();
            double lo = lowerBound ? (inclusive ? v : Math.nextUp(v)) : Double.NEGATIVE_INFINITY;
            double hi = upperBound ? (inclusive ? v : Math.nextDown(v)) : Double.POSITIVE_INFINITY;
            return DoublePoint.newRangeQuery(ChunkSchema.NUMBER + key, lo, hi);
        }
        String s = value.toString();
        String field = ChunkSchema.STRING + key;
        return lowerBound ? TermRangeQuery.newStringRange(field, s, null, inclusive, false)
                : TermRangeQuery.newStringRange(field, null, s, false, inclusive);
    }
}
