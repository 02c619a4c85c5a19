package org.eecs.adapter.out.generation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eecs.adapter.yaml.YamlNode;
import org.eecs.domain.care.Motion;

/**
 * The motion library file (generation/motion-library.yaml): for each motion the robot knows, its keyframes.
 * A clip moves from rest to the gesture ({@code reach}), optionally repeats a {@code cycle} while the robot speaks
 * (a nod, a wave, a breath; it ends where it starts), otherwise holds the reached pose, and returns to rest in {@code release} seconds.
 * Each keyframe names only the joints it moves: the others keep their previous angle, from rest on. A keyframe's
 * {@code in} is the time to reach it from the previous pose at the clip's natural pace.
 */
record MotionLibrary(Map<Motion, Clip> clips) {

    /** A pose to reach, with every joint of the profile in its order, and the natural time to reach it. */
    record Keyframe(double seconds, double[] pose) {
    }

    /** {@code reach} empty means the motion is stillness at rest ({@link Motion#NONE}). */
    record Clip(List<Keyframe> reach, List<Keyframe> cycle, double release) {

        boolean still() {
            return reach.isEmpty();
        }
    }

    static MotionLibrary read(YamlNode root, RobotProfileFile profile) {
        Map<Motion, Clip> clips = new EnumMap<>(Motion.class);
        for (Map.Entry<String, YamlNode> entry : root.entries().entrySet()) {
            Motion motion = RobotProfileFile.word(entry.getValue(), () -> Motion.fromLabel(entry.getKey()));
            clips.put(motion, clip(entry.getValue(), profile));
        }
        if (!clips.containsKey(Motion.NONE) || !clips.get(Motion.NONE).still()) {
            throw root.problem("the motion \"none\" is required and must be empty: it is what the body falls back to");
        }
        return new MotionLibrary(Collections.unmodifiableMap(clips));
    }

    Set<Motion> motions() {
        return EnumSet.copyOf(clips.keySet());
    }

    private static Clip clip(YamlNode clip, RobotProfileFile profile) {
        if (!clip.isPresent() || clip.entries().isEmpty()) {
            return new Clip(List.of(), List.of(), 0);
        }
        double[] rest = profile.joints().stream().mapToDouble(Joint::rest).toArray();
        List<Keyframe> reach = keyframes(clip.get("reach"), profile, rest);
        if (reach.isEmpty()) {
            throw clip.get("reach").problem("a motion reaches at least one pose");
        }
        List<Keyframe> cycle = clip.find("cycle").map(c -> keyframes(c, profile, reach.getLast().pose()))
                .orElse(List.of());
        if (!cycle.isEmpty() && !java.util.Arrays.equals(cycle.getLast().pose(), reach.getLast().pose())) {
            throw clip.get("cycle").problem("a cycle must end in the pose the reach ends in, so that it can repeat");
        }
        double release = clip.get("release").number(0.05, 30);
        return new Clip(reach, cycle, release);
    }

    private static List<Keyframe> keyframes(YamlNode list, RobotProfileFile profile, double[] from) {
        List<Keyframe> keyframes = new ArrayList<>();
        double[] pose = from;
        for (YamlNode item : list.items()) {
            double seconds = item.get("in").number(0.05, 30);
            pose = pose.clone();
            for (Map.Entry<String, YamlNode> angle : item.get("pose").entries().entrySet()) {
                Joint joint = profile.joint(angle.getKey());
                if (joint == null) {
                    throw angle.getValue().problem("the robot has no joint " + angle.getKey() + " (its joints: "
                            + String.join(", ", profile.jointNames()) + ")");
                }
                double value = angle.getValue().number();
                if (!joint.reaches(value)) {
                    throw angle.getValue().problem(joint.name() + " reaches only [" + joint.min() + ", "
                            + joint.max() + "], got " + value);
                }
                pose[profile.joints().indexOf(joint)] = value;
            }
            keyframes.add(new Keyframe(seconds, pose));
        }
        return List.copyOf(keyframes);
    }
}
