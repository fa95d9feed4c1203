package org.classbot.perception.count;

import static org.classbot.perception.Coco.*;

import java.util.Locale;

/**
 * The exercises ClassBot counts, each a joint angle (interior angle at the middle joint, degrees)
 * that is large in the extended position and small in the flexed one, plus the gates that tell the
 * exercise from other movement. One repetition = extended → flexed, counted on reaching flexed.
 *
 * <p>Angle ranges are from published kinematics of each exercise, not from the test clips:
 * <ul>
 * <li><b>squat</b> (hip–knee–ankle): standing ≈ 170–180°; a parallel squat reaches ≈ 90–110° knee
 *   flexion (angle ≈ 70–90°), a half squat ≈ 60–70° flexion (Escamilla 2001, "Knee biomechanics of the
 *   dynamic squat exercise", Med Sci Sports Exerc 33(1):127–139). Walking peaks at ≈ 60–65° knee flexion
 *   in swing (Perry &amp; Burnfield, "Gait Analysis", 2nd ed.), so a squat must bend the knee to ≤ 115°
 *   (≥ 65° flexion), move ≥ 40°, and keep the feet in place.</li>
 * <li><b>push-up</b> (shoulder–elbow–wrist): arms extended ≈ 160–180°; the standard push-up bottom is
 *   ≈ 90° elbow flexion (angle ≈ 80–100°; ACSM's Guidelines for Exercise Testing, push-up test). Flexed
 *   must reach ≤ 120°, movement ≥ 40°, hands in place, torso closer to horizontal than vertical.</li>
 * <li><b>sit-up</b> (shoulder–hip–knee): lying with bent knees ≈ 100–140°, a full sit-up brings the trunk
 *   to the thighs (≈ 40–60°); a crunch / curl-up only lifts the shoulder blades, 30–45° of trunk flexion
 *   (Halpern &amp; Bleck 1979, "Sit-up exercises: an electromyographic study", Clin Orthop 145:172–178),
 *   which seen in 2-D changes the angle by only ≈ 15°. So the flexed threshold is relative — movement
 *   ≥ 10° from the person's own range, hips in place — under a loose absolute limit of 140° (the top of
 *   the lying range: any sit-up or crunch flexes below it; a walker's hip stays near 160–180°). Every sit-up and curl-up protocol bends the knees
 *   (ACSM curl-up and army sit-up ≈ 90°, FITNESSGRAM curl-up ≈ 140°), while a walker's hip flexes most
 *   when the knee is nearly straight (late swing, Perry &amp; Burnfield), so a sit-up counts only with the
 *   knee angle ≤ 150° where the ankle is seen.</li>
 * </ul>
 */
public enum Exercise {

    SITUP("sit-up", "仰卧起坐", LEFT_SHOULDER, LEFT_HIP, LEFT_KNEE, RIGHT_SHOULDER, RIGHT_HIP, RIGHT_KNEE,
            10, 140, Anchor.HIPS, Posture.ANY, 150),
    PUSHUP("push-up", "俯卧撑", LEFT_SHOULDER, LEFT_ELBOW, LEFT_WRIST, RIGHT_SHOULDER, RIGHT_ELBOW, RIGHT_WRIST,
            40, 120, Anchor.WRISTS, Posture.HORIZONTAL, 180),
    SQUAT("squat", "深蹲", LEFT_HIP, LEFT_KNEE, LEFT_ANKLE, RIGHT_HIP, RIGHT_KNEE, RIGHT_ANKLE,
            40, 115, Anchor.ANKLES, Posture.UPRIGHT, 180);

    /** Which keypoints must stay in place during a repetition (walking moves them all). */
    public enum Anchor {
        HIPS(LEFT_HIP, RIGHT_HIP), WRISTS(LEFT_WRIST, RIGHT_WRIST), ANKLES(LEFT_ANKLE, RIGHT_ANKLE);

        final int left, right;

        Anchor(int left, int right) {
            this.left = left;
            this.right = right;
        }
    }

    /** Body orientation required while counting (shoulder–hip line). */
    public enum Posture { ANY, HORIZONTAL, UPRIGHT }

    private final String english;
    private final String chinese;
    final int[] left;
    final int[] right;
    /** Smallest angle change (degrees) that can be a repetition. */
    final double minAmplitude;
    /** The flexed state needs an angle at or below this (degrees). */
    final double flexedMax;
    final Anchor anchor;
    final Posture posture;
    /** The knee (hip–knee–ankle) must be bent at least this much when a rep counts; 180 = no check. */
    final double kneeMax;

    Exercise(String english, String chinese, int la, int lb, int lc, int ra, int rb, int rc,
             double minAmplitude, double flexedMax, Anchor anchor, Posture posture, double kneeMax) {
        this.english = english;
        this.chinese = chinese;
        this.left = new int[] {la, lb, lc};
        this.right = new int[] {ra, rb, rc};
        this.minAmplitude = minAmplitude;
        this.flexedMax = flexedMax;
        this.anchor = anchor;
        this.posture = posture;
        this.kneeMax = kneeMax;
    }

    public String english() { return english; }

    public String chinese() { return chinese; }

    /** The joint triple of a side, e.g. shoulder, hip, knee. */
    public int[] joints(Side side) { return (side == Side.LEFT ? left : right).clone(); }

    public double minAmplitude() { return minAmplitude; }

    public double flexedMax() { return flexedMax; }

    /** Parses {@code situp|pushup|squat} (also "sit-up", "push-up", any case). */
    public static Exercise parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (Exercise e : values()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(n) || (n.endsWith("s") && e.name().toLowerCase(Locale.ROOT).equals(n.substring(0, n.length() - 1)))) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown exercise '" + name + "': use situp, pushup or squat (or people to count people)");
    }

    public enum Side { LEFT, RIGHT }
}
