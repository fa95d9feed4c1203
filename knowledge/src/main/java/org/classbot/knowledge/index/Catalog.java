package org.classbot.knowledge.index;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

import org.classbot.knowledge.IndexedFile;
import org.classbot.knowledge.KnowledgeBaseException;

/** The files an index holds: listed from the {@code s.source} terms, found by path, matched by a user's target. */
public final class Catalog {
    private final LuceneIndex index;

    public Catalog(LuceneIndex index) {
        this.index = index;
    }

    /** The files in the index, by path. */
    public List<IndexedFile> list() {
        return index.withSearcher(s -> {
            List<IndexedFile> out = new ArrayList<>();
            Terms terms = MultiTerms.getTerms(s.getIndexReader(), ChunkSchema.STRING + ChunkSchema.META_SOURCE);
            if (terms == null) {
                return out;
            }
            TermsEnum te = terms.iterator();
            for (BytesRef t = te.next(); t != null; t = te.next()) {
                file(s, t.utf8ToString()).ifPresent(out::add); // absent: only deleted chunks left under this term
            }
            return out;
        });
    }

    /** The indexed file at an absolute path. */
    public Optional<IndexedFile> find(String source) {
        return index.withSearcher(s -> file(s, source));
    }

    private static Optional<IndexedFile> file(IndexSearcher s, String source) throws java.io.IOException {
        Query q = ChunkSchema.sourceQuery(source);
        TopDocs top = s.search(q, 1);
        if (top.scoreDocs.length == 0) {
            return Optional.empty();
        }
        Map<String, Object> m = ChunkSchema.metadata(s.storedFields().document(top.scoreDocs[0].doc));
        return Optional.of(new IndexedFile(str(m.get(ChunkSchema.META_FILE_NAME)), source, s.count(q), str(m.get(ChunkSchema.META_HASH))));
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /**
     * The indexed files a target names: a file path, a folder path (every file under it) or a file name as
     * listed (when it names one file only).
     *
     * @throws KnowledgeBaseException when nothing matches or a file name is ambiguous
     */
    public List<IndexedFile> matching(String target) {
        if (target == null || target.isBlank()) {
            throw new KnowledgeBaseException("nothing to delete: give a file name or path as shown by 'classbot kb list'");
        }
        List<IndexedFile> all = list();
        String abs;
        try {
            abs = Path.of(target).toAbsolutePath().normalize().toString();
        } catch (RuntimeException e) {
            abs = target;
        }
        String dirPrefix = abs.endsWith("/") ? abs : abs + "/";
        List<IndexedFile> match = new ArrayList<>();
        for (IndexedFile f : all) {
            if (f.source().equals(abs) || f.source().equals(target) || f.source().startsWith(dirPrefix)) {
                match.add(f);
            }
        }
        if (match.isEmpty()) {
            for (IndexedFile f : all) {
                if (f.doc().equals(target)) {
                    match.add(f);
                }
            }
            if (match.size() > 1) {
                throw new KnowledgeBaseException("'" + target + "' names " + match.size() + " files in the index ("
                        + String.join(", ", match.stream().map(IndexedFile::source).toList()) + "); pass the full path");
            }
        }
        if (match.isEmpty()) {
            throw new KnowledgeBaseException("no file '" + target + "' in index " + index.path()
                    + " (see 'classbot kb list' for what it holds)");
        }
        return match;
    }

    /** Removes a file's chunks in one transaction; returns how many there were. */
    public int remove(String source) {
        return index.delete(ChunkSchema.sourceQuery(source));
    }
}
