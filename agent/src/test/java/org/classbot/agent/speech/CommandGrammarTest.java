package org.classbot.agent.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.classbot.agent.plan.offline.OfflinePlanner;
import org.classbot.agent.plan.PlaceCatalog;
import org.classbot.agent.skill.MapPlaces;
import org.classbot.bridge.map.RoomMap;

/** The grammar speaks the planner's language: every sentence it can produce plans to at least one action. */
class CommandGrammarTest {

    private final PlaceCatalog places = MapPlaces.catalog(RoomMap.classroom());
    private final CommandGrammar grammar = CommandGrammar.forPlaces(places);

    @Test
    void should_only_produce_sentences_the_planner_understands() {
        OfflinePlanner planner = new OfflinePlanner(places);
        Random r = new Random(11);
        List<String> notUnderstood = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String s = grammar.sample(r);
            if (planner.plan(s).actions().isEmpty() && !s.matches("yes|no|confirm|cancel|reset|okay")) {
                notUnderstood.add(s);
            }
        }
        assertThat(notUnderstood).isEmpty();
    }

    @Test
    void should_hold_every_place_of_the_map_and_only_words_the_dictionary_can_say() {
        assertThat(grammar.jsgf()).startsWith("#JSGF V1.0;").contains("public <utterance>").contains("whiteboard").contains("door");
        assertThat(grammar.words()).allMatch(SphinxEngine::pronounceable);
        assertThat(grammar.words()).contains("stop", "halt", "freeze", "meters", "degrees", "ninety");
    }
}
