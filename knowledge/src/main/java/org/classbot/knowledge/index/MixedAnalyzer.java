package org.classbot.knowledge.index;

import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;

/**
 * Chinese text with English in it: SmartCN's HMM word segmentation (which keeps Latin words and numbers
 * whole), width folding (full-width letters/digits), lower case, SmartCN's punctuation stop set plus
 * English and common Chinese function words, and Porter stemming for the English words.
 */
public final class MixedAnalyzer extends Analyzer {
    static final CharArraySet STOP_WORDS;

    static {
        CharArraySet s = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), true);
        s.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        s.addAll(List.of("what", "where", "when", "who", "whom", "which", "how", "why", "can", "do", "does", "did",
                "i", "you", "we", "my", "our", "your", "me", "us", "should", "may", "must", "am", "have", "has", "from",
                "的", "了", "吗", "呢", "吧", "啊", "是", "在", "我", "你", "我们", "他", "她", "它", "和", "与", "或",
                "什么", "怎么", "怎样", "如何", "哪里", "哪儿", "哪", "谁", "多少", "几", "请问", "一下", "可以", "能", "要", "会",
                "这", "那", "这个", "那个", "有", "就", "都", "也", "还", "被", "把", "对", "给", "让", "应该", "需要"));
        STOP_WORDS = CharArraySet.unmodifiableSet(s);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new HMMChineseTokenizer();
        TokenStream ts = new CJKWidthFilter(tokenizer);
        ts = new LowerCaseFilter(ts);
        ts = new ASCIIFoldingFilter(ts);
        ts = new StopFilter(ts, STOP_WORDS);
        ts = new PorterStemFilter(ts);
        return new TokenStreamComponents(tokenizer, ts);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(new CJKWidthFilter(in));
    }
}
