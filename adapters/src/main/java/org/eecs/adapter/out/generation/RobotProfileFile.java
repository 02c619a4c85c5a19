package org.eecs.adapter.out.generation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eecs.adapter.yaml.YamlNode;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.performance.FaceChannel;

/**
 * The robot profile file (generation/robot-profile.yaml): the humanoid's joints with their limits and rest pose,
 * the blendshape channels its face renders, and the pose of each facial expression it shows over those channels.
 *
 * @param joints      in file order, which is the order of every trajectory's samples
 * @param channels    in file order, which is the order of every face frame's values
 * @param expressions each expression's strength per channel (channels it does not name stay at 0)
 */
record RobotProfileFile(String name, List<Joint> joints, List<FaceChannel> channels,
                        Map<FacialExpression, Map<FaceChannel, Double>> expressions) {

    static RobotProfileFile read(YamlNode root) {
        String name = root.get("name").text();
        List<Joint> joints = new ArrayList<>();
        for (Map.Entry<String, YamlNode> entry : root.get("joints").entries().entrySet()) {
            joints.add(joint(entry.getKey(), entry.getValue()));
        }
        if (joints.isEmpty()) {
            throw root.get("joints").problem("a robot needs at least one joint");
        }
        YamlNode face = root.get("face");
        List<FaceChannel> channels = new ArrayList<>();
        for (YamlNode item : face.get("channels").items()) {
            FaceChannel channel = channel(item, item.text());
            if (channels.contains(channel)) {
                throw item.problem("the channel " + channel.key() + " is listed twice");
            }
            channels.add(channel);
        }
        if (channels.isEmpty()) {
            throw face.get("channels").problem("a face needs at least one channel");
        }
        Map<FacialExpression, Map<FaceChannel, Double>> expressions = new EnumMap<>(FacialExpression.class);
        for (Map.Entry<String, YamlNode> entry : face.get("expressions").entries().entrySet()) {
            FacialExpression expression = word(entry.getValue(), () -> FacialExpression.fromLabel(entry.getKey()));
            Map<FaceChannel, Double> pose = new EnumMap<>(FaceChannel.class);
            if (entry.getValue().isPresent()) {
                for (Map.Entry<String, YamlNode> weight : entry.getValue().entries().entrySet()) {
                    FaceChannel channel = channel(weight.getValue(), weight.getKey());
                    if (!channels.contains(channel)) {
                        throw weight.getValue().problem("the face has no channel " + channel.key()
                                + " (its channels: " + keys(channels) + ")");
                    }
                    pose.put(channel, weight.getValue().number(0, 1));
                }
            }
            expressions.put(expression, Collections.unmodifiableMap(pose));
        }
        if (!expressions.containsKey(FacialExpression.NEUTRAL)) {
            throw face.get("expressions").problem("the neutral expression is required: it is what the face falls "
                    + "back to");
        }
        return new RobotProfileFile(name, List.copyOf(joints), List.copyOf(channels),
                Collections.unmodifiableMap(expressions));
    }

    Joint joint(String name) {
        return joints.stream().filter(joint -> joint.name().equals(name)).findFirst().orElse(null);
    }

    List<String> jointNames() {
        return joints.stream().map(Joint::name).toList();
    }

    Set<FacialExpression> faces() {
        return EnumSet.copyOf(expressions.keySet());
    }

    private static Joint joint(String name, YamlNode limits) {
        if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
            throw limits.problem("a joint's name is a letter followed by letters, digits or _, at most 64");
        }
        double min = limits.get("min").number(-2 * Math.PI, 2 * Math.PI);
        double max = limits.get("max").number(-2 * Math.PI, 2 * Math.PI);
        if (min >= max) {
            throw limits.problem("min must be below max, got " + min + " and " + max);
        }
        double velocity = limits.get("maxVelocity").number(1e-3, 100);
        double acceleration = limits.get("maxAcceleration").number(1e-3, 1000);
        YamlNode restEntry = limits.get("rest");
        double rest = restEntry.number();
        if (rest < min || rest > max) {
            throw restEntry.problem("the rest pose must lie within [" + min + ", " + max + "], got " + rest);
        }
        return new Joint(name, min, max, velocity, acceleration, rest);
    }

    private static FaceChannel channel(YamlNode where, String key) {
        return word(where, () -> FaceChannel.fromKey(key));
    }

    /** A word of a closed vocabulary, its refusal reported at its place in the file. */
    static <T> T word(YamlNode where, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (DomainViolation e) {
            throw where.problem(e.getMessage());
        }
    }

    private static String keys(List<FaceChannel> channels) {
        return String.join(", ", channels.stream().map(FaceChannel::key).toList());
    }

    @Override
    public String toString() {
        return name + " (" + joints.size() + " joints, " + channels.size() + " face channels)";
    }
}
