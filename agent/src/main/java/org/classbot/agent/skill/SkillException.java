package org.classbot.agent.skill;

/** A skill could not do its action; the message is for the user (bilingual where possible). */
public class SkillException extends RuntimeException {

    public SkillException(String message) {
        super(message);
    }

    public SkillException(String message, Throwable cause) {
        super(message, cause);
    }
}
