package org.classbot.agent.plan.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "一, 1", "两, 2", "二, 2", "十, 10", "十五, 15", "二十, 20", "二十五, 25", "九十, 90", "一百, 100",
            "一百二十, 120", "一百二, 120", "两百, 200", "一千零五, 1005", "一千五, 1500", "三万, 30000",
            "一点五, 1.5", "零点三, 0.3", "半, 0.5", "四分之一, 0.25", "三分之二, 0.6666666666666666", "一二〇, 120"})
    void should_read_chinese_numerals(String text, double value) {
        assertThat(Numbers.parseChinese(text)).hasValue(value);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "one, 1", "a, 1", "ninety, 90", "forty-five, 45", "one hundred and twenty, 120", "a hundred and twenty, 120",
            "half a, 0.5", "one and a half, 1.5", "two point five, 2.5", "a quarter, 0.25", "three quarters of a, 0.75",
            "a full, 1", "a couple of, 2", "three thousand, 3000", "twenty one, 21"})
    void should_read_english_number_words(String text, double value) {
        assertThat(Numbers.parseEnglish(text)).hasValue(value);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"90, 90", "-90, -90", "1.5, 1.5", ".5, 0.5", "1/2, 0.5", "3 / 4, 0.75"})
    void should_read_digits_and_fractions(String text, double value) {
        assertThat(Numbers.parse(text)).hasValue(value);
    }

    @Test
    void should_read_pi_multiples() {
        assertThat(Numbers.parse("pi/2").getAsDouble()).isCloseTo(Math.PI / 2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Numbers.parse("2π").getAsDouble()).isCloseTo(2 * Math.PI, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void should_refuse_what_is_not_a_number() {
        assertThat(Numbers.parse("hello")).isEmpty();
        assertThat(Numbers.parse("米")).isEmpty();
        assertThat(Numbers.parse("1/0")).isEmpty();
    }
}
