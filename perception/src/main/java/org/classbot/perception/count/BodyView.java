package org.classbot.perception.count;

import static org.classbot.perception.Coco.LEFT_HIP;
import static org.classbot.perception.Coco.LEFT_SHOULDER;
import static org.classbot.perception.Coco.LEFT_WRIST;
import static org.classbot.perception.Coco.RIGHT_HIP;
import static org.classbot.perception.Coco.RIGHT_SHOULDER;
import static org.classbot.perception.Coco.RIGHT_WRIST;

import java.util.Locale;

import org.classbot.perception.Keypoint;
import org.classbot.perception.PoseEstimate;

/**
 * Issue 14: from which view the movement is read, and whether the body's orientation fits the exercise. Side view:
 * the shoulder–hip line tells a plank (push-up) from standing (squat). Front view (a push-up filmed head-on): the
 * torso points at the camera, so the shoulder–hip line is short and says nothing; the evidence is instead both
 * shoulders wide apart (at least half an upper arm), the torso foreshortened to less than {@value #FRONT_TORSO_RATIO} of the shoulder width,
 * and both wrists below and near the shoulders (hands on the floor). The elbow angle is then read in the image,
 * where it changes clearly as the elbows bend outward.
 */
final class BodyView {

    enum View { SIDE, FRONT }

    /** The view, and the reason the frame cannot be used (null when it can), with the evidence in words. */
    record Verdict(View view, String problem, String evidence) {
    }

    static final double FRONT_TORSO_RATIO = 0.8;

    private BodyView() {
    }

    /**
     * @param wasFront the counter reads this person head-on already: the front test is looser (hysteresis), so one
     *                 noisy frame does not flip the view
     */
    static Verdict check(Exercise exercise, PoseEstimate pose, Exercise.Side s, double minScore, boolean wasFront) {
        if (exercise.posture == Exercise.Posture.ANY) {
            return new Verdict(View.SIDE, null, "any orientation");
        }
        Keypoint shoulder = pose.keypoint(s == Exercise.Side.LEFT ? LEFT_SHOULDER : RIGHT_SHOULDER);
        Keypoint hip = pose.keypoint(s == Exercise.Side.LEFT ? LEFT_HIP : RIGHT_HIP);
        String front = exercise == Exercise.PUSHUP ? frontPlank(pose, minScore, wasFront ? 1.5 : 1.0) : null;
        if (front != null) {
            return new Verdict(View.FRONT, null, front); // shoulders wide apart: not a side view, whatever the hips say
        }
        if (Math.min(shoulder.score(), hip.score()) < minScore) {
            return new Verdict(View.SIDE, "torso not seen (shoulder/hip score low)", "");
        }
        double dx = Math.abs(shoulder.x() - hip.x()), dy = hip.y() - shoulder.y();
        String evidence = String.format(Locale.ROOT, "shoulder-hip line %.0f px across, %.0f px down", dx, dy);
        if (exercise.posture == Exercise.Posture.HORIZONTAL && Math.abs(dy) > dx) {
            return new Verdict(View.SIDE, "torso not horizontal (push-up position; film it side-on or head-on at floor level)", evidence);
        }
        if (exercise.posture == Exercise.Posture.UPRIGHT && dy < 0.3 * dx) {
            return new Verdict(View.SIDE, "torso not upright (squat position)", evidence);
        }
        return new Verdict(View.SIDE, null, evidence);
    }

    /** The evidence of a push-up plank seen head-on, or null. */
    private static String frontPlank(PoseEstimate pose, double minScore, double slack) {
        Keypoint ls = pose.keypoint(LEFT_SHOULDER), rs = pose.keypoint(RIGHT_SHOULDER);
        Keypoint lw = pose.keypoint(LEFT_WRIST), rw = pose.keypoint(RIGHT_WRIST);
        if (Math.min(Math.min(ls.score(), rs.score()), Math.min(lw.score(), rw.score())) < minScore) {
            return null;
        }
        double width = Math.abs(ls.x() - rs.x());
        Keypoint le = pose.keypoint(org.classbot.perception.Coco.LEFT_ELBOW), re = pose.keypoint(org.classbot.perception.Coco.RIGHT_ELBOW);
        double upperArm = Math.max(Math.hypot(le.x() - ls.x(), le.y() - ls.y()), Math.hypot(re.x() - rs.x(), re.y() - rs.y()));
        if (width < 0.5 / slack * upperArm || width < 1) {
            return null; // seen from the side the shoulders overlap
        }
        Keypoint lh = pose.keypoint(LEFT_HIP), rh = pose.keypoint(RIGHT_HIP);
        double shoulderY = (ls.y() + rs.y()) / 2;
        double torso = Math.min(lh.score(), rh.score()) >= minScore ? Math.abs((lh.y() + rh.y()) / 2 - shoulderY) : 0;
        boolean wristsBelow = lw.y() > ls.y() && rw.y() > rs.y();
        boolean wristsNear = Math.abs(lw.x() - ls.x()) < slack * width && Math.abs(rw.x() - rs.x()) < slack * width;
        if (torso < slack * FRONT_TORSO_RATIO * width && wristsBelow && wristsNear) {
            return String.format(Locale.ROOT, "shoulders %.0f px apart, torso %.0f px tall (< %.1f x), wrists below the "
                    + "shoulders: a push-up seen head-on, reading the elbow angle in the image", width, torso, FRONT_TORSO_RATIO);
        }
        return null;
    }
}
