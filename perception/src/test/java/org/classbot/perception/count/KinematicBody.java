package org.classbot.perception.count;

import static org.classbot.perception.Coco.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleFunction;

import org.classbot.perception.Box;
import org.classbot.perception.Keypoint;
import org.classbot.perception.PoseEstimate;

/**
 * A 2-D stick-figure body seen from the side (facing +x), posed from one joint angle per frame,
 * with sensor-like defects: Gaussian keypoint noise, single-frame outliers (a keypoint jumps with a
 * high score), dropped keypoints (score near 0, position garbage) and a far side seen worse than
 * the near side. Segment lengths are in pixels of a 640×480-ish frame.
 */
final class KinematicBody {

    final double thigh = 90, shin = 88, torso = 115, upperArm = 62, forearm = 58, head = 30;
    final double x0, ground;
    final Random rnd;
    double noisePx = 2.5;
    double outlierProbability = 0.02;
    double dropProbability = 0.03;
    double nearScore = 0.8, farScore = 0.45;
    boolean nearIsLeft = true;

    KinematicBody(double x0, double ground, long seed) {
        this.x0 = x0;
        this.ground = ground;
        this.rnd = new Random(seed);
    }

    /** An angle profile over time: segments of holds and repetitions. */
    static final class Profile {
        private final List<double[]> segments = new ArrayList<>(); // {startT, endT, kind, a, b}
        private double end;

        Profile hold(double angle, double seconds) {
            segments.add(new double[] {end, end + seconds, 0, angle, angle});
            end += seconds;
            return this;
        }

        /** extended → flexed → extended, cosine shaped. */
        Profile rep(double extended, double flexed, double seconds) {
            segments.add(new double[] {end, end + seconds, 1, extended, flexed});
            end += seconds;
            return this;
        }

        /** from → to, half-cosine shaped. */
        Profile ramp(double from, double to, double seconds) {
            segments.add(new double[] {end, end + seconds, 2, from, to});
            end += seconds;
            return this;
        }

        /** n repetitions. */
        Profile reps(int n, double extended, double flexed, double seconds) {
            for (int i = 0; i < n; i++) {
                rep(extended, flexed, seconds);
            }
            return this;
        }

        double duration() { return end; }

        double at(double t) {
            for (double[] s : segments) {
                if (t < s[1] || s == segments.get(segments.size() - 1)) {
                    if (s[2] == 0) {
                        return s[3];
                    }
                    double u = Math.min(1, Math.max(0, (t - s[0]) / (s[1] - s[0])));
                    double turns = s[2] == 1 ? 2 : 1;
                    return s[3] + (s[4] - s[3]) * (1 - Math.cos(turns * Math.PI * u)) / 2;
                }
            }
            return Double.NaN;
        }
    }

    /** Squat: knee interior angle in degrees; ankles fixed at x0. */
    PoseEstimate squat(double kneeAngle) {
        double flex = 180 - kneeAngle;
        double s = Math.toRadians(flex * 0.4), t = Math.toRadians(flex * 0.6);
        double ax = x0, ay = ground;
        double kx = ax + shin * Math.sin(s), ky = ay - shin * Math.cos(s);
        double hx = kx - thigh * Math.sin(t), hy = ky - thigh * Math.cos(t);
        double lean = Math.toRadians(flex * 0.35);
        double sx = hx + torso * Math.sin(lean), sy = hy - torso * Math.cos(lean);
        double ex = sx + upperArm * 0.6, ey = sy + upperArm * 0.8;
        double wx = ex + forearm, wy = ey;
        return pose(sx, sy, ex, ey, wx, wy, hx, hy, kx, ky, ax, ay, sx + 10, sy - head);
    }

    /** Push-up: elbow interior angle; hands at x0, feet behind. */
    PoseEstimate pushup(double elbowAngle) {
        double th = Math.toRadians(elbowAngle);
        double d = Math.sqrt(upperArm * upperArm + forearm * forearm - 2 * upperArm * forearm * Math.cos(th));
        double wx = x0, wy = ground;
        double sx = x0, sy = ground - d;
        // elbow: distance upperArm from shoulder and forearm from wrist, on the feet side (-x)
        double a = (upperArm * upperArm - forearm * forearm + d * d) / (2 * d);
        double h = Math.sqrt(Math.max(0, upperArm * upperArm - a * a));
        double ex = sx - h, ey = sy + a;
        double fx = x0 - 2.3 * (thigh + shin), fy = ground; // feet
        double hx = fx + (sx - fx) * 0.55, hy = fy + (sy - fy) * 0.55;
        double kx = fx + (sx - fx) * 0.28, ky = fy + (sy - fy) * 0.28;
        return pose(sx, sy, ex, ey, wx, wy, hx, hy, kx, ky, fx, fy, sx + 25, sy + 5);
    }

    /**
     * Sit-up / crunch: trunk lifted {@code lift} degrees from the floor; hips at x0, knees up.
     * Shoulder–hip–knee angle = 130 − lift.
     */
    PoseEstimate situp(double lift) {
        double hx = x0, hy = ground - 12;
        double kx = hx + thigh * Math.cos(Math.toRadians(50)), ky = hy - thigh * Math.sin(Math.toRadians(50));
        double ax = kx + shin * 0.55, ay = ground - 8;
        double phi = Math.toRadians(lift);
        double sx = hx - torso * Math.cos(phi), sy = hy - torso * Math.sin(phi);
        double ex = sx + upperArm * 0.3, ey = sy - upperArm * 0.4;
        double wx = sx + 5, wy = sy - upperArm * 0.7;
        return pose(sx, sy, ex, ey, wx, wy, hx, hy, kx, ky, ax, ay,
                sx - head * Math.cos(phi), sy - head * Math.sin(phi));
    }

    /** Walking at {@code speed} px/s, gait phase from time; knees bend up to {@code kneeFlex} degrees. */
    PoseEstimate walk(double t, double speed, double kneeFlex, double cycleSeconds) {
        double phase = 2 * Math.PI * t / cycleSeconds;
        double hx = x0 + speed * t, hy = ground - (thigh + shin) * 0.97;
        double hipSwing = Math.toRadians(25 * Math.sin(phase));
        double flex = Math.toRadians(kneeFlex * Math.max(0, Math.sin(phase + 1.2)));
        double kx = hx + thigh * Math.sin(hipSwing), ky = hy + thigh * Math.cos(hipSwing);
        double shinAngle = hipSwing - flex;
        double ax = kx + shin * Math.sin(shinAngle), ay = ky + shin * Math.cos(shinAngle);
        double sx = hx + 8, sy = hy - torso;
        double ex = sx - upperArm * Math.sin(hipSwing), ey = sy + upperArm * Math.cos(hipSwing);
        double wx = ex + forearm * 0.3, wy = ey + forearm * 0.95;
        return pose(sx, sy, ex, ey, wx, wy, hx, hy, kx, ky, ax, ay, sx + 8, sy - head);
    }

    /**
     * Push-up filmed head-on (issue 14), camera at floor level in front of the head: both sides seen alike; hands
     * under the shoulders, the elbows bend outward, so the image elbow angle is {@code elbowAngle}; the torso points
     * at the camera, so hips, knees and feet appear just above the shoulders.
     */
    PoseEstimate frontPushup(double elbowAngle) {
        double ua = 55, fa = 52, halfShoulder = 45, halfHands = 55;
        double th = Math.toRadians(elbowAngle);
        double d = Math.sqrt(ua * ua + fa * fa - 2 * ua * fa * Math.cos(th));
        double dx = halfHands - halfShoulder;
        double sy = ground - Math.sqrt(Math.max(1, d * d - dx * dx));
        double[][] xy = new double[17][];
        for (int sign : new int[] {-1, 1}) { // -1 = the person's right side on the image's left
            double sx = x0 + sign * halfShoulder, wx = x0 + sign * halfHands, wy = ground;
            double ux = (wx - sx) / d, uy = (wy - sy) / d;
            double a = (ua * ua - fa * fa + d * d) / (2 * d);
            double h = Math.sqrt(Math.max(0, ua * ua - a * a));
            // perpendicular pointing away from the body's midline
            double px = -uy, py = ux;
            if (Math.signum(px) != sign) {
                px = -px;
                py = -py;
            }
            double ex = sx + a * ux + h * px, ey = sy + a * uy + h * py;
            boolean right = sign < 0;
            xy[right ? RIGHT_SHOULDER : LEFT_SHOULDER] = new double[] {sx, sy};
            xy[right ? RIGHT_ELBOW : LEFT_ELBOW] = new double[] {ex, ey};
            xy[right ? RIGHT_WRIST : LEFT_WRIST] = new double[] {wx, wy};
            xy[right ? RIGHT_HIP : LEFT_HIP] = new double[] {x0 + sign * 30, sy - 18};
            xy[right ? RIGHT_KNEE : LEFT_KNEE] = new double[] {x0 + sign * 22, sy - 32};
            xy[right ? RIGHT_ANKLE : LEFT_ANKLE] = new double[] {x0 + sign * 18, sy - 40};
            xy[right ? RIGHT_EYE : LEFT_EYE] = new double[] {x0 + sign * 8, sy - 14};
            xy[right ? RIGHT_EAR : LEFT_EAR] = new double[] {x0 + sign * 16, sy - 10};
        }
        xy[NOSE] = new double[] {x0, sy - 8};
        return build(xy, true);
    }

    /** Standing facing the camera, curling both arms (elbow angle {@code elbowAngle}): not a push-up. */
    PoseEstimate frontCurl(double elbowAngle) {
        double[][] xy = new double[17][];
        double sy = ground - 150, th = Math.toRadians(180 - elbowAngle);
        for (int sign : new int[] {-1, 1}) {
            boolean right = sign < 0;
            double sx = x0 + sign * 45, ex = sx + sign * 4, ey = sy + upperArm;
            xy[right ? RIGHT_SHOULDER : LEFT_SHOULDER] = new double[] {sx, sy};
            xy[right ? RIGHT_ELBOW : LEFT_ELBOW] = new double[] {ex, ey};
            xy[right ? RIGHT_WRIST : LEFT_WRIST] = new double[] {ex + sign * forearm * 0.3 * Math.sin(th), ey + forearm * Math.cos(th)};
            xy[right ? RIGHT_HIP : LEFT_HIP] = new double[] {x0 + sign * 30, sy + torso};
            xy[right ? RIGHT_KNEE : LEFT_KNEE] = new double[] {x0 + sign * 30, sy + torso + thigh};
            xy[right ? RIGHT_ANKLE : LEFT_ANKLE] = new double[] {x0 + sign * 30, sy + torso + thigh + shin};
            xy[right ? RIGHT_EYE : LEFT_EYE] = new double[] {x0 + sign * 8, sy - 40};
            xy[right ? RIGHT_EAR : LEFT_EAR] = new double[] {x0 + sign * 16, sy - 36};
        }
        xy[NOSE] = new double[] {x0, sy - 32};
        return build(xy, true);
    }

    /** Applies the model-like defects to one side-view skeleton and builds the 17 keypoints. */
    private PoseEstimate pose(double sx, double sy, double ex, double ey, double wx, double wy,
                              double hx, double hy, double kx, double ky, double ax, double ay,
                              double nx, double ny) {
        double[][] xy = new double[17][];
        xy[NOSE] = new double[] {nx, ny};
        xy[LEFT_EYE] = new double[] {nx - 3, ny - 4};
        xy[RIGHT_EYE] = new double[] {nx - 3, ny - 4};
        xy[LEFT_EAR] = new double[] {nx - 12, ny - 2};
        xy[RIGHT_EAR] = new double[] {nx - 12, ny - 2};
        double[][] chain = {{sx, sy}, {ex, ey}, {wx, wy}, {hx, hy}, {kx, ky}, {ax, ay}};
        int[] left = {LEFT_SHOULDER, LEFT_ELBOW, LEFT_WRIST, LEFT_HIP, LEFT_KNEE, LEFT_ANKLE};
        int[] right = {RIGHT_SHOULDER, RIGHT_ELBOW, RIGHT_WRIST, RIGHT_HIP, RIGHT_KNEE, RIGHT_ANKLE};
        for (int i = 0; i < chain.length; i++) {
            xy[left[i]] = chain[i].clone();
            xy[right[i]] = new double[] {chain[i][0] + 4, chain[i][1] - 3}; // far side, nearly hidden
        }
        return build(xy, false);
    }

    /** The 17 keypoints with defects; {@code bothNear}: both sides seen as well as the near one (a front view). */
    private PoseEstimate build(double[][] xy, boolean bothNear) {
        List<Keypoint> kps = new ArrayList<>();
        double minX = 1e9, minY = 1e9, maxX = -1e9, maxY = -1e9;
        for (int k = 0; k < 17; k++) {
            boolean isLeft = k % 2 == 1;
            boolean near = bothNear || k == NOSE || isLeft == nearIsLeft;
            double score = (near ? nearScore : farScore) + rnd.nextGaussian() * 0.05;
            double x = xy[k][0] + rnd.nextGaussian() * noisePx, y = xy[k][1] + rnd.nextGaussian() * noisePx;
            double u = rnd.nextDouble();
            if (u < dropProbability) {
                score = 0.05 + 0.1 * rnd.nextDouble();
                x += rnd.nextGaussian() * 60;
                y += rnd.nextGaussian() * 60;
            } else if (u < dropProbability + outlierProbability) {
                x += (rnd.nextBoolean() ? 1 : -1) * (25 + 20 * rnd.nextDouble());
                y += (rnd.nextBoolean() ? 1 : -1) * (25 + 20 * rnd.nextDouble());
            }
            score = Math.max(0, Math.min(1, score));
            kps.add(new Keypoint(k, x, y, score));
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
        }
        double mean = kps.stream().mapToDouble(Keypoint::score).average().orElse(0);
        return new PoseEstimate(kps, mean, new Box(minX, minY, maxX, maxY));
    }

    /** Feeds a profile at {@code fps} through {@code counter}, with random frame-time jitter. */
    static int run(RepCounter counter, Profile profile, double fps, DoubleFunction<PoseEstimate> poser,
                   Random jitter) {
        long frame = 0;
        for (double t = 0; t <= profile.duration(); t += (1 / fps) * (0.8 + 0.4 * jitter.nextDouble())) {
            counter.update(frame++, t, poser.apply(profile.at(t)));
        }
        return counter.count();
    }
}
