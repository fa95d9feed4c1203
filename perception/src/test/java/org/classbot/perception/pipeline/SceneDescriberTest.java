package org.classbot.perception.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.classbot.perception.Box;
import org.classbot.perception.Detection;
import org.junit.jupiter.api.Test;

class SceneDescriberTest {

    private static Detection d(int cls, double score) {
        return Detection.coco(new Box(0, 0, 10, 10), cls, score);
    }

    @Test
    void should_say_people_first_then_things_in_both_languages() {
        SceneDescriber.Scene s = new SceneDescriber().describe(List.of(d(56, 0.8), d(0, 0.9), d(0, 0.7), d(0, 0.2)));
        assertThat(s.english()).isEqualTo("two people, a chair");
        assertThat(s.chinese()).isEqualTo("两个人，一把椅子");
        assertThat(s.bilingual()).isEqualTo("two people, a chair / 两个人，一把椅子");
        assertThat(s.counts()).containsEntry("person", 2).containsEntry("chair", 1);
    }

    @Test
    void should_use_measure_words_plurals_and_an() {
        SceneDescriber.Scene s = new SceneDescriber().describe(List.of(d(16, 0.9), d(16, 0.9), d(16, 0.9),
                d(2, 0.5), d(47, 0.6), d(73, 0.5)));
        assertThat(s.english()).isEqualTo("three dogs, a car, an apple, a book");
        assertThat(s.chinese()).isEqualTo("三只狗，一辆汽车，一个苹果，一本书");
    }

    @Test
    void should_say_when_nothing_is_recognised() {
        assertThat(new SceneDescriber().describe(List.of(d(0, 0.1))).bilingual())
                .isEqualTo("nothing I recognise / 没有看到认识的东西");
    }
}
