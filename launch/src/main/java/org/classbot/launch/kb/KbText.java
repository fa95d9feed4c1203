package org.classbot.launch.kb;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import org.classbot.knowledge.Answer;
import org.classbot.knowledge.Citation;
import org.classbot.knowledge.Explain;
import org.classbot.knowledge.SearchHit;

/** Human-readable output of the kb and ask commands, with Chinese and English labels. */
final class KbText {
    private KbText() {
    }

    static void hits(PrintWriter out, String query, List<SearchHit> hits, boolean explain) {
        if (hits.isEmpty()) {
            out.println("没有找到相关内容 / nothing found for: " + query);
            return;
        }
        int n = 1;
        for (SearchHit h : hits) {
            out.printf(Locale.ROOT, "%d. %s #%d%s%s  (得分 score %.4f)%n", n++, h.doc(), h.chunk(),
                    h.page() > 0 ? " p." + h.page() : "", h.heading().isEmpty() ? "" : " · " + h.heading(), h.score());
            out.println(indent(h.text()));
            if (explain) {
                out.println("   " + explain(h.explain()));
            }
        }
    }

    static String explain(Explain e) {
        return String.format(Locale.ROOT, "BM25 %.3f (名次 rank %s) · 余弦 cosine %.3f (名次 rank %s) · 最佳句余弦 best-sentence cosine %.3f (名次 rank %s) · 融合 fused %.4f%s",
                e.bm25Score(), rank(e.bm25Rank()), e.cosine(), rank(e.vectorRank()), e.sentenceCosine(), rank(e.sentenceRank()), e.fusedScore(),
                e.rerankScore() == null ? "" : String.format(Locale.ROOT, " · 重排 rerank %.3f", e.rerankScore())) + e.translation();
    }

    private static String rank(int r) {
        return r == 0 ? "-" : Integer.toString(r);
    }

    static void answer(PrintWriter out, Answer a, boolean explain) {
        out.println("答 / Answer: " + a.answer());
        if (!a.citations().isEmpty()) {
            out.println("出处 / Sources:");
            for (Citation c : a.citations()) {
                out.println("  [" + c.number() + "] " + c.doc() + " #" + c.chunk() + (c.page() > 0 ? " p." + c.page() : "")
                        + ": " + oneLine(c.text()));
            }
        }
        if (!a.note().isEmpty()) {
            out.println("注 / Note: " + a.note());
        }
        if (explain) {
            out.println("检索 / Retrieved (" + a.mode() + "):");
            int n = 1;
            for (SearchHit h : a.hits()) {
                out.println("  " + n++ + ". " + h.doc() + " #" + h.chunk() + "  " + explain(h.explain()));
            }
        }
    }

    private static String indent(String text) {
        return "   " + text.strip().replaceAll("\\R", "\n   ");
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 160 ? t.substring(0, 160) + "…" : t;
    }
}
